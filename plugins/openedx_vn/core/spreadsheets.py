"""Excel (.xlsx) and CSV files: import templates, rows read from imports, and exports, the same way for every
app."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


class UnreadableWorkbook(ValueError):
    """The bytes are not an .xlsx workbook openpyxl can read."""


class WorkbookTooLarge(UnreadableWorkbook):
    """The workbook is outside the zip limits (``core.archives.check_zip``); the message is translated."""


def check_workbook(content):
    """Raise ``WorkbookTooLarge`` for a workbook (a zip) outside the limits, before openpyxl opens it."""
    from openedx_vn.core import archives  # noqa: PLC0415

    try:
        archives.check_zip(content)
    except archives.NotAZip:
        return  # openpyxl says it is not a workbook
    except archives.ArchiveRefused as exc:
        raise WorkbookTooLarge(str(exc)) from exc


def workbook_bytes(title, header, rows):
    """An .xlsx with one sheet: ``header`` then ``rows``."""
    from openpyxl import Workbook  # noqa: PLC0415 - only when a workbook is asked for

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Table:
    """One sheet of an export. ``formats`` maps a column index to an Excel number format (``"0.0%"``): numbers
    stay numbers, and Excel shows them in the reader's own locale (4,5% in Vietnamese)."""

    title: str
    header: tuple
    rows: list
    formats: dict = field(default_factory=dict)


_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a sheet name


def tables_workbook_bytes(tables):
    """An .xlsx with one sheet per ``Table``: bold, frozen header; columns sized to their content."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(_SHEET_TITLE_FORBIDDEN.sub("-", str(table.title))[:31] or "Sheet")
        sheet.append([str(name) for name in table.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        widths = [len(str(name)) for name in table.header]
        for row in table.rows:
            sheet.append(list(row))
            for index, value in enumerate(row):
                if index < len(widths):
                    widths[index] = max(widths[index], len(str(value)) if value is not None else 0)
        for index, number_format in table.formats.items():
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cell.number_format = number_format
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(header, rows):
    """A CSV file in UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly; numbers as Python
    writes them (a decimal point), for the programs that read CSV."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(name) for name in header])
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def read_rows(content):
    """``(header, rows)`` of the first sheet: the header's names, then ``(row number, {name: text})`` for each
    non-empty row (row 1 is the header). Raises ``UnreadableWorkbook`` (``WorkbookTooLarge``: a zip bomb)."""
    check_workbook(content)  # before openpyxl is even imported
    from openpyxl import load_workbook  # noqa: PLC0415

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise UnreadableWorkbook(
            _("not a readable .xlsx workbook ({error})").format(error=exc.__class__.__name__)
        ) from exc
    values = sheet.iter_rows(values_only=True)
    header = [str(cell or "").strip() for cell in next(values, [])]

    def rows():
        for number, cells in enumerate(values, start=2):
            row = {name: "" if v is None else str(v).strip() for name, v in zip(header, cells, strict=False)}
            if any(row.values()):
                yield number, row

    return header, rows()
