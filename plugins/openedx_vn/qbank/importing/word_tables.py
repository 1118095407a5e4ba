"""Word tables in exam papers: what each one is, and its cells.

- **Question tables**, one question per row: "Câu/STT/ID | Nội dung (stem, options in it or in their own
  cells) | A | B | C | D | Đáp án | Lời giải | Mức độ". The columns are found by their header when there is
  one, and by their content otherwise (numbers, a long text holding the options, single letters as keys).
- **Option grids**: "A. … | B. …" in a 1×4, 2×2 or 4×1 table: read as lines, one per cell.
- Anything else in a question or a passage (a data table) stays a table in the HTML.
"""

import re
from dataclasses import dataclass

from openedx_vn.core.vietnamese import fold
from openedx_vn.qbank.data import cognitive_level
from openedx_vn.qbank.importing.word_options import split_options, starts_option

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ROLES = {
    "number": ("cau", "cau so", "stt", "tt", "so tt", "so thu tu", "id", "ma cau", "ma cau hoi", "question"),
    "stem": ("noi dung", "cau hoi", "noi dung cau hoi", "de bai", "cau dan", "noi dung cau", "question text"),
    "key": ("dap an", "dap an dung", "dap an chon", "dap an dung sai", "key", "answer", "dap so"),
    "explanation": ("loi giai", "huong dan giai", "huong dan", "giai thich", "giai", "loi giai chi tiet"),
    "level": ("muc do", "muc do nhan thuc", "cap do", "muc do tu duy", "muc", "level"),
}
_OPTION_HEADER = re.compile(r"^(?:(?:phuong an|dap an|lua chon|y)\s+)?([a-d])$")
_NUMBER = re.compile(r"^(?:cau|question|bai)?\s*(\d+)\s*[.:)]?$")
_KEY = re.compile(r"^(?:[A-D]|[ĐS]{2,6}|-?\d+(?:[,.]\d+)?)$")


def _w(name):
    return f"{{{W}}}{name}"


@dataclass
class Cell:
    line: object  # wordml.Line
    merged: bool = False  # a vertically merged cell continuing the one above

    @property
    def text(self):
        return self.line.text.strip()


def cells(table, read_paragraph):
    """The table's rows as lists of ``Cell`` (each cell once, merged ones flagged), in document order."""
    rows = []
    for tr in table.iterchildren(_w("tr")):
        row = []
        for tc in tr.iterchildren(_w("tc")):
            merge = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
            merged = merge is not None and merge.get(_w("val")) != "restart"
            row.append(Cell(read_paragraph(list(tc.iter(_w("p")))), merged))
            span = tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")
            try:
                extra = int(span.get(_w("val"))) - 1 if span is not None else 0
            except (TypeError, ValueError):
                extra = 0
            # A cell spread over columns: its columns keep their places (empty, flagged as merged).
            row += [Cell(read_paragraph([]), True) for _ in range(max(0, min(extra, 50)))]
        rows.append(row)
    return rows


def header_role(text):
    name = " ".join(re.sub(r"\(.*?\)|[:.*/]", " ", fold(text)).split())
    option = _OPTION_HEADER.match(name)
    if option:
        return option[1].upper()
    return next((role for role, names in _ROLES.items() if name in names), None)


def _ratio(values, test):
    values = [v for v in values if v]
    return sum(1 for v in values if test(v)) / len(values) if values else 0


def question_columns(rows):
    """``({role: column}, header rows)`` of a question table, or None when the table is something else."""
    if len(rows) < 1 or max((len(r) for r in rows), default=0) < 2:
        return None
    first = {}
    for index, cell in enumerate(rows[0]):
        role = header_role(cell.text)
        if role and role not in first.values():
            first[index] = role
    letters = [role for role in first.values() if role in "ABCD"]
    if len(first) < 2 or (len(letters) == len(first) < 2):
        first = {}  # one word that looks like a header ("B" as a key) does not make a header row
    header = 1 if first else 0
    data = [row for row in rows[header:] if any(cell.text for cell in row)]
    if not data:
        return None
    width = max(len(row) for row in data)
    columns = [[row[c].text if c < len(row) else "" for row in data] for c in range(width)]
    roles = {role: index for index, role in first.items()}
    for index, texts in enumerate(columns):
        if index in first:
            continue
        folded = [fold(t) for t in texts]
        if "number" not in roles and _ratio(folded, lambda t: _NUMBER.match(t)) >= 0.8:
            roles["number"] = index
        elif "level" not in roles and _ratio(texts, cognitive_level) >= 0.8:
            roles["level"] = index
        elif "key" not in roles and _ratio(texts, lambda t: _KEY.match(t.replace(" ", ""))) >= 0.8:
            roles["key"] = index
        else:
            letters = {starts_option(t) for t in texts if t}
            if len(letters) == 1 and None not in letters and _ratio(texts, starts_option) >= 0.8:
                roles.setdefault(letters.pop(), index)
    if "stem" not in roles:
        free = [i for i in range(width) if i not in roles.values()]
        holding = [i for i in free if _ratio(columns[i], _holds_options) >= 0.5]
        longest = sorted(free, key=lambda i: -sum(len(t) for t in columns[i]))
        stem = holding[0] if holding else (longest[0] if longest else None)
        if stem is None:
            return None
        roles["stem"] = stem
    options = [letter for letter in "ABCD" if letter in roles]
    stems = columns[roles["stem"]]
    numbered = "number" in roles or _ratio([fold(t) for t in stems], _starts_question) >= 0.8
    if not (len(options) >= 2 or _ratio(stems, _holds_options) >= 0.5 or ("key" in roles and numbered)):
        return None
    if not header and not numbered:
        return None
    if "explanation" not in roles:
        rest = [i for i in range(width) if i not in roles.values() and i > roles["stem"]]
        if rest and any(columns[rest[0]]):
            roles["explanation"] = rest[0]
    return roles, header


def _starts_question(text):
    return re.match(r"^(cau|question|bai)\s*\d+", text) is not None


def _holds_options(text):
    return any(len(split_options(line)) >= 2 for line in text.split("\n")) or (
        sum(1 for line in text.split("\n") if starts_option(line)) >= 2
    )


def is_option_grid(rows):
    """Every filled cell starts with an option letter, A… in order: a grid of options, read as lines."""
    texts = [cell.text for row in rows for cell in row if cell.text]
    letters = [starts_option(text) for text in texts]
    return 2 <= len(texts) <= 8 and None not in letters and letters == sorted(letters) and letters[0] == "A"


def number_of(text):
    match = _NUMBER.match(fold(text).strip())
    return int(match[1]) if match else None
