"""A Word paper read line by line into questions (``formats/docx`` opens the file and makes the drafts).

Lines are paragraphs cut at soft breaks (Shift+Enter), with Word's automatic numbers written in ("Câu 3.",
"B."). The paper's parts: headings ("PHẦN I", "I. ĐỌC HIỂU", "B. TỰ LUẬN") scope question numbers (the 2025
format numbers each part from 1) and say what their questions are; a passage or figure introduced as such
("Đọc đoạn trích sau…", "Dựa vào thông tin sau, trả lời câu 3 và câu 4") is the shared stimulus of the
questions that follow (or of those it names); the guide at the end (``word_guide``) is never a stem.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from openedx_vn.core.vietnamese import fold
from openedx_vn.qbank.data import cognitive_level
from openedx_vn.qbank.importing import word_guide, word_tables
from openedx_vn.qbank.importing.word_options import (
    inline_start,
    split_options,
    split_statements,
    starts_option,
    starts_statement,
)
from openedx_vn.qbank.importing.wordml import Line

QUESTION = re.compile(
    r"^(?:Câu|CÂU|Question|QUESTION|Bài|BÀI)\s*(\d+)\s*((?:[(\[][^)\]]*[)\]]\s*)*)[.:)]?\s*"
    r"((?:[(\[][^)\]]*[)\]]\s*)*)(.*)$",
    re.DOTALL,
)
_TAG = re.compile(r"[(\[]([^)\]]*)[)\]]")
_POINTS = re.compile(r"^(\d+(?:[,.]\d+)?)\s*(?:điểm|đ|đ\.)$", re.IGNORECASE)
_PART = re.compile(r"^(?:PHẦN|Phần|PART|Part)\s+([IVX]+|\d+)\b\s*[.:)]?\s*(.*)$")
_SECTION = re.compile(r"^([IVX]+|[AB])\s*[.)/-]\s*(.+)$")
_SECTION_WORDS = ("TRẮC NGHIỆM", "TỰ LUẬN", "ĐỌC HIỂU", "ĐỌC", "VIẾT", "LÀM VĂN", "NGHỊ LUẬN")
_EXPLANATION = re.compile(
    r"^(?:Lời giải|Hướng dẫn giải|Hướng dẫn|Giải thích|Giải)(?:\s+chi tiết)?\s*(?:[:.]\s*(.*)|$)",
    re.IGNORECASE | re.DOTALL,
)
_INLINE_KEY = re.compile(r"^(?:Đáp án|Chọn|Đáp số|Answer)(?:\s+đúng)?\s*[:.]\s*(.+)$", re.IGNORECASE)
_STRONG_CUE = re.compile(
    r"^(?:Đọc|Read)\b|trả lời (?:các |những )?(?:câu hỏi|câu)\s*(?:từ\s*)?(?:câu\s*)?\d+"
    r"|(?:answer )?questions?\s*\d+\s*(?:to|-|–|and)\s*\d+",
    re.IGNORECASE,
)
_WEAK_CUE = re.compile(
    r"^(?:Cho|Dựa vào|Dựa trên|Căn cứ|Sử dụng|Dùng|Quan sát|Theo dõi|Use|Look at)\b.*"
    r"(?:\bsau\b|dưới đây|\bfollowing\b|\bbelow\b)",
    re.IGNORECASE,
)
_INSTRUCTION = re.compile(
    r"^(?:Thí sinh|Mỗi câu|Thực hiện|Trả lời|Lưu ý|Chú ý|\(?Đề (?:thi|gồm|có)|Mark the letter|Choose the|"
    r"Indicate the)",
    re.I,
)
_RANGE = re.compile(
    r"(?:câu|questions?)\s*(\d+)\s*(?:đến|tới|-|–|to)\s*(?:câu\s*)?(\d+)"
    r"|(?:câu|questions?)\s*(\d+)\s*(?:và|,|and)\s*(?:câu\s*)?(\d+)",
    re.IGNORECASE,
)
_LEVEL_TAIL = re.compile(r"\s*[(\[]\s*([^()\[\]]{1,14})\s*[)\]]\s*$")
_END = re.compile(r"^[-–—_*.\s]*(?:HẾT|Hết|END|-----)[-–—_*.\s]*$")
PLACEHOLDER = re.compile("[\U000f0000-\U000ffffd]")


@dataclass
class Stimulus:
    lines: list = field(default_factory=list)
    numbers: range | None = None  # the questions it names, or None: those that follow, up to the next part


@dataclass
class Question:
    number: int
    paragraph: int
    part: str | None = None
    part_kind: str = ""  # mc | tf | short | essay | reading
    points: str = ""
    level: str = ""
    stem: list = field(default_factory=list)
    options: list = field(default_factory=list)  # [letter, text, flags]
    statements: list = field(default_factory=list)  # [letter, text]
    explanation: list = field(default_factory=list)
    in_explanation: bool = False
    table: int | None = None
    key: object = None
    stimulus: Stimulus | None = None
    notes: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (paragraph, message)


def part_kind(text):
    name = fold(text)
    if "dung sai" in name or "dung/sai" in name or "dung - sai" in name:
        return "tf"
    if "tra loi ngan" in name or "dien dap so" in name:
        return "short"
    if any(word in name for word in ("tu luan", "viet", "lam van", "nghi luan")):
        return "essay"
    if "doc hieu" in name:
        return "reading"
    if "trac nghiem" in name or "nhieu phuong an" in name or "lua chon" in name:
        return "mc"
    return ""


def heading(text):
    """``(part label, kind)`` of a part heading ("PHẦN II. …", "I. ĐỌC HIỂU (4,0 điểm)"), else None."""
    match = _PART.match(text)
    if match:
        return word_guide.part_label(match[1]), part_kind(match[2])
    match = _SECTION.match(text)
    if match:
        words = match[2].strip()
        letters = [c for c in PLACEHOLDER.sub("", words.split("(")[0]) if c.isalpha()]
        capitals = len(letters) >= 4 and all(c.isupper() for c in letters)
        if capitals and (match[1] not in "AB" or words.startswith(_SECTION_WORDS)):
            return word_guide.part_label(match[1]) or match[1], part_kind(words)
    return None


def read_tags(question, tags):
    """Points ("0,5 điểm") and level ("NB", "Vận dụng cao") written in brackets after "Câu n"."""
    for tag in _TAG.findall(tags):
        for piece in re.split(r"[;/–]|,\s+|\s-\s", tag):
            piece = piece.strip()
            points = _POINTS.match(piece)
            if points:
                question.points = points[1]
            elif cognitive_level(piece):
                question.level = cognitive_level(piece)


def range_of(text):
    match = _RANGE.search(text)
    if not match:
        return None
    if match[1]:
        return range(int(match[1]), int(match[2]) + 1)
    return range(int(match[3]), int(match[4]) + 1) if int(match[4]) > int(match[3]) else None


def visible(text, marks, start, end):
    return [mark for char, mark in zip(text[start:end], marks[start:end], strict=False) if not char.isspace()]


def flags_of(line, label_start, body_start, end):
    """The marks an option carries: on its letter ("B.") or on most of its text; "*" at its end."""
    flags = set()
    letter = visible(line.text, line.marks, label_start, body_start)
    answer = visible(line.text, line.marks, body_start, end)
    for feature in ("underline", "color", "highlight", "bold"):
        if any(span and sum(feature in m for m in span) * 2 > len(span) for span in (letter, answer)):
            flags.add(feature)
    return flags


def option_entry(letter, text, flags):
    text = text.strip()
    if text.endswith("*"):
        flags.add("star")
        text = text[:-1].rstrip()
    return [letter, text, flags]


class Reader:
    """Feeds lines and tables in document order; ``questions`` and ``guide`` when done."""

    def __init__(self):
        self.questions, self.guide = [], None
        self.part, self.kind = None, ""
        self.current, self.stimulus = None, None
        self.tables = 0

    # ------------------------------------------------------------ lines
    def line(self, number, line, following=None):
        """One line (a paragraph, or a part of one cut at a soft break); ``following`` is the next line's
        text (to know where a run of options stops)."""
        text = line.text.strip()
        if self.guide is not None:
            return self._guide_line(text)
        if not text:
            if self.current is not None:
                self._carry(number, line)
            elif self.stimulus is not None and line.problems:
                self.stimulus.lines.append(line)
            return None
        bold = bool(line.marks) and all("bold" in m for c, m in zip(line.text, line.marks, strict=False)
                                          if not c.isspace())  # fmt: skip
        if word_guide.is_header(text, bold):
            self.guide, self.current, self.stimulus = word_guide.Guide(), None, None
            self.guide.known_parts = {question.part for question in self.questions}
            rest = text.split(":", 1)[1] if ":" in text else ""
            if rest:
                self.guide.add_keys(rest)
            return None
        found = heading(text)
        if found:
            (self.part, self.kind), self.current, self.stimulus = found, None, None
            return None
        if _END.match(text):
            self.current = None
            return None
        start = QUESTION.match(text)
        if start:
            return self._start(number, line, start)
        if self._cue(text):
            self.stimulus, self.current = Stimulus(numbers=range_of(text)), None
            if not range_of(text) and not _INSTRUCTION.match(text):
                self.stimulus.lines.append(line)
            return None
        if self.current is not None and _INSTRUCTION.match(text) and _complete(self.current):
            self.current = None  # "Mark the letter A, B, C or D …" after a question is not its option D
        if self.current is None:
            if _INSTRUCTION.match(text):
                if self.stimulus is not None and range_of(text):
                    self.stimulus.numbers = range_of(text)
                return None
            if self.stimulus is not None:
                self.stimulus.lines.append(line)
            elif PLACEHOLDER.sub("", text).strip() == "" and self.questions:
                self.stimulus = Stimulus(lines=[line])  # a figure on its own before questions
            return None
        self._carry(number, line)
        return self.question_line(self.current, line, following)

    def _cue(self, text):
        if _INSTRUCTION.match(text) and not text.lower().startswith(("thực hiện", "trả lời")):
            return False
        if _STRONG_CUE.search(text) and not _INSTRUCTION.match(text):
            return True
        if _WEAK_CUE.match(text):
            current = self.current
            return current is None or bool(current.options and current.options[-1][0] == "D")
        return False

    def _carry(self, number, line):
        self.current.problems += [(number, message) for message in line.problems]
        self.current.notes += [(number, message) for message in line.notes]

    def _start(self, number, line, start):
        question = Question(int(start[1]), number, self.part, self.kind)
        read_tags(question, start[2] + " " + start[3])
        stimulus = self.stimulus
        if stimulus is not None and stimulus.numbers is not None and question.number not in stimulus.numbers:
            stimulus = self.stimulus = None
        question.stimulus = stimulus if stimulus is not None and stimulus.lines else None
        self.current = question
        self.questions.append(question)
        self._carry(number, line)
        rest = start[4]
        if rest.strip():
            offset = line.text.index(rest) if rest in line.text else 0
            self.question_line(question, line.slice(offset), None)
        return question

    def question_line(self, question, line, following):
        """A line of ``question``'s own text: stem, options, statements, its key or its explanation."""
        text = line.text.strip()
        if not text:
            return
        explanation = _EXPLANATION.match(text)
        if explanation or question.in_explanation:
            question.in_explanation = True
            rest = explanation[1] if explanation else text
            if rest and rest.strip():
                question.explanation.append(rest.strip())
            return
        inline = _INLINE_KEY.match(text)
        if inline and word_guide.key_value(inline[1]) is not None:
            question.key = word_guide.key_value(inline[1])
            return
        expected = "ABCD"[len(question.options)] if len(question.options) < 4 else None
        letter = starts_option(text)
        if letter and not question.statements and expected is not None and letter >= expected:
            stop = starts_option(following or "")
            for name, label, body, end in split_options(line.text, stop):
                entry = option_entry(name, line.text[body:end], flags_of(line, label, body, end))
                question.options.append(entry)
            return
        statement = starts_statement(text)
        expected = "abcd"[len(question.statements)] if len(question.statements) < 4 else None
        if statement and not question.options and expected is not None and statement >= expected:
            for name, _label, body, end in split_statements(line.text, starts_statement(following or "")):
                question.statements.append([name, line.text[body:end].strip()])
            return
        inline = inline_start(line.text) if not question.options and not question.statements else None
        if inline is not None and line.text[:inline].strip():
            question.stem.append(_level_tail(question, line.text[:inline].strip()))
            return self.question_line(question, line.slice(inline), following)
        if question.options:
            question.options[-1][1] += "\n" + text
        elif question.statements:
            question.statements[-1][1] += "\n" + text
        else:
            question.stem.append(_level_tail(question, text))

    # ------------------------------------------------------------ tables
    def table(self, number, rows):
        """A table at paragraph ``number``: question rows, options, a stimulus table or the guide's keys.

        Returns None, ``("lines", [(paragraph, line)])`` to read as paragraphs (an option grid), or
        ``("table", rows)`` for a table that belongs to the text around it (a passage's data).
        """
        self.tables += 1
        if self.guide is not None:
            self.guide.read_table([[cell.text for cell in row] for row in rows])
            return None
        found = word_tables.question_columns(rows)
        if found:
            self._question_rows(number, rows, *found)
            return None
        expecting = self.current is not None and self.current.stem and not self.current.options
        if word_tables.is_option_grid(rows) or (expecting and _all_options(rows)):
            return "lines", [(number + index, _row_line(row)) for index, row in enumerate(rows)]
        if expecting and len(rows) > 1 and _all_options(rows[1:]):  # a header row ("Ý | Đ | S") first
            return "lines", [(number + index, _row_line(row)) for index, row in enumerate(rows) if index]
        return "table", rows

    def _question_rows(self, number, rows, roles, header):
        self.current = None
        counter = 0
        for index, row in enumerate(rows[header:], start=header + 1):
            cells = {role: row[column] for role, column in roles.items() if column < len(row)}
            if not any(cell.text for cell in cells.values()):
                continue
            counter += 1
            stem = cells["stem"].line
            start = QUESTION.match(stem.text.strip())
            given = word_tables.number_of(cells["number"].text) if "number" in cells else None
            question = Question(given or (int(start[1]) if start else counter), index, self.part, self.kind)
            question.table = self.tables
            if start:
                read_tags(question, start[2] + " " + start[3])
                offset = stem.text.index(start[4]) if start[4] in stem.text else 0
                stem = stem.slice(offset)
            for cell in cells.values():
                question.problems += [(index, message) for message in cell.line.problems]
                question.notes += [(index, message) for message in cell.line.notes]
            pieces = [p for p in _cut(stem) if p.text.strip()]
            for position, piece in enumerate(pieces):
                after = pieces[position + 1].text.strip() if position + 1 < len(pieces) else None
                self.question_line(question, piece, after)
            self._option_cells(question, cells)
            if "key" in cells and cells["key"].text:
                key = " ".join(cells["key"].text.split()).rstrip(".")
                question.key = word_guide.key_value(key) or key
            if "explanation" in cells and cells["explanation"].text:
                question.explanation = [cells["explanation"].text]
            if "level" in cells and cells["level"].text:
                question.level = cognitive_level(cells["level"].text) or ""
                if not question.level:
                    message = _(
                        "level %(level)s unknown: write Nhận biết, Thông hiểu, Vận dụng or Vận dụng cao"
                    )
                    question.problems.append((index, message % {"level": repr(cells["level"].text)}))
            self.questions.append(question)

    @staticmethod
    def _option_cells(question, cells):
        columns = [letter for letter in "ABCD" if letter in cells and cells[letter].text]
        if not columns:
            return
        is_tf = isinstance(question.key, list) or bool(
            "key" in cells and re.fullmatch(r"[ĐS]{2,6}", cells["key"].text.replace(" ", "").upper())
        )
        for letter in columns:
            line = cells[letter].line
            text = line.text.strip()
            label = starts_option(text) == letter and split_options(text)
            body = label[0][2] if label else 0
            if is_tf:
                question.statements.append([letter.lower(), text[body:].strip()])
            else:
                question.options.append(option_entry(letter, text[body:], flags_of(line, 0, body, len(text))))

    # ------------------------------------------------------------ guide
    def _guide_line(self, text):
        if not text:
            return
        found = heading(text)
        if found:
            self.guide.set_part(found[0])
            return
        start = QUESTION.match(text)
        if start:
            self.guide.start_solution(int(start[1]), start[4].strip())
            return
        if self.guide.add_keys(text):
            return
        self.guide.add_text(text)


