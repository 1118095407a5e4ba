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
    var metadata = document.getElementById("vn-qb-metadata");
    var applyAll = document.getElementById("vn-qb-apply");
    var FIELDS = ["subject", "grade", "level", "outcomes"];
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
      var ready = current.stage === "preview" && data.sample && data.sample.length && !(data.problems || []).length;
      hide(metadata, !ready);
      if (ready) {
        if (data.sample.length < data.questions) {
          parts.push('<p class="vn-muted">' + Q.escape(Q.format(texts.shown, { shown: data.sample.length, count: data.questions })) + "</p>");
        }
        parts.push('<ol class="vn-qb-list" id="vn-qb-preview">' + data.sample.map(questionItem).join("") + "</ol>");
      }
      result.innerHTML = parts.join("");
      if (ready) { fillRows(data.sample); }
      Q.renderMath(result);
    }

    /* One previewed question as the student sees it (options, statements, math), with its key, its
       explanation and feedback, and its subject, grade, level and outcomes to check or change. */
    function questionItem(q) {
      var feedback = ((q.body || {}).choices || []).filter(function (c) { return c.feedback; });
      var html = '<li class="vn-qb-item" data-key="' + Q.escape(q.key) + '">' +
        '<div class="meta"><span>' + Q.escape(q.place) + '</span><span class="vn-qb-tag">' +
        Q.escape(texts.types[q.type] || q.type) + "</span>" + (q.title ? "<strong>" + Q.escape(q.title) + "</strong>" : "") +
        "</div>" + Q.questionHTML(q, texts);
      if (feedback.length) {
        html += '<p class="vn-muted">' + Q.escape(texts.feedback) + ": " + feedback.map(function (c) {
          return Q.sanitize(c.text) + " → " + Q.sanitize(c.feedback);
        }).join("; ") + "</p>";
      }
      if (q.notes && q.notes.length) {
        html += '<ul class="vn-muted">' + q.notes.map(function (n) { return "<li>" + Q.escape(n) + "</li>"; }).join("") + "</ul>";
      }
      return html + '<div class="vn-qb-actions vn-qb-meta-row"></div></li>';
    }

    /* The per-question fields: copies of the "for every question" fields, set to the file's values. */
    function fillRows(sample) {
      var rows = result.querySelectorAll("#vn-qb-preview > li");
      sample.forEach(function (q, index) {
        var row = rows[index].querySelector(".vn-qb-meta-row");
        FIELDS.forEach(function (name) {
          var source = metadata.querySelector("[name=" + name + "]");
          var label = source.parentNode.cloneNode(true);
          var field = label.querySelector("[name=" + name + "]");
          var value = name === "outcomes" ? (q.outcomes || []).join(", ") : (q[name] == null ? "" : String(q[name]));
          if (field.tagName === "SELECT" && value && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) {
            var option = document.createElement("option");
            option.value = value;
            option.textContent = value;
            field.appendChild(option);
          }
          field.value = value;
          row.appendChild(label);
        });
      });
    }

    function values(container) {
      var found = {};
      FIELDS.forEach(function (name) {
        var value = container.querySelector("[name=" + name + "]").value.trim();
        if (name === "grade") { found.grade = value ? Number(value) : null; }
        else if (name === "outcomes") { found.outcomes = value ? value.split(/[,;\s]+/).filter(Boolean) : []; }
        else { found[name] = value; }
      });
      return found;
    }

    /* The texts of a REST error ({"field": ["message"]}, nested), for the teacher. */
    function messages(data) {
      if (data == null) { return []; }
      if (typeof data === "string") { return [data]; }
      return Object.keys(data).reduce(function (all, name) { return all.concat(messages(data[name])); }, []);
    }

    function choices() {
      var questions = {};
      Array.prototype.forEach.call(result.querySelectorAll("#vn-qb-preview > li"), function (item) {
        questions[item.getAttribute("data-key")] = values(item);
      });
      return { all: values(metadata), questions: questions };
    }

    applyAll.addEventListener("click", function () {
      var all = values(metadata);
      Array.prototype.forEach.call(result.querySelectorAll("#vn-qb-preview .vn-qb-meta-row"), function (row) {
        FIELDS.forEach(function (name) {
          var source = metadata.querySelector("[name=" + name + "]");
          var field = row.querySelector("[name=" + name + "]");
          if (name === "outcomes" ? all.outcomes.length : source.value) { field.value = source.value; }
        });
      });
      status.textContent = texts.applied;
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      result.innerHTML = "";
      hide(confirm, true);
      hide(metadata, true);
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
      Q.request(url(api.confirm, job.uuid), { method: "POST", body: choices() }).then(function (answer) {
        if (!answer.ok) {
          confirm.disabled = false;
          var error = document.createElement("p");
          error.className = "vn-qb-message error";
          error.setAttribute("role", "alert");
          error.textContent = Q.format(texts.error, { detail: messages(answer.data).join(" ") || answer.status });
          result.insertBefore(error, result.firstChild);
          return;
        }
        hide(metadata, true);
        result.innerHTML = "";
        follow(answer.data);
      });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
