"""Word tables with one question per row, as question banks are often kept:

    Câu | Nội dung (Câu hỏi) | A | B | C | D | Đáp án | Lời giải | Mức độ

The header names the columns (any order; "Phương án A", "Hướng dẫn giải", "Mức độ nhận thức" too). A row
whose key is A–D is a multiple-choice question; a key of Đ/S letters ("ĐSĐS") makes the option columns
đúng/sai statements a)–d); no options: a short answer with the key as its answer, or an essay without key.
Without a key column, the one option marked (underline, colour, highlight, bold or "*") is the key.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from openedx_vn.core.vietnamese import fold
from openedx_vn.qbank.data import cognitive_level
from openedx_vn.qbank.importing.wordml import Line, W, read_paragraph

_ROLES = {
    "number": ("cau", "cau so", "stt", "tt", "so tt", "so thu tu"),
    "stem": ("noi dung", "cau hoi", "noi dung cau hoi", "de bai", "cau dan", "noi dung cau"),
    "key": ("dap an", "dap an dung", "dap an chon", "dap an dung sai", "key"),
    "explanation": ("loi giai", "huong dan giai", "huong dan", "giai thich", "giai", "loi giai chi tiet"),
    "level": ("muc do", "muc do nhan thuc", "cap do", "muc do tu duy"),
}
_OPTION_HEADER = re.compile(r"^(?:(?:phuong an|dap an|lua chon|y)\s+)?([a-d])$")
_NUMBER = re.compile(r"\d+")
_TRUE_FALSE = re.compile(r"^[ĐS]{2,6}$")


@dataclass
class Row:
    """One question row: cell contents as ``Line`` objects (text with marks and placeholders)."""

    table: int
    row: int
    number: int
    numbered: bool  # the number came from a number column
    stem: Line
    options: list  # [(letter, Line)]
    key: str = ""
    explanation: Line | None = None
    level: str = ""
    problems: list = field(default_factory=list)


def _header_role(text):
    name = " ".join(re.sub(r"\(.*?\)|[:.*]", " ", fold(text)).split())
    option = _OPTION_HEADER.match(name)
    if option:
        return option[1].upper()
    return next((role for role, names in _ROLES.items() if name in names), None)


def columns(table):
    """``{column index: role}`` when the first row is a question header (a stem and 2+ options), else None."""
    if not table.rows:
        return None
    roles = {index: _header_role(cell.text) for index, cell in enumerate(table.rows[0].cells)}
    roles = {index: role for index, role in roles.items() if role}
    found = set(roles.values())
    if "stem" not in found or len(found & set("ABCD")) < 2:
        return None
    first = {}  # merged cells repeat: keep each role's first column
    for index, role in roles.items():
        first.setdefault(role, index)
    return {index: role for role, index in first.items()}


def cell_line(cell, content):
    """A cell's paragraphs as one ``Line`` (paragraphs joined by line breaks)."""
    line = Line()
    for number, paragraph in enumerate(cell._tc.iterchildren(f"{{{W}}}p")):
        if number:
            line.add("\n", frozenset())
        line.extend(read_paragraph(paragraph, content))
    return line


def read_rows(table, roles, table_number, content):
    """The question rows of a question table (empty rows skipped)."""
    rows = []
    for index, row in enumerate(table.rows[1:], start=2):
        cells = row.cells
        lines = {
            role: cell_line(cells[column], content) for column, role in roles.items() if column < len(cells)
        }
        if not any(line.text.strip() for line in lines.values()):
            continue
        digits = _NUMBER.search(lines["number"].text) if "number" in lines else None
        number = int(digits[0]) if digits else len(rows) + 1
        options = [
            (letter, lines[letter]) for letter in "ABCD" if letter in lines and lines[letter].text.strip()
        ]
        found = Row(table_number, index, number, bool(digits), lines["stem"], options)
        found.key = " ".join(lines["key"].text.split()).rstrip(".") if "key" in lines else ""
        found.explanation = lines.get("explanation")
        for line in lines.values():
            found.problems += line.problems
        level_text = lines["level"].text.strip() if "level" in lines else ""
        if level_text:
            found.level = cognitive_level(level_text) or ""
            if not found.level:
                message = _("level %(level)s unknown: write Biết, Hiểu or Vận dụng")
                found.problems.append(message % {"level": repr(level_text)})
        rows.append(found)
    return rows


def is_true_false_key(key):
    return bool(_TRUE_FALSE.match(key.upper().replace(" ", "")))
