"""Where everything sits on an answer sheet (phiếu trả lời), in millimetres from the page's top-left corner.

One function, ``build_layout``, gives the bubbles of a sheet from its kind and its question counts; the PDF
prints from it and the reader reads from it, so the two can never disagree. The QR code names the test, the
kind and the counts, so a sheet read back rebuilds exactly the layout it was printed with.

Kinds:

- ``national``: the national-exam layout (from 2025): Phần I options A–D, Phần II Đúng/Sai for statements
  a)–d), Phần III four columns per answer with a minus sign (first column), a decimal comma (second and
  third) and the digits 0–9;
- ``legacy``: the older 40/50-question sheet, options A–D only.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

__all__ = [
    "KINDS",
    "LayoutError",
    "SheetLayout",
    "Group",
    "build_layout",
    "MARKER_CENTERS",
    "MARKER_SIZE",
    "PAGE",
    "QR_BOX",
    "NUMBER_DIGITS",
    "CODE_DIGITS",
    "SHORT_COLUMNS",
]

PAGE = (210.0, 297.0)
MARKER_SIZE = 8.0
MARKER_CENTERS = ((12.0, 12.0), (198.0, 12.0), (12.0, 285.0), (198.0, 285.0))  # TL, TR, BL, BR
QR_BOX = (20.0, 19.0, 26.0)  # x, y of its top-left corner, side
BUBBLE = 4.0  # diameter
NUMBER_DIGITS = 6  # số báo danh
CODE_DIGITS = 3  # mã đề (101…999)
SHORT_COLUMNS = 4  # characters of a Phần III answer, as in the national exam
SHORT_SYMBOLS = ("-", ",", *"0123456789")
KINDS = ("national", "legacy")
LIMITS = {"national": (40, 8, 6), "legacy": (50, 0, 0)}
BOTTOM = 276.0  # nothing below this line but the bottom markers


class LayoutError(ValueError):
    """The test does not fit this kind of sheet (the message says which part and by how much)."""


@dataclass(frozen=True)
class Group:
    """Bubbles of which at most one is filled: ``key`` names what is read (``("mc", 3)``: Phần I question 3;
    ``("tf", 2, 1)``: Phần II question 2 statement b; ``("sa", 1, 0)``: Phần III question 1, first column;
    ``("number", 0)``, ``("code", 2)``: a digit of the student number or the version code).
    ``bubbles``: ``((value, x, y), …)``, centres in mm."""

    key: tuple
    bubbles: tuple


@dataclass(frozen=True)
class SheetLayout:
    kind: str
    counts: tuple  # (multiple choice, đúng–sai, short answer)
    groups: tuple = ()
    labels: tuple = field(default=(), compare=False)  # (x, y, text, size, bold) printed as is
    boxes: tuple = field(default=(), compare=False)  # (x, y, w, h) write-in boxes and frames

    def group(self, key):
        return next(group for group in self.groups if group.key == key)


def _digit_grid(prefix, columns, left, top, title, groups, labels, boxes):
    pitch = 5.0
    labels.append((left + (columns - 1) * pitch / 2, top - 9.5, title, 7.5, True))
    for column in range(columns):
        x = left + column * pitch
        boxes.append((x - 2.3, top - 7.8, 4.6, 4.6))  # the digit, written by hand above its column
        bubbles = tuple((str(digit), x, top + digit * 4.8) for digit in range(10))
        groups.append(Group((prefix, column), bubbles))
    for digit in range(10):
        labels.append((left - 4.6, top + digit * 4.8, str(digit), 6.5, False))


def _header(groups, labels, boxes):
    _digit_grid("number", NUMBER_DIGITS, 118.0, 36.0, "SỐ BÁO DANH", groups, labels, boxes)
    _digit_grid("code", CODE_DIGITS, 164.0, 36.0, "MÃ ĐỀ", groups, labels, boxes)
    return 86.0


def _multiple_choice(count, top, groups, labels, boxes, title):
    """Blocks of ten questions, side by side; a line of blocks is 58 mm high."""
    if not count:
        return top
    labels.append((18.0, top, title, 8.5, True))
    per_line = 5 if count > 40 else 4
    width = 182.0 / per_line
    blocks = -(-count // 10)
    y0 = top + 8.0
    for block in range(blocks):
        line, column = divmod(block, per_line)
        left = 16.0 + column * width
        row_top = y0 + line * 58.0
        boxes.append((left, row_top - 6.5, width - 3.0, 56.0))
        for index, letter in enumerate("ABCD"):
            labels.append((left + 12.0 + index * 5.6, row_top - 3.8, letter, 7.0, True))
        for row in range(10):
            number = block * 10 + row + 1
            if number > count:
                break
            y = row_top + 1.0 + row * 5.2
            labels.append((left + 4.5, y, str(number), 7.0, True))
            bubbles = tuple((index, left + 12.0 + index * 5.6, y) for index in range(4))
            groups.append(Group(("mc", number), bubbles))
    lines = -(-blocks // per_line)
    return y0 + lines * 58.0 - 1.0


def _true_false(count, top, groups, labels, boxes):
    if not count:
        return top
    labels.append((18.0, top, "PHẦN II. Thí sinh chọn Đúng hoặc Sai ở mỗi ý a), b), c), d)", 8.5, True))
    width = 182.0 / 8
    y0 = top + 12.0
    for question in range(count):
        left = 16.0 + question * width
        boxes.append((left, y0 - 10.0, width - 1.5, 31.5))
        labels.append((left + (width - 1.5) / 2, y0 - 7.2, f"Câu {question + 1}", 7.0, True))
        labels.append((left + 9.5, y0 - 3.2, "Đúng", 5.5, False))
        labels.append((left + 16.0, y0 - 3.2, "Sai", 5.5, False))
        for statement, letter in enumerate("abcd"):
            y = y0 + 1.5 + statement * 5.2
            labels.append((left + 3.5, y, f"{letter})", 7.0, False))
            bubbles = ((True, left + 9.5, y), (False, left + 16.0, y))
            groups.append(Group(("tf", question + 1, statement), bubbles))
    return y0 + 27.0


def _short_answer(count, top, groups, labels, boxes):
    if not count:
        return top
    labels.append((18.0, top, "PHẦN III. Thí sinh tô số, dấu trừ (-) và dấu phẩy (,) của đáp án", 8.5, True))
    width = 182.0 / 6
    y0 = top + 16.0
    for question in range(count):
        left = 16.0 + question * width
        boxes.append((left, y0 - 14.0, width - 2.0, 75.0))
        labels.append((left + (width - 2.0) / 2, y0 - 12.0, f"Câu {question + 1}", 7.0, True))
        for column in range(SHORT_COLUMNS):
            x = left + 7.5 + column * 5.6
            boxes.append((x - 2.4, y0 - 8.8, 4.8, 4.8))
            bubbles = []
            for row, symbol in enumerate(SHORT_SYMBOLS):
                allowed = symbol.isdigit() or (symbol == "-" and column == 0)
                allowed = allowed or (symbol == "," and column in (1, 2))
                if allowed:
                    bubbles.append((symbol, x, y0 + row * 4.9))
            groups.append(Group(("sa", question + 1, column), tuple(bubbles)))
        for row, symbol in enumerate(SHORT_SYMBOLS):
            labels.append((left + 3.0, y0 + row * 4.9, symbol, 6.5, False))
    return y0 + 12 * 4.9 + 2.0


def build_layout(kind, counts):
    """The ``SheetLayout`` of a ``kind`` sheet for ``counts`` = (multiple choice, đúng–sai, short answer).

    Raises ``LayoutError`` (message in Vietnamese) when a part is larger than the kind allows.
    """
    if kind not in KINDS:
        raise LayoutError(_("There is no sheet layout «%(kind)s».") % {"kind": kind})
    counts = tuple(int(count) for count in counts)
    names = (_("Part I (multiple choice)"), _("Part II (true – false)"), _("Part III (short answer)"))
    for name, count, limit in zip(names, counts, LIMITS[kind], strict=True):
        if count > limit and not limit:
            raise LayoutError(
                _(
                    "%(part)s has %(count)s questions; the older sheet has only A–D questions: "
                    "print the new layout."
                )
                % {"part": name, "count": count}
            )
        if count > limit:
            raise LayoutError(
                _("%(part)s has %(count)s questions; this sheet has room for %(limit)s.")
                % {"part": name, "count": count, "limit": limit}
            )
    if not any(counts):
        raise LayoutError(
            _("The test has no multiple-choice, true – false or short-answer question to fill in.")
        )
    groups, labels, boxes = [], [], []
    top = _header(groups, labels, boxes)
    title = "PHẦN I. Thí sinh chọn một phương án A, B, C hoặc D" if kind == "national" else "TRẢ LỜI"
    top = _multiple_choice(counts[0], top, groups, labels, boxes, title)
    top = _true_false(counts[1], top + 2.0, groups, labels, boxes)
    top = _short_answer(counts[2], top + 2.0, groups, labels, boxes)
    if top > BOTTOM:
        raise LayoutError(_("The test is too long for one sheet."))
    return SheetLayout(kind, counts, tuple(groups), tuple(labels), tuple(boxes))
