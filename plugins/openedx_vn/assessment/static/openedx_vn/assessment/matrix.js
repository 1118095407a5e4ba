/* The matrix's arithmetic, without the page: exact points, totals by cell, row, format and level, the checks
   ``blueprint.check`` makes (so problems show as one types), and an exam structure spread over the levels.
   Points are integers of 1/10000, so that 0,25 + 0,25 + … adds up exactly. */
(function () {
  "use strict";

  var SCALE = 10000;
  var STATEMENTS = 4; // đúng – sai: the matrix counts statements, 4 to a question
  var CV7991_LEVELS = { biet: 4, hieu: 3, van_dung: 3 }; // an exam structure's default split by level

  function format(template, values) {
    return String(template).replace(/%\((\w+)\)s/g, function (_, name) {
      return values[name] === undefined ? "" : values[name];
    });
  }

  /* "0,25" or "0.25" → 2500; "" → 0; anything else → NaN. */
  function scaled(text) {
    text = String(text == null ? "" : text).trim().replace(",", ".");
    if (text === "") { return 0; }
    if (!/^-?(\d+(\.\d+)?|\.\d+)$/.test(text)) { return NaN; }
    return Math.round(parseFloat(text) * SCALE);
  }

  /* "4" → 4; "" → 0; anything else → NaN. */
  function count(text) {
    text = String(text == null ? "" : text).trim();
    if (text === "") { return 0; }
    return /^-?\d+$/.test(text) ? parseInt(text, 10) : NaN;
  }

  /* 2500 → "0,25"; 100000 → "10". */
  function shown(value) {
    if (isNaN(value)) { return "?"; }
    return (value / SCALE).toFixed(4).replace(/\.?0+$/, "").replace(".", ",");
  }

  /* 25000 of 100000 → "25%" (one decimal at most, with a comma). */
  function percent(part, whole) {
    if (!whole) { return ""; }
    return String(Math.round(part * 1000 / whole) / 10).replace(".", ",") + "%";
  }

  function key(row, fmt, level) { return row + "|" + fmt + "|" + level; }

  /* A matrix: {rows: n, formats: [...], levels: [...], cell(row, fmt, level) → {count, points} (texts)}. */
  function totals(matrix) {
    var sums = { byColumn: {}, byFormat: {}, byLevel: {}, byRow: [], sum: 0, bad: false };
    matrix.formats.forEach(function (fmt) { sums.byFormat[fmt] = 0; });
    matrix.levels.forEach(function (level) { sums.byLevel[level] = 0; });
    for (var index = 0; index < matrix.rows; index++) {
      var row = { total: 0 };
      matrix.levels.forEach(function (level) { row[level] = 0; });
      matrix.formats.forEach(function (fmt) {
        matrix.levels.forEach(function (level) {
          var cell = matrix.cell(index, fmt, level), n = count(cell.count), p = scaled(cell.points);
          var name = fmt + "|" + level;
          var column = sums.byColumn[name] || (sums.byColumn[name] = { count: 0, points: 0 });
          if (isNaN(n) || isNaN(p)) { sums.bad = true; return; }
          column.count += n;
          column.points += p;
          row[level] += p;
          row.total += p;
          sums.byFormat[fmt] += p;
          sums.byLevel[level] += p;
          sums.sum += p;
        });
      });
      sums.byRow.push(row);
    }
    return sums;
  }

  /* The problems of a matrix against its total and template, with the page's texts ``T``:
     {cells: {key: [{short, message}]}, formats: {fmt: message}, levels: {level: message}, total: message,
      list: [{message, blocking}]}. */
  function problems(matrix, sums, total, template, T, labels) {
    var found = { cells: {}, formats: {}, levels: {}, total: "", list: [] };
    function add(row, fmt, level, name, values) {
      var where = format(T.local.cell, { row: row + 1, format: labels.formats[fmt], level: labels.levels[level] });
      var message = format(T.local[name], Object.assign({ cell: where }, values || {}));
      var list = found.cells[key(row, fmt, level)] || (found.cells[key(row, fmt, level)] = []);
      list.push({ short: T.short[name], message: message });
      found.list.push({ message: message, blocking: true });
    }
    for (var index = 0; index < matrix.rows; index++) {
      matrix.formats.forEach(function (fmt) {
        matrix.levels.forEach(function (level) {
          var cell = matrix.cell(index, fmt, level), n = count(cell.count), p = scaled(cell.points);
          if (isNaN(n)) { add(index, fmt, level, "count"); return; }
          if (isNaN(p)) { add(index, fmt, level, "points"); return; }
          if (n < 0 || p < 0) { add(index, fmt, level, "negative"); }
          else if (n === 0 && p > 0) { add(index, fmt, level, "points_without"); }
          else if (n > 0 && p === 0) { add(index, fmt, level, "questions_without"); }
          if (fmt === "true_false_cluster" && n % STATEMENTS) {
            add(index, fmt, level, "statements", { count: n });
          }
        });
      });
    }
    if (!sums.bad && sums.sum !== total) {
      found.total = format(T.local.total, { points: shown(sums.sum), total: shown(total) });
      found.list.push({ message: found.total, blocking: true });
    }
    if (!template) { return found; }
    Object.keys(template.points_by_format).forEach(function (fmt) {
      var expected = scaled(template.points_by_format[fmt]), points = sums.byFormat[fmt] || 0;
      if (points !== expected) {
        found.formats[fmt] = format(T.local.format, {
          format: labels.formats[fmt], points: shown(points), expected: shown(expected)
        });
        found.list.push({ message: found.formats[fmt], blocking: false });
      }
    });
    Object.keys(template.points_by_level).forEach(function (level) {
      var expected = scaled(template.points_by_level[level]), points = sums.byLevel[level] || 0;
      if (points !== expected) {
        found.levels[level] = format(T.local.level, {
          level: labels.levels[level], points: shown(points), expected: shown(expected)
        });
        found.list.push({ message: found.levels[level], blocking: false });
      }
    });
    return found;
  }

  /* An exam structure (12 × 0,25 …) gives counts per format only: each format's questions are spread over
     the levels as the template's level points (or CV 7991's 4 / 3 / 3), by largest remainder. Returns
     {fmt: {level: {count, points}}} (texts, đúng – sai counted in statements). */
  function spread(template, levels) {
    var weights = {}, given = Object.keys(template.points_by_level);
    levels.forEach(function (level) {
      weights[level] = given.length ? parseFloat(template.points_by_level[level] || 0) : CV7991_LEVELS[level] || 0;
    });
    var weightSum = levels.reduce(function (sum, level) { return sum + weights[level]; }, 0);
    var cells = {};
    Object.keys(template.parts).forEach(function (fmt) {
      var part = template.parts[fmt], each = scaled(part.points_each);
      var shares = levels.map(function (level) {
        var exact = part.questions * weights[level] / weightSum;
        return { level: level, n: Math.floor(exact), rest: exact - Math.floor(exact) };
      });
      var left = part.questions - shares.reduce(function (sum, share) { return sum + share.n; }, 0);
      shares.slice().sort(function (a, b) { return b.rest - a.rest; }).slice(0, left).forEach(function (share) {
        share.n += 1;
      });
      cells[fmt] = {};
      shares.forEach(function (share) {
        if (!share.n) { return; }
        cells[fmt][share.level] = {
          count: String(fmt === "true_false_cluster" ? share.n * STATEMENTS : share.n),
          points: shown(share.n * each)
        };
      });
    });
    return cells;
  }

  window.VNMatrix = {
    format: format, scaled: scaled, count: count, shown: shown, percent: percent, key: key, totals: totals,
    problems: problems, spread: spread
  };
})();
