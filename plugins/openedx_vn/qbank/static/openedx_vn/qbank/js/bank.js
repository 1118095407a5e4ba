/* A bank's page: filter and page through its questions, move or copy them, share the bank. */
(function () {
  "use strict";

  function start() {
    var Q = window.VNQBank;
    var texts = Q.strings();
    var api = JSON.parse(document.getElementById("vn-qbank-api").textContent);
    var form = document.getElementById("vn-qb-filters");
    var list = document.getElementById("vn-qb-list");
    var count = document.getElementById("vn-qb-count");
    var errors = document.getElementById("vn-qb-errors");
    var previous = document.getElementById("vn-qb-previous");
    var next = document.getElementById("vn-qb-next");
    var canEdit = list.dataset.canEdit === "1";
    var pending = null;

    Q.renderMath(list);

    function params(cursor) {
      var query = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (String(value).trim() !== "") { query.set(name, String(value).trim()); }
      });
      if (cursor) { query.set("cursor", cursor); }
      return query;
    }

    function item(q) {
      var meta = ['<span class="vn-qb-tag">' + Q.escape(texts.types[q.type] || q.type) + "</span>"];
      if (q.cognitive_level) { meta.push('<span class="vn-qb-tag">' + Q.escape(texts.levels[q.cognitive_level] || "") + "</span>"); }
      if (q.subject_code) { meta.push("<span>" + Q.escape(q.subject_code + (q.grade ? " " + q.grade : "")) + "</span>"); }
      (q.outcome_codes || []).forEach(function (code) { meta.push("<span>" + Q.escape(code) + "</span>"); });
      meta.push("<span>" + Q.escape(Q.format(texts.version, { number: q.version })) + "</span>");
      meta.push("<span>" + Q.escape(String(Number(q.points)).replace(".", ",")) + " " + Q.escape(texts.points) + "</span>");
      if (q.title) { meta.push("<strong>" + Q.escape(q.title) + "</strong>"); }
      var link = api.question_page.replace("00000000-0000-0000-0000-000000000000", q.uuid);
      var li = document.createElement("li");
      li.className = "vn-qb-item";
      li.dataset.uuid = q.uuid;
      li.innerHTML = '<input type="checkbox" class="vn-qb-select" value="' + Q.escape(q.uuid) + '">' +
        '<div><div class="meta">' + meta.join(" ") + "</div>" + Q.questionHTML(q, texts) +
        '<a href="' + Q.escape(link) + '">' + Q.escape(canEdit ? texts.edit : texts.view) + "</a></div>";
      return li;
    }

    function show(page) {
      list.innerHTML = "";
      if (!page.results.length) {
        var empty = document.createElement("li");
        empty.className = "vn-muted";
        empty.textContent = texts.none;
        list.appendChild(empty);
      }
      page.results.forEach(function (q) { list.appendChild(item(q)); });
      count.textContent = Q.format(page.count_exact ? texts.count : texts.count_more, { count: Q.number(page.count) });
      previous.dataset.cursor = page.previous || "";
      next.dataset.cursor = page.next || "";
      previous.disabled = !page.previous;
      next.disabled = !page.next;
      Q.renderMath(list);
    }

    var asked = 0;  // answers to older requests are dropped: the list shows the latest filters
    function load(cursor) {
      var query = params(cursor);
      var number = ++asked;
      errors.textContent = "";
      Q.request(api.questions + "?" + query.toString()).then(function (answer) {
        if (number !== asked) { return; }
        if (!answer.ok) {
          errors.textContent = Q.format(texts.error, { detail: JSON.stringify(answer.data) });
          return;
        }
        show(answer.data);
        query.delete("cursor");
        history.replaceState(null, "", "?" + query.toString());
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); load(); });
    form.addEventListener("change", function (event) { if (event.target.name !== "q") { load(); } });
    form.elements.q.addEventListener("input", function () {
      clearTimeout(pending);
      pending = setTimeout(load, 350);
    });
    previous.addEventListener("click", function () { load(previous.dataset.cursor); });
    next.addEventListener("click", function () { load(next.dataset.cursor); });

    // Move or copy the ticked questions.
    function transfer(url, done) {
      var chosen = Array.prototype.map.call(list.querySelectorAll(".vn-qb-select:checked"), function (box) { return box.value; });
      var result = document.getElementById("vn-qb-transfer-result");
      if (!chosen.length) { result.textContent = texts.choose; return; }
      var target = document.getElementById("vn-qb-target").value;
      Q.request(url, { method: "POST", body: { questions: chosen, target: target } }).then(function (answer) {
        result.textContent = answer.ok ? done(answer.data) : Q.format(texts.error, { detail: JSON.stringify(answer.data) });
        if (answer.ok) { load(); }
      });
    }
    var move = document.getElementById("vn-qb-move");
    var copy = document.getElementById("vn-qb-copy");
    if (move) { move.addEventListener("click", function () { transfer(api.move, function (d) { return Q.format(texts.moved, { count: d.moved }); }); }); }
    if (copy) {
      copy.addEventListener("click", function () {
        transfer(api.copy, function (d) { return Q.format(texts.copied, { count: d.created.length, skipped: d.skipped.length }); });
      });
    }

    // Shares (owners).
    var shares = document.getElementById("vn-qb-shares");
    var shareForm = document.getElementById("vn-qb-share-form");
    if (shares && shareForm) {
      var shareResult = document.getElementById("vn-qb-share-result");
      shareForm.addEventListener("submit", function (event) {
        event.preventDefault();
        var body = { username: shareForm.elements.username.value.trim(), role: shareForm.elements.role.value };
        Q.request(api.shares, { method: "POST", body: body }).then(function (answer) {
          if (answer.ok) { window.location.reload(); return; }
          shareResult.textContent = Q.format(texts.error, { detail: JSON.stringify(answer.data) });
        });
      });
      shares.addEventListener("change", function (event) {
        if (!event.target.classList.contains("vn-qb-share-role")) { return; }
        var user = event.target.closest("tr").dataset.user;
        Q.request(api.shares + user + "/", { method: "PATCH", body: { role: event.target.value } });
      });
      shares.addEventListener("click", function (event) {
        if (!event.target.classList.contains("vn-qb-share-remove")) { return; }
        var row = event.target.closest("tr");
        Q.request(api.shares + row.dataset.user + "/", { method: "DELETE" }).then(function (answer) {
          if (answer.ok) { row.remove(); shareResult.textContent = texts.removed; }
        });
      });
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