def _complete(question):
    return len(question.options) == 4 or len(question.statements) == 4


def _row_line(row):
    """A row of an option grid as one line, its cells separated by tabs ("A. …<tab>B. …")."""
    line = Line()
    for index, cell in enumerate(row):
        if index:
            line.add("\t", frozenset())
        line.extend(cell.line)
    return line


def _level_tail(question, text):
    """A stem line without the level written at its end ("… [TH]"), which the question takes."""
    tail = _LEVEL_TAIL.search(text)
    if not question.level and tail and len(tail[1].strip()) >= 2 and cognitive_level(tail[1]):
        question.level = cognitive_level(tail[1])
        return text[: tail.start()]
    return text


def _all_options(rows):
    """Every row starts with an option or a statement letter ("a) … | □" as printed papers have it)."""
    firsts = [next((cell.text for cell in row if cell.text), "") for row in rows]
    firsts = [text for text in firsts if text]
    return bool(firsts) and (
        all(starts_option(text) for text in firsts) or all(starts_statement(text) for text in firsts)
    )


def _cut(line):
    """A line cut at its soft breaks (each piece keeps its characters' marks)."""
    pieces, start = [], 0
    for index, char in enumerate(line.text):
        if char == "\n":
            pieces.append(line.slice(start, index))
            start = index + 1
    pieces.append(line.slice(start))
    pieces[0].problems, pieces[0].notes = list(line.problems), list(line.notes)
    return pieces


cut = _cut
