/* The matrix editor (ma trận đề): rows of topics × 4 formats × 3 levels, live totals by format and level,
   problems next to the cells (computed here as one types, then confirmed by the server's check), rows from
   the curriculum, templates, save. The arithmetic is in matrix.js. */
(function () {
  "use strict";

  var M = window.VNMatrix;
  var format = M.format, scaled = M.scaled, shown = M.shown, percent = M.percent, key = M.key;

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
  var labels = { formats: FORMATS, levels: LEVELS };

  var form = document.getElementById("vn-as-editor");
  var grid = document.getElementById("vn-as-grid");
  var uuid = form.dataset.uuid || "";

  // ------------------------------------------------------------------------------------------- state
  function emptyRequirements() { return { biet: "", hieu: "", van_dung: "" }; }
  function emptyRow() { return { topic: "", label: "", codes: "", requirements: emptyRequirements() }; }

  var rows = (initial.rows || []).map(function (row) {
    return {
      topic: row.topic || "",
      label: row.label || "",
      codes: (row.codes || []).join(" "),
      requirements: Object.assign(emptyRequirements(), row.requirements || {})
    };
  });
  var cells = {}; // "row|format|level" → {count, points}: the texts as typed
  (initial.cells || []).forEach(function (cell) {
    cells[key(cell.row, cell.format, cell.level)] = {
      count: String(cell.count),
      // "0.50" from the server reads back as the teacher typed it: "0,5"
      points: String(cell.points).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "").replace(".", ",")
    };
  });
  var sentCells = []; // the cells of the last request, to place the server's "cells[3].points"
  var serverProblems = null; // the server's problems for the data as it is now (null: not checked yet)

  function cellOf(row, fmt, level) { return cells[key(row, fmt, level)] || { count: "", points: "" }; }
  function filled(cell) { return String(cell.count).trim() !== "" || String(cell.points).trim() !== ""; }
  var matrix = { formats: formatKeys, levels: levelKeys, cell: cellOf };

  function removeRow(index) {
    var moved = {};
    Object.keys(cells).forEach(function (name) {
      var parts = name.split("|"), row = parseInt(parts[0], 10);
      if (row !== index) { moved[key(row > index ? row - 1 : row, parts[1], parts[2])] = cells[name]; }
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

  function field(tag, attributes, value) {
    var node = element(tag, attributes);
    node.value = value;
    return node;
  }

  function cellName(row, fmt, level) {
    return format(T.local.cell, { row: row + 1, format: FORMATS[fmt], level: LEVELS[level] });
  }

  function header() {
    var thead = element("thead"), first = element("tr"), second = element("tr");
    ["No.", "topic", "content", "codes"].forEach(function (name) {
      first.appendChild(element("th", { rowspan: 2 }, T.columns[name]));
    });
    formatKeys.forEach(function (fmt) {
      first.appendChild(element("th", { colspan: 3 }, FORMATS[fmt]));
      levelKeys.forEach(function (level) { second.appendChild(element("th", {}, LEVELS[level])); });
    });
    first.appendChild(element("th", { colspan: 3 }, T.columns.points_by_level));
    levelKeys.forEach(function (level) { second.appendChild(element("th", {}, LEVELS[level])); });
    first.appendChild(element("th", { rowspan: 2 }, T.columns.percent));
    thead.appendChild(first);
    thead.appendChild(second);
    return thead;
  }

  function rowFields(tr, index) {
    var row = rows[index];
    [["topic", "topic"], ["label", "content"], ["codes", "codes"]].forEach(function (pair) {
      var attributes = {
        "data-field": "rows[" + index + "]." + pair[0],
        "data-prop": pair[0],
        "aria-label": T.columns[pair[1]] + " " + (index + 1)
      };
      var td = element("td", { class: "vn-as-" + pair[0] });
      if (pair[0] === "codes") {
        var extra = { list: "vn-as-codes", placeholder: "TOAN.10.1.1" };
        td.appendChild(field("input", Object.assign(extra, attributes), row.codes));
      } else {
        td.appendChild(field("textarea", Object.assign({ rows: 2 }, attributes), row[pair[0]]));
      }
      tr.appendChild(td);
    });
  }

  function gridCell(index, fmt, level) {
    var cell = cellOf(index, fmt, level), name = cellName(index, fmt, level);
    var statements = fmt === "true_false_cluster";
    var td = element("td", { class: "vn-as-cell", "data-row": index, "data-format": fmt, "data-level": level });
    td.appendChild(field("input", {
      class: "vn-as-count", inputmode: "numeric",
      "aria-label": name + ": " + T.columns[statements ? "statements" : "questions"],
      placeholder: T.columns[statements ? "statements_short" : "questions_short"]
    }, cell.count));
    td.appendChild(field("input", {
      class: "vn-as-points", inputmode: "decimal",
      "aria-label": name + ": " + T.columns.points, placeholder: T.columns.points_short
    }, cell.points));
    td.appendChild(element("div", { class: "vn-as-note" }));
    return td;
  }

  function bodyRow(index) {
    var tr = element("tr", { "data-row": index });
    var first = element("td", { class: "num vn-as-number" }, String(index + 1));
    first.appendChild(element("button", {
      type: "button", class: "vn-as-remove", title: T.remove_row, "aria-label": T.remove_row + " " + (index + 1)
    }, "×"));
    tr.appendChild(first);
    rowFields(tr, index);
    formatKeys.forEach(function (fmt) {
      levelKeys.forEach(function (level) { tr.appendChild(gridCell(index, fmt, level)); });
    });
    levelKeys.forEach(function (level) {
      tr.appendChild(element("td", { class: "num vn-as-row-level", "data-level": level }));
    });
    tr.appendChild(element("td", { class: "num vn-as-row-percent" }));
    return tr;
  }

  function footer() {
    var tfoot = element("tfoot");
    ["count", "points", "percent", "template"].forEach(function (kind) {
      var names = { count: "total_count", points: "total_points", percent: "percent", template: "template" };
      var tr = element("tr", { "data-total": kind });
      tr.appendChild(element("th", { colspan: 4 }, T.columns[names[kind]]));
      formatKeys.forEach(function (fmt) {
        if (kind === "template") {
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
        label.appendChild(field("textarea", {
          rows: 2, "data-level": level, "data-field": "rows[" + index + "].requirements"
        }, row.requirements[level] || ""));
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

  // ----------------------------------------------------------------------------------- totals, problems
  function template() { return templates[form.elements.template.value] || null; }

  function mark(node, blocking, difference, message) {
    node.classList.toggle("vn-as-blocking", !!blocking);
    node.classList.toggle("vn-as-diff", !blocking && !!difference);
    if (message) { node.setAttribute("title", message); } else { node.removeAttribute("title"); }
  }

  function showCells(found) {
    grid.querySelectorAll("td.vn-as-cell").forEach(function (td) {
      var list = found.cells[key(td.dataset.row, td.dataset.format, td.dataset.level)] || [];
      mark(td, list.length, false, list.map(function (p) { return p.message; }).join("\n"));
      td.querySelector(".vn-as-note").textContent = list.map(function (p) { return p.short; }).join(" · ");
    });
  }

  function showRowTotals(sums) {
    grid.querySelectorAll("tbody tr").forEach(function (tr) {
      var row = sums.byRow[parseInt(tr.dataset.row, 10)];
      tr.querySelectorAll(".vn-as-row-level").forEach(function (td) {
        td.textContent = row[td.dataset.level] ? shown(row[td.dataset.level]) : "";
      });
      tr.querySelector(".vn-as-row-percent").textContent = row.total ? percent(row.total, sums.sum) : "";
    });
  }

  function columnText(kind, column, sums) {
    if (kind === "count") { return column.count || ""; }
    if (!column.points) { return ""; }
    return kind === "points" ? shown(column.points) : percent(column.points, sums.sum);
  }

  function formatTotalText(fmt, sums, chosen) {
    var text = shown(sums.byFormat[fmt] || 0);
    var expected = chosen && chosen.points_by_format[fmt], parts = chosen && chosen.parts[fmt];
    if (expected !== undefined) { text += " / " + format(T.template_points, { points: shown(scaled(expected)) }); }
    if (parts) { text += " (" + parts.questions + " × " + shown(scaled(parts.points_each)) + ")"; }
    return text;
  }

  function levelTotalText(kind, level, sums, chosen) {
    var value = sums.byLevel[level] || 0;
    if (kind === "points") { return value ? shown(value) : ""; }
    if (kind === "percent") { return value ? percent(value, sums.sum) : ""; }
    if (kind === "template" && chosen && chosen.points_by_level[level] !== undefined) {
      return shown(scaled(chosen.points_by_level[level]));
    }
    return "";
  }

  function grandText(kind, sums, chosen) {
    if (kind === "points") { return shown(sums.sum); }
    if (kind === "percent") { return sums.sum ? "100%" : ""; }
    return kind === "template" && chosen ? shown(scaled(chosen.total_points)) : "";
  }

  function showFooter(sums, found, chosen) {
    grid.querySelectorAll("tfoot tr").forEach(function (tr) {
      var kind = tr.dataset.total;
      tr.querySelectorAll("td[data-format][data-level]").forEach(function (td) {
        var column = sums.byColumn[td.dataset.format + "|" + td.dataset.level] || { count: 0, points: 0 };
        td.textContent = columnText(kind, column, sums);
      });
      tr.querySelectorAll("td.vn-as-format-total").forEach(function (td) {
        td.textContent = formatTotalText(td.dataset.format, sums, chosen);
        mark(td, false, found.formats[td.dataset.format], found.formats[td.dataset.format]);
      });
      tr.querySelectorAll("td.vn-as-level-total").forEach(function (td) {
        td.textContent = levelTotalText(kind, td.dataset.level, sums, chosen);
        if (kind !== "count") { mark(td, false, found.levels[td.dataset.level], found.levels[td.dataset.level]); }
      });
      var grand = tr.querySelector(".vn-as-grand");
      grand.textContent = grandText(kind, sums, chosen);
      if (kind === "points") { mark(grand, found.total, false, found.total); }
    });
  }

  function summaryTable(id, names, values, expected, differences, heading, sums) {
    var table = document.getElementById(id);
    table.textContent = "";
    var head = element("tr");
    [heading, T.columns.total_points, T.columns.percent, T.columns.template].forEach(function (name) {
      head.appendChild(element("th", {}, name));
    });
    table.appendChild(element("thead")).appendChild(head);
    var body = table.appendChild(element("tbody"));
    Object.keys(names).forEach(function (name) {
      var tr = element("tr", { "data-key": name });
      tr.appendChild(element("td", {}, names[name]));
      tr.appendChild(element("td", { class: "num" }, shown(values[name] || 0)));
      tr.appendChild(element("td", { class: "num" }, percent(values[name] || 0, sums.sum)));
      var target = expected && expected[name] !== undefined ? shown(scaled(expected[name])) : "";
      tr.appendChild(element("td", { class: "num" }, target));
      mark(tr, false, differences[name], differences[name]);
      body.appendChild(tr);
    });
  }

  /* Totals and problems of the matrix as it is now; the list shows the server's problems once it answered. */
  function update() {
    matrix.rows = rows.length;
    var chosen = template(), total = scaled(form.elements.total_points.value);
    var sums = M.totals(matrix), found = M.problems(matrix, sums, total, chosen, T, labels);
    showCells(found);
    showRowTotals(sums);
    showFooter(sums, found, chosen);
    var totalNode = document.getElementById("vn-as-total");
    totalNode.textContent = format(T.points_of, { points: shown(sums.sum), total: shown(total) });
    totalNode.dataset.points = shown(sums.sum);
    mark(totalNode, found.total, false, found.total);
    summaryTable("vn-as-by-format", FORMATS, sums.byFormat, chosen && chosen.points_by_format, found.formats,
      T.columns.format, sums);
    summaryTable("vn-as-by-level", LEVELS, sums.byLevel, chosen && chosen.points_by_level, found.levels,
      T.columns.level, sums);
    showProblems(serverProblems || found.list);
  }

  function showProblems(list) {
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
        levelKeys.forEach(function (level) {
          if (row.requirements[level].trim()) { requirements[level] = row.requirements[level].trim(); }
        });
        var codes = row.codes.split(/[\s,;]+/).filter(Boolean);
        return { topic: row.topic.trim(), label: row.label.trim(), codes: codes, requirements: requirements };
      }),
      cells: []
    };
    rows.forEach(function (_, index) {
      formatKeys.forEach(function (fmt) {
        levelKeys.forEach(function (level) {
          var cell = cellOf(index, fmt, level), n = M.count(cell.count);
          if (!filled(cell)) { return; }
          data.cells.push({
            row: index, format: fmt, level: level,
            count: isNaN(n) ? cell.count : n, // the server names what is not a whole number
            points: String(cell.points).trim() || "0"
          });
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
    var headers = { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() };
    var options = { method: method, credentials: "same-origin", headers: headers, body: JSON.stringify(body) };
    return fetch(url, options).then(function (response) {
      return response.json().then(
        function (data) { return { ok: response.ok, status: response.status, data: data }; },
        function () { return { ok: response.ok, status: response.status, data: null }; });
    });
  }

  function clearFieldErrors() {
    document.getElementById("vn-as-field-errors").textContent = "";
    form.querySelectorAll(".vn-as-invalid").forEach(function (node) { node.classList.remove("vn-as-invalid"); });
  }

  /* Where a field the server named is ("cells[3].points", "rows[1].codes", "title"): [input, place]. */
  function placeOf(name) {
    var cell = /^cells\[(\d+)\]\.(\w+)$/.exec(name), sent = cell && sentCells[parseInt(cell[1], 10)];
    if (sent) {
      var td = grid.querySelector('td.vn-as-cell[data-row="' + sent.row + '"][data-format="' + sent.format +
        '"][data-level="' + sent.level + '"]');
      return [td && td.querySelector(cell[2] === "count" ? ".vn-as-count" : ".vn-as-points"),
        cellName(sent.row, sent.format, sent.level)];
    }
    var target = form.querySelector('[data-field="' + name + '"]'), row = /^rows\[(\d+)\]\.?(\w*)/.exec(name);
    if (row) {
      var place = format(T.row, { row: parseInt(row[1], 10) + 1 });
      return [target, T.fields[row[2]] ? place + ", " + T.fields[row[2]] : place];
    }
    return [target, T.fields[name] || name];
  }

  function showFieldErrors(problems) {
    clearFieldErrors();
    var list = document.getElementById("vn-as-field-errors");
    problems.forEach(function (problem) {
      var where = placeOf(problem.field);
      if (where[0]) { where[0].classList.add("vn-as-invalid"); }
      list.appendChild(element("li", { "data-field": problem.field }, where[1] + ": " + problem.message));
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
        showProblems(serverProblems);
      } else if (answer.status === 400 && answer.data && answer.data.problems) {
        showFieldErrors(answer.data.problems);
      }
    });
  }

  function status(text, error) {
    var node = document.getElementById("vn-as-status");
    node.textContent = text;
    node.classList.toggle("error", !!error);
  }

  function saved(data) {
    clearFieldErrors();
    if (!uuid) {
      uuid = data.uuid;
      form.dataset.uuid = uuid;
      history.replaceState(null, "", URLS.page.replace("BLUEPRINT", uuid));
    }
    var after = document.getElementById("vn-as-after-save");
    after.hidden = false;
    document.getElementById("vn-as-generate").href = URLS.generate.replace("BLUEPRINT", uuid);
    after.querySelectorAll("a[data-file]").forEach(function (link) {
      link.href = URLS.file.replace("BLUEPRINT", uuid).replace("NAME", link.dataset.file);
    });
    serverProblems = data.problems;
    showProblems(serverProblems);
    status(T.saved);
  }

  function save(event) {
    event.preventDefault();
    var url = uuid ? URLS.detail.replace("BLUEPRINT", uuid) : URLS.create;
    status("…");
    request(url, uuid ? "PUT" : "POST", collect()).then(function (answer) {
      if (answer.ok) {
        saved(answer.data);
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
    var confidence = T.confidence[chosen.confidence] || chosen.confidence;
    box.appendChild(element("p", { class: "vn-as-confidence vn-as-confidence-" + chosen.confidence }, confidence));
    var parts = Object.keys(chosen.parts).map(function (fmt) {
      var part = chosen.parts[fmt];
      var each = shown(scaled(part.points_each));
      return format(T.part, { format: FORMATS[fmt], count: part.questions, each: each });
    });
    if (parts.length) { box.appendChild(element("p", {}, format(T.structure, { parts: parts.join("; ") }))); }
  }

  function hasCounts() {
    return Object.keys(cells).some(function (name) { return filled(cells[name]); });
  }

  /* The exam structure's counts go to the first row, spread over the levels (matrix.js: ``spread``). */
  function fillFromStructure() {
    var chosen = template();
    if (!chosen) { return; }
    var spread = M.spread(chosen, levelKeys);
    formatKeys.forEach(function (fmt) {
      levelKeys.forEach(function (level) {
        var cell = spread[fmt] && spread[fmt][level];
        if (cell) { cells[key(0, fmt, level)] = cell; } else { delete cells[key(0, fmt, level)]; }
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

  var topics = {}; // code → {topic, label} of the rows a curriculum entry adds
  function fillPicker(strands) {
    var picker = document.getElementById("vn-as-add-topic"), codes = document.getElementById("vn-as-codes");
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
  }

  function loadCurriculum() {
    var subject = form.elements.subject_code.value, grade = form.elements.grade.value;
    if (!subject || !grade) { document.getElementById("vn-as-add-topic").disabled = true; return; }
    var url = URLS.tree.replace("SUBJECT", encodeURIComponent(subject)).replace("/99/", "/" + grade + "/");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(fillPicker);
  }

  function addTopic() {
    var picker = document.getElementById("vn-as-add-topic"), code = picker.value, found = topics[code];
    if (!found) { return; }
    var row = { topic: found.topic, label: found.label, codes: code, requirements: emptyRequirements() };
    var last = rows.length - 1;
    var lastEmpty = !rows[last].label && !rows[last].codes && !formatKeys.some(function (fmt) {
      return levelKeys.some(function (level) { return filled(cellOf(last, fmt, level)); });
    });
    if (lastEmpty) { rows[last] = row; } else { rows.push(row); }
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
      var legend = document.querySelector('#vn-as-spec fieldset[data-row="' + index + '"] legend');
      if (target.dataset.prop === "label" && legend) {
        legend.textContent = (index + 1) + ". " + (target.value || "…");
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
    grid.querySelector('tbody tr:last-child [data-prop="topic"]').focus();
  });
  document.getElementById("vn-as-add-topic").addEventListener("change", addTopic);
  document.getElementById("vn-as-fill").addEventListener("click", function () {
    if (!hasCounts() || window.confirm(T.fill_confirm)) { fillFromStructure(); }
  });
  form.elements.template.addEventListener("change", chooseTemplate);
  form.elements.subject_code.addEventListener("change", function () { loadCurriculum(); scheduleCheck(); });
  form.elements.grade.addEventListener("change", function () { loadCurriculum(); scheduleCheck(); });
  form.elements.total_points.addEventListener("input", function () { update(); scheduleCheck(); });
  form.elements.title.addEventListener("input", function () {
    form.elements.title.classList.remove("vn-as-invalid");
    scheduleCheck();
  });
  form.addEventListener("submit", save);

  if (!rows.length) { rows.push(emptyRow()); }
  render();
  showTemplate();
  loadCurriculum();
  if (uuid) { serverCheck(); }
  form.dataset.ready = "1";
})();
