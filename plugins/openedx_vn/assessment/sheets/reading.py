"""One sheet, from picture to what it says: straighten, the QR code, the layout it names, the marks.

``read_sheet`` knows nothing of students or keys (``matching`` does): it returns what is on the paper and
what is unsure about it.
"""

from dataclasses import dataclass

from openedx_vn.assessment.sheets import marks as sheet_marks
from openedx_vn.assessment.sheets.layout import CODE_DIGITS, NUMBER_DIGITS, LayoutError, build_layout
from openedx_vn.assessment.sheets.pdf import parse_payload
from openedx_vn.assessment.sheets.reader import straighten

__all__ = ["SheetRead", "read_sheet"]


@dataclass
class SheetRead:
    exam_uuid: str | None  # from the QR code (None: unreadable)
    layout: object  # the SheetLayout read with
    number: str | None  # the student number: from the bubbles, else the pre-printed one; None when unsure
    printed_number: str  # the number the QR code carries ("" for a blank sheet)
    code: str | None  # the version code, None when unsure
    marks: object  # sheet_marks.SheetMarks
    problems: list  # [(where, reason)]: where = "qr" | "number" | "code" | a group key
    straightened: object  # reader.Straightened


def read_sheet(gray, fallback_layout=None):
    """What the sheet in ``gray`` says. ``fallback_layout`` reads a sheet whose QR code cannot be read (the
    upload's test); such a sheet is then flagged ("qr"), never graded without a look.

    Raises ``reader.SheetNotFound`` when there is no sheet in the picture.
    """
    page = straighten(gray)
    payload = parse_payload(page.qr) if page.qr else None
    problems = []
    layout = fallback_layout
    exam_uuid, printed = None, ""
    if payload is not None:
        exam_uuid, kind, counts, printed = payload
        try:
            layout = build_layout(kind, counts)
        except LayoutError:
            payload, layout = None, fallback_layout
    if payload is None:
        problems.append(("qr", "qr"))
    if layout is None:
        return SheetRead(None, None, None, printed, None, None, problems, page)
    found = sheet_marks.read_marks(page.darkness, layout)
    number, why = sheet_marks.digits(found, "number", NUMBER_DIGITS)
    if why:
        problems.append(("number", why))
    elif printed and number and number.lstrip("0") != printed.lstrip("0"):
        problems.append(("number", "conflict"))  # filled in differs from the printed number
        number = None
    elif not number:
        number = printed or None
    code, why = sheet_marks.digits(found, "code", CODE_DIGITS)
    if why:
        problems.append(("code", why))
    problems += [(key, reason) for key, reason in found.unsure.items() if key[0] not in ("number", "code")]
    for key in {key[:2] for key in found.values if key[0] == "sa"} | {
        key[:2] for key in found.unsure if key[0] == "sa"
    }:
        text, why = sheet_marks.short_answer(found, key[1], 4)
        if why and why != sheet_marks.FAINT and why != sheet_marks.DOUBLE:
            problems.append((key, why))
    return SheetRead(exam_uuid, layout, number, printed, code or None, found, problems, page)
