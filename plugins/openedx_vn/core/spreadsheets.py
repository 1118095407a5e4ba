"""Excel (.xlsx) files of imports: writing templates and reading rows, the same way for every app."""

import io


class UnreadableWorkbook(ValueError):
    """The bytes are not an .xlsx workbook openpyxl can read."""


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


def read_rows(content):
    """``(header, rows)`` of the first sheet: the header's names, then ``(row number, {name: text})`` for each
    non-empty row (row 1 is the header). Raises ``UnreadableWorkbook``."""
    from openpyxl import load_workbook  # noqa: PLC0415

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise UnreadableWorkbook(f"not a readable .xlsx workbook ({exc.__class__.__name__})") from exc
    values = sheet.iter_rows(values_only=True)
    header = [str(cell or "").strip() for cell in next(values, [])]

    def rows():
        for number, cells in enumerate(values, start=2):
            row = {name: "" if v is None else str(v).strip() for name, v in zip(header, cells, strict=False)}
            if any(row.values()):
                yield number, row

    return header, rows()
