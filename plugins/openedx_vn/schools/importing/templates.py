"""Downloadable templates of the organisation import: one workbook with three sheets, or one CSV per table."""

import csv
import io

from openedx_vn.schools.importing.tables import COLUMNS

EXAMPLES = {
    "schools": [
        ("22000101", "Trường THCS Hạ Long (demo)", "THCS", "06688", ""),
        ("22000102", "Trường Tiểu học và THCS Hà Tu (demo)", "TH, THCS", "06652", "193"),
        ("22000301", "Trường THPT Hạ Long (demo)", "THPT", "06688", ""),
    ],
    "classes": [
        ("22000101", "2025-2026", 6, "6A1", 40),
        ("22000101", "2025-2026", 6, "6A2", 38),
    ],
    "assignments": [
        ("22000101", "2025-2026", "6A1", "TOAN", "giaovien"),
        ("22000101", "2025-2026", "6A1", "NGUVAN", "teacher2@example.invalid"),
    ],
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header(kind):
    return COLUMNS[kind]["required"] + COLUMNS[kind]["optional"]


def workbook():
    """The .xlsx template: sheets "schools", "classes", "assignments", each with its header and examples."""
    from openpyxl import Workbook  # noqa: PLC0415 - only when a template is asked for

    book = Workbook()
    book.remove(book.active)
    for kind, rows in EXAMPLES.items():
        sheet = book.create_sheet(kind)
        sheet.append(list(header(kind)))
        for row in rows:
            sheet.append(list(row))
        for column in sheet.columns:  # text, so "06688" keeps its leading zero when typed
            for cell in column:
                cell.number_format = "@"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_file(kind):
    """The CSV template of one table (UTF-8 with a BOM, so Excel opens Vietnamese text correctly)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header(kind))
    writer.writerows(EXAMPLES[kind])
    return out.getvalue().encode("utf-8-sig")
