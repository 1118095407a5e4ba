/* The matrix editor (ma trận đề): rows of topics × 4 formats × 3 levels, live totals by format and level,
   problems next to the cells (computed here as one types, then confirmed by the server's check), save.
   Points are kept as integers of 1/10000 so that 0,25 + 0,25 + … adds up exactly. */
(function () {
  "use strict";

  var SCALE = 10000;
  var STATEMENTS = 4; // đúng – sai: the matrix counts statements, 4 to a question
  var CV7991_LEVELS = { biet: 4, hieu: 3, van_dung: 3 }; // the default split of an exam structure's questions

  function json(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  var initial = json("vn-as-data");
  var templates = json("vn-as-templates") || {};
  var subjects = json("vn-as-subjects") || {};
  var FORMATS = json("vn-as-formats");
  var LEVELS = json("vn-as-levels");
  var T = json("vn-as-strings");
  var URLS = json("vn-as-urls");
  var formatKeys = Object.keys(FORMATS);
  var levelKeys = Object.keys(LEVELS);

  var form = document.getElementById("vn-as-editor");
  var grid = document.getElementById("vn-as-grid");
  var uuid = form.dataset.uuid || "";

  // ------------------------------------------------------------------------------------------ numbers
  function format(template, values) {
    return String(template).replace(/%\((\w+)\)s/g, function (_, name) {
      return values[name] === undefined ? "" : values[name];
    });
  }

  /* "0,25" or "0.25" → 2500; "" → 0; anything else → NaN. */
  function scaled(text) {
    text = String(text == null ? "" : text).trim().replace(",", ".");
    if (text === "") { return 0; }
    if (!/^-?\d+(\.\d+)?$/.test(text) && !/^-?\.\d+$/.test(text)) { return NaN; }
    return Math.round(parseFloat(text) * SCALE);
  }

  function count(text) {
    text = String(text == null ? "" : text).trim();
    if (text === "") { return 0; }
    return /^-?\d+$/.test(text) ? parseInt(text, 10) : NaN;
  }

  /* 2500 → "0,25"; 100000 → "10". */
  function shown(value) {
    if (isNaN(value)) { return "?"; }
    var text = (value / SCALE).toFixed(4).replace(/\.?0+$/, "");
    return text.replace(".", ",");
  }

  function percent(part, whole) {
    if (!whole) { return ""; }
    return (Math.round(part * 1000 / whole) / 10).toString().replace(".", ",") + "%";
  }

  // ------------------------------------------------------------------------------------------- state
  function key(row, fmt, level) { return row + "|" + fmt + "|" + level; }

  var rows = (initial.rows || []).map(function (row) {
    var requirements = row.requirements || {};
    return {
      topic: row.topic || "",
      label: row.label || "",
      codes: (row.codes || []).join(" "),
      requirements: { biet: requirements.biet || "", hieu: requirements.hieu || "", van_dung: requirements.van_dung || "" }
    };
  });
  var cells = {};
  (initial.cells || []).forEach(function (cell) {
    cells[key(cell.row, cell.format, cell.level)] = {
      count: String(cell.count), points: String(cell.points).replace(".", ",")
    };
  });
  var sentCells = []; // the cells of the last request, to place the server's "cells[3].points"

  function cellOf(row, fmt, level) { return cells[key(row, fmt, level)] || { count: "", points: "" }; }

  function emptyRow() {
    return { topic: "", label: "", codes: "", requirements: { biet: "", hieu: "", van_dung: "" } };
  }

  function removeRow(index) {
    var moved = {};
    Object.keys(cells).forEach(function (name) {
      var parts = name.split("|"), row = parseInt(parts[0], 10);
      if (row === index) { return; }
      moved[key(row > index ? row - 1 : row, parts[1], parts[2])] = cells[name];
    });
    cells = moved;
    rows.splice(index, 1);
    if (!rows.length) { rows.push(emptyRow()); }
  }

  // --------------------------------------------------------------------------------------------- grid
  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function input(attributes, value) {
    var node = element("input", attributes);
    node.value = value;
    return node;
  }

  function cellName(row, fmt, level) {
    return format(T.local.cell, { row: row + 1, format: FORMATS[fmt], level: LEVELS[level] });
  }

  function header() {
    var thead = element("thead");
    var first = element("tr"), second = element("tr");
    ["No.", "topic", "content", "codes"].forEach(function (name) {
      first.appendChild(element("th", { rowspan: 2, "data-col": name }, T.columns[name]));
    });
    formatKeys.forEach(function (fmt) {
      first.appendChild(element("th", { colspan: 3, class: "vn-as-format" }, FORMATS[fmt]));
      levelKeys.forEach(function (level) { second.appendChild(element("th", {}, LEVELS[level])); });
    });
    first.appendChild(element("th", { colspan: 3 }, T.columns.points_by_level));
    levelKeys.forEach(function (level) { second.appendChild(element("th", {}, LEVELS[level])); });
    first.appendChild(element("th", { rowspan: 2 }, T.columns.percent));
    first.appendChild(element("th", { rowspan: 2 }, ""));
    thead.appendChild(first);
    thead.appendChild(second);
    return thead;
  }

  function bodyRow(index) {
    var row = rows[index];
    var tr = element("tr", { "data-row": index });
    tr.appendChild(element("td", { class: "num" }, String(index + 1)));
    [["topic", "topic"], ["label", "label"], ["codes", "codes"]].forEach(function (pair) {
      var attributes = { "data-field": "rows[" + index + "]." + pair[1], "data-prop": pair[0], "aria-label": T.columns[pair[0] === "label" ? "content" : pair[0]] + " " + (index + 1) };
      if (pair[0] === "codes") { attributes.list = "vn-as-codes"; attributes.placeholder = "TOAN.10.1.1"; }
      var td = element("td", { class: "vn-as-" + pair[0] });
      td.appendChild(input(attributes, row[pair[0]]));
      tr.appendChild(td);
    });
    formatKeys.forEach(function (fmt) {
      levelKeys.forEach(function (level) {
        var cell = cellOf(index, fmt, level);
        var td = element("td", { class: "vn-as-cell", "data-row": index, "data-format": fmt, "data-level": level });
        var name = cellName(index, fmt, level);
        td.appendChild(input({ class: "vn-as-count", inputmode: "numeric", size: 2, "aria-label": name + ": " + T.columns[fmt === "true_false_cluster" ? "statements" : "questions"], placeholder: fmt === "true_false_cluster" ? T.columns.statements_short : T.columns.questions_short }, cell.count));
        td.appendChild(input({ class: "vn-as-points", inputmode: "decimal", size: 3, "aria-label": name + ": " + T.columns.points, placeholder: T.columns.points_short }, cell.points));
        td.appendChild(element("div", { class: "vn-as-note" }));
        tr.appendChild(td);
      });
    });
    levelKeys.forEach(function (level) { tr.appendChild(element("td", { class: "num vn-as-row-level", "data-level": level })); });
    tr.appendChild(element("td", { class: "num vn-as-row-percent" }));
    var remove = element("button", { type: "button", class: "vn-as-remove", "aria-label": T.remove_row + " " + (index + 1), title: T.remove_row }, "×");
    var last = element("td");
    last.appendChild(remove);
    tr.appendChild(last);
    return tr;
  }

  function footer() {
    var tfoot = element("tfoot");
    [["count", T.columns.total_count], ["points", T.columns.total_points], ["percent", T.columns.percent], ["template", T.columns.template]].forEach(function (pair) {
      var tr = element("tr", { "data-total": pair[0] });
      tr.appendChild(element("th", { colspan: 4 }, pair[1]));
      formatKeys.forEach(function (fmt) {
        if (pair[0] === "template") {
          tr.appendChild(element("td", { colspan: 3, class: "num vn-as-format-total", "data-format": fmt }));
          return;
        }
        levelKeys.forEach(function (level) {
          tr.appendChild(element("td", { class: "num", "data-format": fmt, "data-level": level }));
        });
      });
      levelKeys.forEach(function (level) {
        tr.appendChild(element("td", { class: "num vn-as-level-total", "data-level": level }));
      });
      tr.appendChild(element("td", { class: "num vn-as-grand" }));
      tr.appendChild(element("td"));
      tfoot.appendChild(tr);
    });
    return tfoot;
  }

  function specification() {
    var box = document.getElementById("vn-as-spec");
    box.textContent = "";
    rows.forEach(function (row, index) {
      var fieldset = element("fieldset", { "data-row": index });
      fieldset.appendChild(element("legend", {}, (index + 1) + ". " + (row.label || "…")));
      levelKeys.forEach(function (level) {
        var label = element("label", {}, LEVELS[level]);
        var area = element("textarea", { rows: 2, "data-level": level, "data-field": "rows[" + index + "].requirements" });
        area.value = row.requirements[level] || "";
        label.appendChild(area);
        fieldset.appendChild(label);
      });
      box.appendChild(fieldset);
    });
  }

  function render() {
    grid.textContent = "";
    grid.appendChild(header());
    var tbody = element("tbody");
    rows.forEach(function (_, index) { tbody.appendChild(bodyRow(index)); });
    grid.appendChild(tbody);
    grid.appendChild(footer());
    specification();
    update();
  }

  // ------------------------------------------------------------------------------------- totals, checks
  function template() { return templates[form.elements.template.value] || null; }

  function totals() {
    var byColumn = {}, byFormat = {}, byLevel = {}, byRow = [], sum = 0, bad = false;
    formatKeys.forEach(function (fmt) { byFormat[fmt] = 0; });
    levelKeys.forEach(function (level) { byLevel[level] = 0; });
    rows.forEach(function (_, index) {
      var row = { total: 0 };
      levelKeys.forEach(function (level) { row[level] = 0; });
      formatKeys.forEach(function (fmt) {
        levelKeys.forEach(function (level) {
          var cell = cellOf(index, fmt, level), n = count(cell.count), p = scaled(cell.points);
          var column = byColumn[fmt + "|" + level] || (byColumn[fmt + "|" + level] = { count: 0, points: 0 });
          if (isNaN(n) || isNaN(p)) { bad = true; return; }
          column.count += n;
          column.points += p;
          row[level] += p;
          row.total += p;
          byFormat[fmt] += p;
          byLevel[level] += p;
          sum += p;
        });
      });
      byRow.push(row);
    });
    return { byColumn: byColumn, byFormat: byFormat, byLevel: byLevel, byRow: byRow, sum: sum, bad: bad };
  }

  /* The checks ``blueprint.check`` makes, as one types: {cells: {key: [{short, message, blocking}]},
     formats: {fmt: message}, levels: {level: message}, total: message}. */
  function localProblems(sums) {
    var found = { cells: {}, formats: {}, levels: {}, total: "", list: [] };
    function add(row, fmt, level, name, values) {
      var message = format(T.local[name], Object.assign({ cell: cellName(row, fmt, level) }, values || {}));
      (found.cells[key(row, fmt, level)] = found.cells[key(row, fmt, level)] || []).push({ short: T.short[name], message: message });
      found.list.push({ message: message, blocking: true });
    }
    rows.forEach(function (_, index) {
      formatKeys.forEach(function (fmt) {
        levelKeys.forEach(function (level) {
          var cell = cellOf(index, fmt, level), n = count(cell.count), p = scaled(cell.points);
          if (isNaN(n)) { add(index, fmt, level, "count"); return; }
          if (isNaN(p)) { add(index, fmt, level, "points"); return; }
          if (n < 0 || p < 0) { add(index, fmt, level, "negative"); }
          else if (n === 0 && p > 0) { add(index, fmt, level, "points_without"); }
          else if (n > 0 && p === 0) { add(index, fmt, level, "questions_without"); }
          if (fmt === "true_false_cluster" && n % STATEMENTS) { add(index, fmt, level, "statements", { count: n }); }
        });
      });
    });
    var total = scaled(form.elements.total_points.value);
    if (!sums.bad && sums.sum !== total) {
      found.total = format(T.local.total, { points: shown(sums.sum), total: shown(total) });
      found.list.push({ message: found.total, blocking: true });
    }
    var chosen = template();
    if (chosen) {
      Object.keys(chosen.points_by_format).forEach(function (fmt) {
        var expected = scaled(chosen.points_by_format[fmt]);
        if (sums.byFormat[fmt] !== expected) {
          found.formats[fmt] = format(T.local.format, { format: FORMATS[fmt], points: shown(sums.byFormat[fmt] || 0), expected: shown(expected) });
          found.list.push({ message: found.formats[fmt], blocking: false });
        }
      });
      Object.keys(chosen.points_by_level).forEach(function (level) {
        var expected = scaled(chosen.points_by_level[level]);
        if (sums.byLevel[level] !== expected) {
          found.levels[level] = format(T.local.level, { level: LEVELS[level], points: shown(sums.byLevel[level] || 0), expected: shown(expected) });
          found.list.push({ message: found.levels[level], blocking: false });
        }
      });
    }
    return found;
  }

  function mark(node, blocking, difference, message) {
    node.classList.toggle("vn-as-blocking", !!blocking);
    node.classList.toggle("vn-as-diff", !blocking && !!difference);
    if (message) { node.setAttribute("title", message); } else { node.removeAttribute("title"); }
  }

  function update() {
    var sums = totals(), problems = localProblems(sums), total = scaled(form.elements.total_points.value);
    var chosen = template();
    grid.querySelectorAll("td.vn-as-cell").forEach(function (td) {
      var list = problems.cells[key(td.dataset.row, td.dataset.format, td.dataset.level)] || [];
      mark(td, list.length, false, list.map(function (p) { return p.message; }).join("\n"));
      td.querySelector(".vn-as-note").textContent = list.map(function (p) { return p.short; }).join(" · ");
    });
    grid.querySelectorAll("tbody tr").forEach(function (tr) {
      var row = sums.byRow[parseInt(tr.dataset.row, 10)];
      tr.querySelectorAll(".vn-as-row-level").forEach(function (td) { td.textContent = row[td.dataset.level] ? shown(row[td.dataset.level]) : ""; });
      tr.querySelector(".vn-as-row-percent").textContent = row.total ? percent(row.total, sums.sum) : "";
    });
    var foot = grid.querySelector("tfoot");
    foot.querySelectorAll("tr").forEach(function (tr) {
      var kind = tr.dataset.total;
      tr.querySelectorAll("td[data-format][data-level]").forEach(function (td) {
        var column = sums.byColumn[td.dataset.format + "|" + td.dataset.level] || { count: 0, points: 0 };
        td.textContent = kind === "count" ? (column.count || "") : kind === "points" ? (column.points ? shown(column.points) : "") : (column.points ? percent(column.points, sums.sum) : "");
      });
      tr.querySelectorAll("td.vn-as-format-total").forEach(function (td) {
        var fmt = td.dataset.format, parts = chosen && chosen.parts[fmt], expected = chosen && chosen.points_by_format[fmt];
        var text = shown(sums.byFormat[fmt] || 0);
        if (expected !== undefined) { text += " / " + format(T.template_points, { points: shown(scaled(expected)) }); }
        if (parts) { text += " (" + parts.questions + " × " + shown(scaled(parts.points_each)) + ")"; }
        td.textContent = text;
        mark(td, false, problems.formats[fmt], problems.formats[fmt]);
      });
      tr.querySelectorAll("td.vn-as-level-total").forEach(function (td) {
        var level = td.dataset.level, value = sums.byLevel[level] || 0;
        if (kind === "count") { td.textContent = ""; return; }
        if (kind === "points") { td.textContent = value ? shown(value) : ""; }
        if (kind === "percent") { td.textContent = value ? percent(value, sums.sum) : ""; }
        if (kind === "template") {
          var expected = chosen && chosen.points_by_level[level];
          td.textContent = expected !== undefined ? shown(scaled(expected)) : "";
        }
        mark(td, false, problems.levels[level], problems.levels[level]);
      });
      var grand = tr.querySelector(".vn-as-grand");
      grand.textContent = kind === "points" ? shown(sums.sum) : kind === "percent" && sums.sum ? "100%" : kind === "template" && chosen ? shown(scaled(chosen.total_points)) : "";
      if (kind === "points") { mark(grand, problems.total, false, problems.total); }
    });
    var totalNode = document.getElementById("vn-as-total");
    totalNode.textContent = format(T.points_of, { points: shown(sums.sum), total: shown(total) });
    mark(totalNode, problems.total, false, problems.total);
    totalNode.dataset.points = shown(sums.sum);
    summaries(sums, problems, chosen);
    showProblems(problems.list, "local");
  }

  function summaries(sums, problems, chosen) {
    [["vn-as-by-format", FORMATS, sums.byFormat, chosen && chosen.points_by_format, problems.formats, T.columns.format],
      ["vn-as-by-level", LEVELS, sums.byLevel, chosen && chosen.points_by_level, problems.levels, T.columns.level]].forEach(function (spec) {
      var table = document.getElementById(spec[0]);
      table.textContent = "";
      var head = element("tr");
      [spec[5], T.columns.points, T.columns.percent, T.columns.template].forEach(function (name) { head.appendChild(element("th", {}, name)); });
      table.appendChild(element("thead")).appendChild(head);
      var body = table.appendChild(element("tbody"));
      Object.keys(spec[1]).forEach(function (name) {
        var tr = element("tr", { "data-key": name });
        var expected = spec[3] && spec[3][name] !== undefined ? shown(scaled(spec[3][name])) : "";
        tr.appendChild(element("td", {}, spec[1][name]));
        tr.appendChild(element("td", { class: "num" }, shown(spec[2][name] || 0)));
        tr.appendChild(element("td", { class: "num" }, percent(spec[2][name] || 0, sums.sum)));
        tr.appendChild(element("td", { class: "num" }, expected));
        mark(tr, false, spec[4][name], spec[4][name]);
        body.appendChild(tr);
      });
    });
  }

  /* The problem list: the server's when it answered for the current data, else the local one. */
  var serverProblems = null;
  function showProblems(list, origin) {
    if (origin === "local" && serverProblems) { list = serverProblems; }
    var box = document.getElementById("vn-as-problems");
    box.textContent = "";
    if (!list.length) {
      box.appendChild(element("li", { class: "vn-as-ok" }, T.no_problem));
      return;
    }
    list.forEach(function (problem) {
      var li = element("li", { class: problem.blocking ? "blocking" : "difference" });
      li.appendChild(element("strong", {}, (problem.blocking ? T.blocking : T.difference) + ": "));
      li.appendChild(document.createTextNode(problem.message));
      box.appendChild(li);
    });
  }

  // ---------------------------------------------------------------------------------- data and server
  function collect() {
    var data = {
      title: form.elements.title.value.trim(),
      subject_code: form.elements.subject_code.value,
      grade: form.elements.grade.value ? parseInt(form.elements.grade.value, 10) : null,
      template: form.elements.template.value,
      total_points: form.elements.total_points.value.trim(),
      rows: rows.map(function (row) {
        var requirements = {};
        levelKeys.forEach(function (level) { if (row.requirements[level].trim()) { requirements[level] = row.requirements[level].trim(); } });
        return { topic: row.topic.trim(), label: row.label.trim(), codes: row.codes.split(/[\s,;]+/).filter(Boolean), requirements: requirements };
      }),
      cells: []
    };
    rows.forEach(function (_, index) {
      formatKeys.forEach(function (fmt) {
        levelKeys.forEach(function (level) {
          var cell = cellOf(index, fmt, level);
          if (!String(cell.count).trim() && !String(cell.points).trim()) { return; }
          var n = count(cell.count);
          data.cells.push({ row: index, format: fmt, level: level, count: isNaN(n) ? cell.count : n, points: String(cell.points).trim() || "0" });
        });
      });
    });
    sentCells = data.cells;
    return data;
  }

  function csrfToken() {
    var node = document.querySelector("input[name=csrfmiddlewaretoken]");
    return node ? node.value : "";
  }

  function request(url, method, body) {
    return fetch(url, {
      method: method, credentials: "same-origin", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, status: response.status, data: data }; },
        function () { return { ok: response.ok, status: response.status, data: null }; });
    });
  }

  function clearFieldErrors() {
    document.getElementById("vn-as-field-errors").textContent = "";
    form.querySelectorAll(".vn-as-invalid").forEach(function (node) { node.classList.remove("vn-as-invalid"); });
  }

  /* Mark the inputs the server named ("rows[1].codes", "cells[3].points", "title") and list the problems. */
  function showFieldErrors(problems) {
    clearFieldErrors();
    var list = document.getElementById("vn-as-field-errors");
    problems.forEach(function (problem) {
      var field = problem.field, target = null, place = field;
      var cell = /^cells\[(\d+)\]\.(\w+)$/.exec(field);
      if (cell && sentCells[parseInt(cell[1], 10)]) {
        var sent = sentCells[parseInt(cell[1], 10)];
        var td = grid.querySelector('td.vn-as-cell[data-row="' + sent.row + '"][data-format="' + sent.format + '"][data-level="' + sent.level + '"]');
        target = td && td.querySelector(cell[2] === "count" ? ".vn-as-count" : ".vn-as-points");
        place = cellName(sent.row, sent.format, sent.level);
      } else {
        target = form.querySelector('[data-field="' + field + '"]');
        var row = /^rows\[(\d+)\]/.exec(field);
        if (row) { place = format(T.row, { row: parseInt(row[1], 10) + 1 }) + (T.fields[field.split(".")[1]] ? ", " + T.fields[field.split(".")[1]] : ""); }
        else if (T.fields[field]) { place = T.fields[field]; }
      }
      if (target) { target.classList.add("vn-as-invalid"); }
      list.appendChild(element("li", { "data-field": field }, place + ": " + problem.message));
    });
  }

  var checkTimer = null, checkNumber = 0;
  function scheduleCheck() {
    serverProblems = null;
    clearTimeout(checkTimer);
    checkTimer = setTimeout(serverCheck, 400);
  }

  function serverCheck() {
    var number = ++checkNumber;
    request(URLS.check, "POST", collect()).then(function (answer) {
      if (number !== checkNumber) { return; } // a newer check is on its way
      if (answer.ok) {
        clearFieldErrors();
        serverProblems = answer.data.problems;
        showProblems(serverProblems, "server");
      } else if (answer.status === 400 && answer.data && answer.data.problems) {
        showFieldErrors(answer.data.problems);
      }
      form.dataset.checked = String(number);
    });
  }

  function status(text, error) {
    var node = document.getElementById("vn-as-status");
    node.textContent = text;
    node.classList.toggle("error", !!error);
  }

  function save(event) {
    event.preventDefault();
    var url = uuid ? URLS.detail.replace("BLUEPRINT", uuid) : URLS.create;
    status("…");
    request(url, uuid ? "PUT" : "POST", collect()).then(function (answer) {
      if (answer.ok) {
        clearFieldErrors();
        if (!uuid) {
          uuid = answer.data.uuid;
          form.dataset.uuid = uuid;
          history.replaceState(null, "", URLS.page.replace("BLUEPRINT", uuid));
        }
        var after = document.getElementById("vn-as-after-save");
        after.hidden = false;
        document.getElementById("vn-as-generate").href = URLS.generate.replace("BLUEPRINT", uuid);
        after.querySelectorAll("a[data-file]").forEach(function (link) {
          link.href = URLS.file.replace("BLUEPRINT", uuid).replace("NAME", link.dataset.file);
        });
        serverProblems = answer.data.problems;
        showProblems(serverProblems, "server");
        status(T.saved);
      } else if (answer.status === 400 && answer.data && answer.data.problems) {
        showFieldErrors(answer.data.problems);
        status(T.save_failed, true);
      } else {
        status(format(T.error, { detail: (answer.data && answer.data.detail) || answer.status }), true);
      }
    }, function (error) { status(format(T.error, { detail: error }), true); });
  }

  // ----------------------------------------------------------------------------- templates, curriculum
  function showTemplate() {
    var chosen = template(), box = document.getElementById("vn-as-template-info");
    box.textContent = "";
    document.getElementById("vn-as-fill").hidden = !(chosen && Object.keys(chosen.parts).length);
    if (!chosen) { return; }
    box.appendChild(element("p", {}, format(T.source, { source: chosen.source })));
    box.appendChild(element("p", { class: "vn-as-confidence vn-as-confidence-" + chosen.confidence }, T.confidence[chosen.confidence] || chosen.confidence));
    var parts = Object.keys(chosen.parts);
    if (parts.length) {
      box.appendChild(element("p", {}, format(T.structure, {
        parts: parts.map(function (fmt) {
          return format(T.part, { format: FORMATS[fmt], count: chosen.parts[fmt].questions, each: shown(scaled(chosen.parts[fmt].points_each)) });
        }).join("; ")
      })));
    }
  }

  function hasCounts() {
    return Object.keys(cells).some(function (name) { return String(cells[name].count).trim() || String(cells[name].points).trim(); });
  }

  /* An exam structure (12 × 0,25 …) gives counts per format only: they go to the first row, spread over the
     levels as the template's level points (or CV 7991's 4 / 3 / 3) by largest remainder. */
  function fillFromStructure() {
    var chosen = template();
    if (!chosen) { return; }
    var weights = Object.keys(chosen.points_by_level).length ? {} : CV7991_LEVELS;
    Object.keys(chosen.points_by_level).forEach(function (level) { weights[level] = parseFloat(chosen.points_by_level[level]); });
    var weightSum = levelKeys.reduce(function (sum, level) { return sum + (weights[level] || 0); }, 0);
    formatKeys.forEach(function (fmt) { levelKeys.forEach(function (level) { delete cells[key(0, fmt, level)]; }); });
    Object.keys(chosen.parts).forEach(function (fmt) {
      var part = chosen.parts[fmt], each = scaled(part.points_each);
      var shares = levelKeys.map(function (level) { var exact = part.questions * (weights[level] || 0) / weightSum; return { level: level, n: Math.floor(exact), rest: exact - Math.floor(exact) }; });
      var left = part.questions - shares.reduce(function (sum, share) { return sum + share.n; }, 0);
      shares.slice().sort(function (a, b) { return b.rest - a.rest; }).slice(0, left).forEach(function (share) { share.n += 1; });
      shares.forEach(function (share) {
        if (!share.n) { return; }
        cells[key(0, fmt, share.level)] = {
          count: String(fmt === "true_false_cluster" ? share.n * STATEMENTS : share.n),
          points: shown(share.n * each)
        };
      });
    });
    render();
    scheduleCheck();
  }

  function chooseTemplate() {
    var chosen = template();
    showTemplate();
    if (chosen) {
      form.elements.total_points.value = shown(scaled(chosen.total_points));
      if (chosen.subjects.length && !form.elements.subject_code.value && subjects[chosen.subjects[0]]) {
        form.elements.subject_code.value = chosen.subjects[0];
        loadCurriculum();
      }
      if (Object.keys(chosen.parts).length && !hasCounts()) { fillFromStructure(); return; }
    }
    update();
    scheduleCheck();
  }

  var topics = {}; // code → {topic, label}
  function loadCurriculum() {
    var subject = form.elements.subject_code.value, grade = form.elements.grade.value;
    var picker = document.getElementById("vn-as-add-topic"), codes = document.getElementById("vn-as-codes");
    if (!subject || !grade) { picker.disabled = true; return; }
    var url = URLS.tree.replace("SUBJECT", encodeURIComponent(subject)).replace("/99/", "/" + grade + "/");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.json() : [];
    }).then(function (strands) {
      picker.textContent = "";
      codes.textContent = "";
      topics = {};
      picker.appendChild(element("option", { value: "" }, strands.length ? T.pick_topic : T.no_topics));
      strands.forEach(function (strand) {
        var group = element("optgroup", { label: strand.title });
        (strand.children || []).forEach(function (topic) {
          topics[topic.code] = { topic: topic.title, label: topic.title };
          group.appendChild(element("option", { value: topic.code }, topic.title + " (" + T.whole_topic + ")"));
          codes.appendChild(element("option", { value: topic.code }, topic.title));
          (topic.children || []).forEach(function (outcome) {
            topics[outcome.code] = { topic: topic.title, label: outcome.title };
            group.appendChild(element("option", { value: outcome.code }, "— " + outcome.title));
            codes.appendChild(element("option", { value: outcome.code }, outcome.title));
          });
        });
        picker.appendChild(group);
      });
      picker.disabled = !strands.length;
    });
  }

  function addTopic() {
    var picker = document.getElementById("vn-as-add-topic"), code = picker.value, found = topics[code];
    if (!found) { return; }
    var row = { topic: found.topic, label: found.label, codes: code, requirements: { biet: "", hieu: "", van_dung: "" } };
    var last = rows[rows.length - 1];
    var lastEmpty = last && !last.label && !last.codes && !formatKeys.some(function (fmt) {
      return levelKeys.some(function (level) { var c = cellOf(rows.length - 1, fmt, level); return String(c.count).trim() || String(c.points).trim(); });
    });
    if (lastEmpty) { rows[rows.length - 1] = row; } else { rows.push(row); }
    picker.value = "";
    render();
    scheduleCheck();
  }

  // -------------------------------------------------------------------------------------------- events
  grid.addEventListener("input", function (event) {
    var target = event.target, tr = target.closest("tr[data-row]");
    if (!tr) { return; }
    var index = parseInt(tr.dataset.row, 10);
    target.classList.remove("vn-as-invalid");
    if (target.dataset.prop) {
      rows[index][target.dataset.prop] = target.value;
      if (target.dataset.prop === "label") {
        var legend = document.querySelector('#vn-as-spec fieldset[data-row="' + index + '"] legend');
        if (legend) { legend.textContent = (index + 1) + ". " + (target.value || "…"); }
      }
    } else {
      var td = target.closest("td.vn-as-cell"), name = key(index, td.dataset.format, td.dataset.level);
      var cell = cells[name] || (cells[name] = { count: "", points: "" });
      cell[target.classList.contains("vn-as-count") ? "count" : "points"] = target.value;
    }
    update();
    scheduleCheck();
  });
  grid.addEventListener("click", function (event) {
    var button = event.target.closest("button.vn-as-remove");
    if (!button) { return; }
    removeRow(parseInt(button.closest("tr").dataset.row, 10));
    render();
    scheduleCheck();
  });
  document.getElementById("vn-as-spec").addEventListener("input", function (event) {
    var fieldset = event.target.closest("fieldset[data-row]");
    if (fieldset && event.target.dataset.level) {
      rows[parseInt(fieldset.dataset.row, 10)].requirements[event.target.dataset.level] = event.target.value;
      scheduleCheck();
    }
  });
  document.getElementById("vn-as-add-row").addEventListener("click", function () {
    rows.push(emptyRow());
    render();
    var inputs = grid.querySelectorAll('tbody tr:last-child input[data-prop="topic"]');
    if (inputs.length) { inputs[0].focus(); }
  });
  document.getElementById("vn-as-add-topic").addEventListener("change", addTopic);
  document.getElementById("vn-as-fill").addEventListener("click", function () {
    if (!hasCounts() || window.confirm(T.fill_confirm)) { fillFromStructure(); }
  });
  form.elements.template.addEventListener("change", chooseTemplate);
  form.elements.subject_code.addEventListener("change", function () { loadCurriculum(); scheduleCheck(); });
  form.elements.grade.addEventListener("change", function () { loadCurriculum(); scheduleCheck(); });
  form.elements.total_points.addEventListener("input", function () { update(); scheduleCheck(); });
  form.elements.title.addEventListener("input", function () { form.elements.title.classList.remove("vn-as-invalid"); scheduleCheck(); });
  form.addEventListener("submit", save);

  if (!rows.length) { rows.push(emptyRow()); }
  render();
  showTemplate();
  loadCurriculum();
  if (uuid) { serverCheck(); }
  form.dataset.ready = "1";
})();
