/* The import wizard: upload → preview (problems with their places) → confirm, with a progress bar. */
(function () {
  "use strict";

  var ZERO = "00000000-0000-0000-0000-000000000000";

  function start() {
    var Q = window.VNQBank;
    var texts = Q.strings();
    var api = JSON.parse(document.getElementById("vn-qbank-api").textContent);
    var form = document.getElementById("vn-qb-upload");
    var box = document.getElementById("vn-qb-progress-box");
    var bar = document.getElementById("vn-qb-progress");
    var status = document.getElementById("vn-qb-progress-text");
    var result = document.getElementById("vn-qb-result");
    var confirm = document.getElementById("vn-qb-confirm");
    var job = null;

    function url(template, uuid) { return template.replace(ZERO, uuid); }
    function hide(node, hidden) { node.classList.toggle("vn-qb-hidden", hidden); }

    function progress(current) {
      hide(box, false);
      if (current.status === "queued") {
        bar.removeAttribute("value");
        status.textContent = texts.queued;
      } else if (current.total && current.done >= current.total && current.stage === "import") {
        bar.removeAttribute("value");
        status.textContent = texts.saving;
      } else {
        bar.max = current.total || 1;
        bar.value = current.done || 0;
        status.textContent = Q.format(texts.checking, { done: Q.number(current.done), total: Q.number(current.total) });
      }
    }

    /* Poll the job until it is done or failed. */
    function follow(current) {
      job = current;
      if (current.status === "done" || current.status === "failed") {
        hide(box, true);
        show(current);
        return;
      }
      progress(current);
      setTimeout(function () {
        Q.request(url(api.job, current.uuid)).then(function (answer) {
          if (answer.ok) { follow(answer.data); } else { result.textContent = Q.format(texts.error, { detail: answer.status }); }
        });
      }, 600);
    }

    function place(problem) {
      var parts = [];
      if (problem.line) { parts.push((texts[problem.unit] || texts.line) + " " + problem.line); }
      if (problem.question) { parts.push(texts.question + " " + problem.question); }
      return parts.join(", ") || problem.file;
    }

    function problemTable(problems) {
      var rows = problems.map(function (p) {
        return '<tr class="vn-problem"><td>' + Q.escape(place(p)) + "</td><td>" + Q.escape(p.message) +
          (p.excerpt ? "<br><code>" + Q.escape(p.excerpt) + "</code>" : "") + "</td></tr>";
      });
      return '<table class="vn-table vn-qb-problems"><thead><tr><th>' + Q.escape(texts.place) + "</th><th>" +
        Q.escape(texts.problem) + "</th></tr></thead><tbody>" + rows.join("") + "</tbody></table>";
    }

    function show(current) {
      var data = current.result || {};
      var parts = [];
      hide(confirm, true);
      if (data.problems && data.problems.length) {
        var message = current.stage === "import" ? texts.failed : Q.format(texts.problems, { count: data.problems.length });
        parts.push('<p class="vn-qb-message error" role="alert">' + Q.escape(message) + "</p>");
        parts.push(problemTable(data.problems));
      } else if (current.stage === "import") {
        parts.push('<p class="vn-qb-message" role="status">' + Q.escape(Q.format(texts.imported, { count: data.created })) +
          ' <a href="' + Q.escape(api.bank) + '">→</a></p>');
      } else {
        parts.push('<p class="vn-qb-message">' + Q.escape(Q.format(texts.ready, { count: data.questions })) + "</p>");
        confirm.textContent = Q.format(texts.confirm, { count: data.questions });
        hide(confirm, !data.questions);
        confirm.disabled = false;
      }
      if (data.duplicates && data.duplicates.length) {
        parts.push("<p>" + Q.escape(Q.format(texts.duplicates, { count: data.duplicates.length })) + "</p><ul>" +
          data.duplicates.map(function (d) { return "<li>" + Q.escape(d.place + " → " + d.of) + "</li>"; }).join("") + "</ul>");
      }
      if (data.notes && data.notes.length) {
        parts.push('<ul class="vn-muted">' + data.notes.map(function (n) { return "<li>" + Q.escape(n) + "</li>"; }).join("") + "</ul>");
      }
      if (current.stage === "preview" && data.sample && data.sample.length && !(data.problems || []).length) {
        parts.push('<ol class="vn-qb-list">' + data.sample.map(function (q) {
          return '<li class="vn-qb-item"><span class="vn-muted">' + Q.escape(q.place) + "</span><div>" +
            '<span class="vn-qb-tag">' + Q.escape(texts.types[q.type] || q.type) + "</span>" +
            '<div class="vn-qb-stem">' + Q.sanitize(q.stem) + "</div></div></li>";
        }).join("") + "</ol>");
      }
      result.innerHTML = parts.join("");
      Q.renderMath(result);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      result.innerHTML = "";
      hide(confirm, true);
      var data = new FormData(form);
      data.delete("csrfmiddlewaretoken");
      progress({ status: "queued" });
      Q.request(api.upload, { method: "POST", body: data }).then(function (answer) {
        if (!answer.ok) {
          hide(box, true);
          result.innerHTML = '<p class="vn-qb-message error" role="alert">' +
            Q.escape(Q.format(texts.error, { detail: JSON.stringify(answer.data) })) + "</p>";
          return;
        }
        follow(answer.data);
      });
    });

    confirm.addEventListener("click", function () {
      if (!job) { return; }
      confirm.disabled = true;
      Q.request(url(api.confirm, job.uuid), { method: "POST" }).then(function (answer) {
        if (!answer.ok) {
          confirm.disabled = false;
          result.textContent = Q.format(texts.error, { detail: JSON.stringify(answer.data) });
          return;
        }
        result.innerHTML = "";
        follow(answer.data);
      });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
