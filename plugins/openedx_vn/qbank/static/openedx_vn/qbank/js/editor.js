/* The question editor: one form per type, a live preview with math, save = a new version. */
(function () {
  "use strict";

  function start() {
    var Q = window.VNQBank;
    var texts = Q.strings();
    var form = document.getElementById("vn-qb-editor");
    var bodyBox = document.getElementById("vn-qb-body");
    var preview = document.getElementById("vn-qb-preview");
    var problems = document.getElementById("vn-qb-problems");
    var content = JSON.parse(document.getElementById("vn-qbank-content").textContent);
    var canEdit = form.dataset.canEdit === "1";
    var body = JSON.parse(JSON.stringify(content.body || {}));
    var type = content.type;
    var timer = null;

    function el(tag, attributes, children) {
      var node = document.createElement(tag);
      Object.keys(attributes || {}).forEach(function (name) {
        if (name === "text") { node.textContent = attributes[name]; } else { node.setAttribute(name, attributes[name]); }
      });
      (children || []).forEach(function (child) { node.appendChild(child); });
      return node;
    }

    function textArea(value, label, onInput) {
      var area = el("textarea", { rows: "2", "aria-label": label });
      area.value = value || "";
      area.addEventListener("input", function () { onInput(area.value); schedule(); });
      return area;
    }

    function removeButton(list, index) {
      var button = el("button", { type: "button", text: texts.remove });
      button.addEventListener("click", function () { list.splice(index, 1); build(); schedule(); });
      return button;
    }

    function addButton(label, onAdd) {
      var button = el("button", { type: "button", text: "+ " + label });
      button.addEventListener("click", function () { onAdd(); build(); schedule(); });
      return button;
    }

    /* Keep what can be kept when the type changes (texts of options ↔ statements). */
    function convert(to) {
      var texts_ = (body.choices || body.statements || []).map(function (entry) { return entry.text; });
      if (to === "multiple_choice") {
        while (texts_.length < 4) { texts_.push(""); }
        return { choices: texts_.map(function (text, i) { return { text: text, correct: i === 0 }; }) };
      }
      if (to === "true_false_cluster") {
        while (texts_.length < 4) { texts_.push(""); }
        return { statements: texts_.slice(0, 6).map(function (text) { return { text: text, is_true: true }; }) };
      }
      if (to === "short_answer") { return { kind: "numeric", value: "", tolerance: "0" }; }
      return { rubric: [] };
    }

    function build() {
      bodyBox.querySelectorAll(":scope > :not(legend)").forEach(function (node) { node.remove(); });
      if (type === "multiple_choice") {
        body.choices.forEach(function (choice, i) {
          var radio = el("input", { type: "radio", name: "correct", "aria-label": texts.answer + " " + "ABCDEFGHIJ"[i] });
          radio.checked = !!choice.correct;
          radio.addEventListener("change", function () {
            body.choices.forEach(function (c, j) { c.correct = j === i; });
            schedule();
          });
          var label = texts.option + " " + "ABCDEFGHIJ"[i];
          bodyBox.appendChild(el("div", { "class": "vn-qb-entry" }, [
            radio, textArea(choice.text, label, function (v) { choice.text = v; }), removeButton(body.choices, i)]));
        });
        if (body.choices.length < 10) {
          bodyBox.appendChild(addButton(texts.option, function () { body.choices.push({ text: "", correct: false }); }));
        }
      } else if (type === "true_false_cluster") {
        body.statements.forEach(function (statement, i) {
          var select = el("select", { "aria-label": texts.statement + " " + "abcdef"[i] + " — " + texts.answer }, [
            el("option", { value: "1", text: texts["true"] }), el("option", { value: "0", text: texts["false"] })]);
          select.value = statement.is_true ? "1" : "0";
          select.addEventListener("change", function () { statement.is_true = select.value === "1"; schedule(); });
          var label = texts.statement + " " + "abcdef"[i];
          bodyBox.appendChild(el("div", { "class": "vn-qb-entry" }, [
            select, textArea(statement.text, label, function (v) { statement.text = v; }), removeButton(body.statements, i)]));
        });
        if (body.statements.length < 6) {
          bodyBox.appendChild(addButton(texts.statement, function () { body.statements.push({ text: "", is_true: true }); }));
        }
      } else if (type === "short_answer") {
        var kind = el("select", { "aria-label": texts.answer }, [
          el("option", { value: "numeric", text: "123" }), el("option", { value: "text", text: "abc" })]);
        kind.value = body.kind === "text" ? "text" : "numeric";
        kind.addEventListener("change", function () {
          body = kind.value === "text" ? { kind: "text", answers: [] } : { kind: "numeric", value: "", tolerance: "0" };
          build(); schedule();
        });
        bodyBox.appendChild(kind);
        if (kind.value === "numeric") {
          var value = el("input", { "aria-label": texts.answer, inputmode: "decimal" });
          value.value = String(body.value || "").replace(".", ",");
          value.addEventListener("input", function () { body.value = value.value; schedule(); });
          var tolerance = el("input", { "aria-label": texts.tolerance, inputmode: "decimal" });
          tolerance.value = String(body.tolerance || "0").replace(".", ",");
          tolerance.addEventListener("input", function () { body.tolerance = tolerance.value; schedule(); });
          bodyBox.appendChild(el("div", { "class": "row" }, [value, tolerance]));
        } else {
          bodyBox.appendChild(textArea((body.answers || []).join("\n"), texts.answer, function (v) {
            body.answers = v.split("\n").map(function (a) { return a.trim(); }).filter(Boolean);
          }));
        }
      } else {
        body.rubric = body.rubric || [];
        body.rubric.forEach(function (entry, i) {
          var points = el("input", { "aria-label": texts.points, inputmode: "decimal", size: "4" });
          points.value = String(entry.points || "0").replace(".", ",");
          points.addEventListener("input", function () { entry.points = points.value; schedule(); });
          bodyBox.appendChild(el("div", { "class": "vn-qb-entry" }, [
            points, textArea(entry.text, texts.criterion, function (v) { entry.text = v; }), removeButton(body.rubric, i)]));
        });
        bodyBox.appendChild(addButton(texts.criterion, function () { body.rubric.push({ text: "", points: "0" }); }));
      }
      if (!canEdit) { form.querySelectorAll("input, select, textarea, button").forEach(function (n) { n.disabled = true; }); }
    }

    function number(text) { return String(text || "").trim().replace(",", "."); }

    function current() {
      var copy = JSON.parse(JSON.stringify(body));
      if (copy.kind === "numeric") { copy.value = number(copy.value); copy.tolerance = number(copy.tolerance) || "0"; }
      (copy.rubric || []).forEach(function (entry) { entry.points = number(entry.points) || "0"; });
      return {
        type: type,
        title: form.elements.title.value,
        stem: form.elements.stem.value,
        body: copy,
        explanation: form.elements.explanation.value,
        points: number(form.elements.points.value) || "1",
        cognitive_level: form.elements.cognitive_level.value,
        subject_code: form.elements.subject_code.value,
        grade: form.elements.grade.value ? Number(form.elements.grade.value) : null,
        outcome_codes: form.elements.outcome_codes.value.split(/[,;\s]+/).filter(Boolean)
      };
    }

    function render() {
      preview.innerHTML = Q.questionHTML(current(), texts);
      var details = preview.querySelector("details");
      if (details) { details.open = true; }
      Q.renderMath(preview);
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(render, 120);
    }

    form.elements.type.addEventListener("change", function () {
      body = convert(form.elements.type.value);
      type = form.elements.type.value;
      build(); schedule();
    });
    ["title", "stem", "explanation", "points"].forEach(function (name) {
      form.elements[name].addEventListener("input", schedule);
    });

    function showProblems(data) {
      var messages = [];
      (function collect(value, where) {
        if (Array.isArray(value)) { value.forEach(function (v) { collect(v, where); }); return; }
        if (value && typeof value === "object") {
          Object.keys(value).forEach(function (key) { collect(value[key], key === "problems" || key === "non_field_errors" ? where : key); });
          return;
        }
        messages.push((where ? where + ": " : "") + value);
      })(data, "");
      problems.innerHTML = "<ul>" + messages.map(function (m) { return "<li>" + Q.escape(m) + "</li>"; }).join("") + "</ul>";
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      problems.innerHTML = "";
      Q.request(form.dataset.saveUrl, { method: "POST", body: current() }).then(function (answer) {
        if (!answer.ok) { showProblems(answer.data || { error: answer.status }); return; }
        var page = form.dataset.pageUrl.replace("00000000-0000-0000-0000-000000000000", answer.data.uuid);
        window.location.href = page + "?saved=" + answer.data.version;
      });
    });

    build();
    render();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
