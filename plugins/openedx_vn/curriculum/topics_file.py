"""Read and check a topic/outcome tree file (CSV or XLSX).

Columns: subject, grade, code, parent, kind, title, and optionally periods and source.

A bad row is reported with its line (CSV) or row number (XLSX); a file with any problem is refused whole.
"""

import csv
import io

from openedx_vn.core import spreadsheets
from openedx_vn.core.vietnamese import nfc
from openedx_vn.curriculum.problems import CurriculumFileError, Problem

REQUIRED = ("subject", "grade", "code", "parent", "kind", "title")
OPTIONAL = ("periods", "source")
PARENT_KIND = {"strand": None, "topic": "strand", "outcome": "topic"}


def read_rows(content, filename):
    """Yield ``(line, {column: text})`` from CSV text/bytes or XLSX bytes, skipping leading ``#`` comments."""
    if filename.lower().endswith(".xlsx"):
        yield from _xlsx_rows(content, filename)
        return
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and lines[skipped].lstrip().startswith("#"):
        skipped += 1
    reader = csv.DictReader(io.StringIO("".join(lines[skipped:])))
    _check_header(reader.fieldnames or [], filename, skipped + 1)
    for row in reader:
        yield skipped + reader.line_num, row


def _xlsx_rows(content, filename):
    try:
        header, rows = spreadsheets.read_rows(content)
    except spreadsheets.UnreadableWorkbook as exc:
        raise CurriculumFileError([Problem(filename, None, None, str(exc))]) from exc
    _check_header(header, filename, 1)
    yield from rows


def _check_header(header, filename, line):
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise CurriculumFileError([Problem(filename, line, None, f"missing column(s): {', '.join(missing)}")])


def parse_topics(content, filename, offered):
    """Return the file's rows as dicts in file order; raise ``CurriculumFileError`` listing every problem.

    ``offered`` is the set of (subject code, grade) the current program version has.
    """
    problems, rows, by_code = [], [], {}
    for line, raw in read_rows(content, filename):
        row, row_problems = _row(raw, line, filename, offered)
        problems += row_problems
        if row["code"] in by_code:
            problems.append(
                Problem(
                    filename, line, "code", f"{row['code']} already on line {by_code[row['code']]['line']}"
                )
            )
        by_code.setdefault(row["code"], row)
        rows.append(row)
    for row in rows:
        problems += _check_parent(row, by_code, filename)
    if not rows and not problems:
        problems.append(Problem(filename, None, None, "the file has no rows"))
    if problems:
        raise CurriculumFileError(problems)
    return rows


def _row(raw, line, filename, offered):
    def get(name):
        return nfc((raw.get(name) or "").strip())

    problems = []
    row = {name: get(name) for name in REQUIRED + OPTIONAL}
    row["line"] = line
    for name in ("subject", "code", "title"):
        if not row[name]:
            problems.append(Problem(filename, line, name, "required"))
    if len(row["code"]) > 64:
        problems.append(Problem(filename, line, "code", "longer than 64 characters"))
    if row["kind"] not in PARENT_KIND:
        problems.append(Problem(filename, line, "kind", f"{row['kind']!r} is not strand, topic or outcome"))
    try:
        row["grade"] = int(row["grade"])
    except ValueError:
        problems.append(Problem(filename, line, "grade", f"{row['grade']!r} is not a grade 1–12"))
        row["grade"] = None
    if row["grade"] is not None and row["subject"] and (row["subject"], row["grade"]) not in offered:
        problems.append(
            Problem(filename, line, "subject", f"{row['subject']} is not taught in grade {row['grade']}")
        )
    try:
        row["periods"] = int(row["periods"]) if row["periods"] else None
    except ValueError:
        problems.append(Problem(filename, line, "periods", f"{row['periods']!r} is not a whole number"))
        row["periods"] = None
    return row, problems


def _check_parent(row, by_code, filename):
    wanted = PARENT_KIND.get(row["kind"], "?")
    parent = by_code.get(row["parent"]) if row["parent"] else None
    if wanted is None:
        if row["parent"]:
            return [Problem(filename, row["line"], "parent", "a strand has no parent")]
        return []
    if parent is None:
        return [
            Problem(
                filename, row["line"], "parent", f"{row['parent'] or '(empty)'}: no such {wanted} in the file"
            )
        ]
    if parent["kind"] != wanted:
        return [Problem(filename, row["line"], "parent", f"a {row['kind']}'s parent must be a {wanted}")]
    if (parent["subject"], parent["grade"]) != (row["subject"], row["grade"]):
        return [Problem(filename, row["line"], "parent", "parent has another subject or grade")]
    return []
