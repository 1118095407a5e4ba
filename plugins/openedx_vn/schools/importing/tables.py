"""Read the tables of an organisation import: CSV files or the sheets of an XLSX workbook.

Each table (one CSV file, or one sheet) is one of three kinds, told by its name ("schools.csv", a sheet named
"classes") or else by its header. Rows keep their place: file, sheet, row number as the user sees it (the CSV
line, the Excel row).
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from openedx_vn.core.spreadsheets import WorkbookTooLarge, check_workbook
from openedx_vn.core.vietnamese import nfc
from openedx_vn.schools.data import Problem

COLUMNS = {
    "schools": {"required": ("moet_code", "name", "levels", "commune_code"), "optional": ("district_code",)},
    "classes": {"required": ("school_code", "year", "grade", "name", "size"), "optional": ()},
    "assignments": {"required": ("school_code", "year", "class", "subject", "teacher"), "optional": ()},
}
KINDS = tuple(COLUMNS)


@dataclass
class Table:
    kind: str
    file: str
    sheet: str | None
    rows: list = field(default_factory=list)  # [(row number, {column: text})]

    def problem(self, row, column, message):
        return Problem(self.file, self.sheet, row, column, message)


def read(files):
    """``(tables, problems)`` from ``[(filename, bytes)]``: .xlsx workbooks (every sheet a table) and .csv."""
    tables, problems = [], []
    for filename, content in files:
        if filename.lower().endswith(".xlsx"):
            found, found_problems = _workbook(filename, content)
        elif filename.lower().endswith(".csv"):
            found, found_problems = _csv(filename, content)
        else:
            found, found_problems = [], [Problem(filename, None, None, None, _("not a .csv or .xlsx file"))]
        tables += found
        problems += found_problems
    if not tables and not problems:
        problems.append(
            Problem(", ".join(name for name, _c in files) or "-", None, None, None, _("no tables"))
        )
    return tables, problems


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores 6 as 6.0
    return nfc(str(value).strip())


def _table(filename, sheet, name, header, rows):
    """A ``Table`` of the kind the name or header says, or a problem naming what is missing."""
    header = [_text(cell).lower() for cell in header]
    named = [kind for kind in KINDS if kind in name.lower()]
    kind = (
        named[0]
        if len(named) == 1
        else next(
            (kind for kind in KINDS if set(COLUMNS[kind]["required"]) <= set(header)),
            None,
        )
    )
    if kind is None:
        expected = "; ".join(f"{k}: {', '.join(c['required'])}" for k, c in COLUMNS.items())
        message = _(
            "cannot tell which table this is; the header must have the columns of one of: %(expected)s"
        )
        return None, [Problem(filename, sheet, 1, None, message % {"expected": expected})]
    missing = [column for column in COLUMNS[kind]["required"] if column not in header]
    if missing:
        message = _("missing column(s) of the %(kind)s table: %(columns)s")
        return None, [
            Problem(filename, sheet, 1, None, message % {"kind": kind, "columns": ", ".join(missing)})
        ]
    table = Table(kind, filename, sheet)
    for number, cells in rows:
        row = {name: _text(value) for name, value in zip(header, cells, strict=False) if name}
        if any(row.values()):
            table.rows.append((number, row))
    return table, []


def _csv(filename, content):
    try:
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    except UnicodeDecodeError:
        return [], [Problem(filename, None, None, None, _('not UTF-8 text: save it as "CSV UTF-8"'))]
    lines = text.splitlines()
    skipped = 0
    while skipped < len(lines) and (not lines[skipped].strip() or lines[skipped].lstrip().startswith("#")):
        skipped += 1  # leading comments (the templates explain the columns there)
    reader = csv.reader(lines[skipped:])
    header = next(reader, [])
    rows = ((skipped + number, cells) for number, cells in enumerate(reader, start=2))
    table, problems = _table(filename, None, filename, header, rows)
    if problems:
        problems = [Problem(p.file, p.sheet, skipped + 1, p.field, p.message) for p in problems]
    return ([table] if table else []), problems


def _workbook(filename, content):
    try:
        check_workbook(content)  # a zip bomb is refused before openpyxl is even imported
    except WorkbookTooLarge as exc:
        return [], [Problem(filename, None, None, None, str(exc))]
    from openpyxl import load_workbook  # noqa: PLC0415 - only when a workbook arrives

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        message = _("not a readable .xlsx workbook (%(error)s)") % {"error": exc.__class__.__name__}
        return [], [Problem(filename, None, None, None, message)]
    tables, problems = [], []
    for sheet in book.worksheets:
        values = sheet.iter_rows(values_only=True)
        header = next(values, None)
        if header is None or not any(_text(cell) for cell in header):
            continue  # an empty sheet
        table, sheet_problems = _table(filename, sheet.title, sheet.title, header, enumerate(values, start=2))
        problems += sheet_problems
        if table:
            tables.append(table)
    book.close()
    return tables, problems
