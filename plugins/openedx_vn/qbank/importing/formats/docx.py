"""Word (.docx) exams as Vietnamese teachers write them.

    PHẦN I. ...                                  (parts are headings, nothing more)
    Câu 1. Stem …            or "Câu 1:", "Câu 1 (0,5 điểm)."
    A. …   B. …              options on one or several lines; the key underlined, coloured, highlighted,
    C. …   D. …              bold (when the others are not) or ending with "*"
    a) … b) … c) … d) …      đúng/sai statements (their key in the answer table: "2. ĐSĐS" or "2. a-Đ b-S …")
    Lời giải: …              the explanation, up to the next question
    ĐÁP ÁN                   answer table: "1-B 2-C …", "3. -1,5" (short answer), or a Word table of them
A question without options, statements or key is an essay. Places are paragraph numbers (1 = first).
Tables with a header "Câu | Nội dung | A | B | C | D | Đáp án …" hold one question per row (docx_tables).
Pictures become data: URIs, Word equations LaTeX, legacy-font (.VnTime, VNI-Times) text Unicode (wordml).
"""

import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from openedx_vn.qbank.importing.drafts import Draft, ImportProblem, Place
from openedx_vn.qbank.importing.formats import docx_tables
from openedx_vn.qbank.importing.wordml import Content, read_paragraph

_QUESTION = re.compile(r"^Câu\s*(\d+)\s*(?:\(([^)]*)\))?\s*[.:)]?\s*(.*)$", re.IGNORECASE)
_OPTION = re.compile(r"(?:^|(?<=\s))([A-D])\s*[.)]\s*")
_STATEMENT = re.compile(r"^([a-d])\s*[).]\s*(.*)$")
_EXPLANATION = re.compile(r"^(Lời giải|Hướng dẫn giải|Hướng dẫn|Giải)\s*[:.]?\s*(.*)$", re.IGNORECASE)
_PART = re.compile(r"^PHẦN\s+([IVX]+|\d+)\b", re.IGNORECASE)
_KEY_HEADER = re.compile(r"^(BẢNG\s+)?ĐÁP\s+ÁN\b.*$", re.IGNORECASE)
# Solutions ("Câu N." each) after the answer table, as printed papers have them: a heading in capitals.
_SOLUTIONS = re.compile(
    r"^(LỜI GIẢI( CHI TIẾT)?|HƯỚNG DẪN (GIẢI|CHẤM)( CHI TIẾT)?|GIẢI CHI TIẾT|SOLUTIONS)\s*:?$"
)
_KEY_ENTRY = re.compile(
    r"(\d+)(?:\s*[.:)]\s*|\s*-(?=\s*[A-DĐSa-d])\s*|\s*-\s+|\s+)((?:[a-d]\s*[-:)]?\s*[ĐSđs]\s*[,;]?\s*){2,6}|[ĐS]{2,6}\b|[A-D]\b|-?\d+(?:[,.]\d+)?)"
)
_TF_PAIR = re.compile(r"([a-d])\s*[-:)]?\s*([ĐSđs])")


@dataclass
class _Question:
    number: int
    paragraph: int
    points: str = ""
    stem: list = field(default_factory=list)
    options: list = field(default_factory=list)  # [letter, text, marks(set)]
    statements: list = field(default_factory=list)  # [letter, text]
    explanation: list = field(default_factory=list)
    table: int | None = None  # a row of a question table: its table number (``paragraph`` is the row)
    key: object = None  # the key written in the row
    level: str = ""


def read(content, filename):
    """Return ``(drafts, problems)`` for the import pipeline (``content`` is the .docx bytes)."""
    from docx import Document  # noqa: PLC0415

    try:
        document = Document(io.BytesIO(content))
    except Exception as exc:  # python-docx raises several types for a file that is not a .docx
        return [], [
            ImportProblem(
                Place(filename),
                _("not a readable Word .docx file (%(error)s)") % {"error": exc.__class__.__name__},
            )
        ]
    content = Content.of(document)
    questions, keys, problems = _scan(document, filename, content)
    drafts = []
    for question in questions:
        place = _place(filename, question)
        key = question.key if question.table else keys.get(question.number)
        if not question.explanation and not question.table:
            question.explanation = keys.get(("solution", question.number), [])
        try:
            drafts.append(_draft(question, key, place, content))
        except ValueError as exc:
            problems.append(ImportProblem(place, str(exc)))
    return drafts, problems


def _place(filename, question):
    if question.table:
        return Place(filename, question.paragraph, question.number, unit="row", table=question.table)
    return Place(filename, question.paragraph, question.number, unit="paragraph")


# ------------------------------------------------------------------- scanning
def _lines(document, content):
    """(paragraph number, Line or None, text, marks or None, question table rows or None) in document order.

    Paragraphs carry marks; an ordinary table gives one line per row (cells joined, for answer tables); a
    question table gives its rows once. Table rows count as paragraphs, as they always have here.
    """
    number, tables = 0, 0
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            tables += 1
            roles = docx_tables.columns(block)
            if roles:
                yield number + 1, None, "", None, docx_tables.read_rows(block, roles, tables, content)
                number += len(block.rows)
                continue
            for row in block.rows:
                number += 1
                text = "  ".join(docx_tables.cell_line(cell, content).text.strip() for cell in row.cells)
                yield number, None, text, None, None
            continue
        number += 1
        line = read_paragraph(block._p, content)
        yield number, line, line.text, line.marks, None


def _scan(document, filename, content):
    questions, keys, problems = [], {}, []
    current, in_keys, in_explanation, solution = None, False, False, None
    for number, line, raw, marks, rows in _lines(document, content):
        if rows is not None:
            questions += [_row_question(row, filename, problems) for row in rows]
            current = None
            continue
        text = raw.strip()
        if not text:  # a paragraph of a refused picture is empty, and its problem still counts
            if current is not None and not in_keys:
                _line_problems(line, filename, number, current, problems)
            continue
        if _SOLUTIONS.match(text):
            solution, in_keys, current = [], False, None
            continue
        if solution is not None:  # "Câu N." starts question N's solution; the lines after it continue it
            start = _QUESTION.match(text)
            if start:
                solution = keys.setdefault(("solution", int(start[1])), [])
                text = start[3]
            if text:
                solution.append(text)
            continue
        if _KEY_HEADER.match(text):
            in_keys, current = True, None
            text = text.split(":", 1)[1] if ":" in text else ""
        if in_keys:
            _read_keys(text, keys)
            continue
        if _PART.match(text):
            current = None  # a part heading ends the question before it
            continue
        start = _QUESTION.match(text)
        if start:
            current = _Question(int(start[1]), number, points=start[2] or "")
            questions.append(current)
            in_explanation = False
            if start[3]:
                current.stem.append(start[3])
            _line_problems(line, filename, number, current, problems)
            continue
        if current is None:
            continue  # titles, instructions, part headings
        _line_problems(line, filename, number, current, problems)
        explanation = _EXPLANATION.match(text)
        if explanation or in_explanation:
            in_explanation = True
            current.explanation.append(explanation[2] if explanation else text)
            continue
        offset = len(raw) - len(raw.lstrip())
        if _OPTION.match(text):
            current.options += _split_options(text, marks[offset:] if marks else None)
        elif _STATEMENT.match(text):
            letter, statement = _STATEMENT.match(text).groups()
            current.statements.append([letter, statement.strip()])
        elif current.options:
            current.options[-1][1] += " " + text
        elif current.statements:
            current.statements[-1][1] += " " + text
        else:
            current.stem.append(text)
    numbers = [q.number for q in questions if not q.table]  # a table row carries its own key
    for question in questions:
        if question.table:
            continue
        if numbers.count(question.number) > 1 and question is not _first(questions, question.number):
            message = _("a second 'Câu %(number)s'") % {"number": question.number}
            problems.append(ImportProblem(_place(filename, question), message))
    return questions, keys, problems


def _line_problems(line, filename, number, question, problems):
    """A picture or equation the bank cannot keep, in a question's paragraph, blocks the import."""
    for message in line.problems if line is not None else ():
        problems.append(ImportProblem(Place(filename, number, question.number, unit="paragraph"), message))


def _row_question(row, filename, problems):
    """A question table row as a ``_Question`` (an option cell's marks count as on an option line)."""
    stem = row.stem.text.strip()
    start = _QUESTION.match(stem)
    number = int(start[1]) if start and not row.numbered else row.number
    question = _Question(number, row.row, table=row.table, level=row.level)
    question.stem = [start[3] if start else stem] if stem else []
    if row.explanation is not None and row.explanation.text.strip():
        question.explanation = [row.explanation.text.strip()]
    key = row.key
    if docx_tables.is_true_false_key(key):
        question.statements = [[letter.lower(), line.text.strip()] for letter, line in row.options]
        question.key = [mark == "Đ" for mark in key.upper().replace(" ", "")]
    else:
        for letter, line in row.options:
            text, flags = line.text.strip(), set()
            for feature in ("underline", "color", "highlight", "bold"):
                visible = _visible(line.text, line.marks, 0, len(line.text))
                if visible and sum(feature in mark for mark in visible) * 2 > len(visible):
                    flags.add(feature)
            if text.endswith("*"):
                flags.add("star")
                text = text[:-1].rstrip()
            question.options.append([letter, text, flags])
        question.key = key.upper() if len(key) == 1 and key.upper() in "ABCD" else key or None
    problems += [ImportProblem(_place(filename, question), message) for message in row.problems]
    return question


def _first(questions, number):
    return next(q for q in questions if q.number == number and not q.table)


def _split_options(text, marks):
    found = list(_OPTION.finditer(text))
    options = []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        body = text[match.end() : end].strip()
        flags = set()
        if marks:
            # Teachers mark the letter ("B.") or the option's text: either counts.
            letter = _visible(text, marks, match.start(), match.end())
            answer = _visible(text, marks, match.end(), end)
            for feature in ("underline", "color", "highlight", "bold"):
                if any(span and sum(feature in m for m in span) * 2 > len(span) for span in (letter, answer)):
                    flags.add(feature)
        if body.endswith("*"):
            flags.add("star")
            body = body[:-1].rstrip()
        options.append([match[1], body, flags])
    return options


def _visible(text, marks, start, end):
    return [mark for char, mark in zip(text[start:end], marks[start:end], strict=False) if not char.isspace()]


def _read_keys(text, keys):
    for match in _KEY_ENTRY.finditer(text):
        number, value = int(match[1]), match[2].strip()
        pairs = _TF_PAIR.findall(value)
        if pairs:
            keys[number] = [mark.upper() == "Đ" for _, mark in pairs]
        elif re.fullmatch(r"[ĐS]{2,6}", value):
            keys[number] = [mark == "Đ" for mark in value]
        else:
            keys[number] = value


# ---------------------------------------------------------------- questions
def _draft(question, key, place, content):
    html = content.html
    stem = html("\n".join(question.stem))
    if not stem:
        raise ValueError(_("the question has no text after 'Câu …'"))
    if question.options:
        body = _multiple_choice(question, key, html)
        kind = "multiple_choice"
    elif question.statements:
        body, kind = _true_false(question, key, html), "true_false_cluster"
    elif isinstance(key, str):
        body, kind = _short_answer(key), "short_answer"
    else:
        body, kind = {"rubric": []}, "essay"
    draft = Draft(kind, stem, body, place, title=f"Câu {question.number}", cognitive_level=question.level)
    draft.explanation = html("\n".join(question.explanation))
    return draft


def _multiple_choice(question, key, html):
    letters = [letter for letter, _, _ in question.options]
    if letters != list("ABCD")[: len(letters)]:
        raise ValueError(
            _("options %(letters)s: expected A, B, C, D in order") % {"letters": ", ".join(letters)}
        )
    marked = _marked_option(question.options)
    if isinstance(key, str) and key in letters:
        if marked and marked != key:
            message = _("the answer table says %(key)s but option %(marked)s is marked in the text")
            raise ValueError(message % {"key": key, "marked": marked})
        marked = key
    if marked is None and isinstance(key, str) and key:
        message = _("the key %(key)s is not one of the options %(letters)s")
        raise ValueError(message % {"key": repr(key), "letters": ", ".join(letters)})
    if marked is None:
        raise ValueError(
            _("no key: mark the right option (underline, colour, bold or *) or add it to the answer table")
        )
    choices = [{"text": html(text), "correct": letter == marked} for letter, text, _ in question.options]
    return {"choices": choices}


def _marked_option(options):
    """The one option carrying a mark no other option has (star first, bold last), or None."""
    for feature in ("star", "underline", "color", "highlight", "bold"):
        having = [letter for letter, _, flags in options if feature in flags]
        if len(having) == 1:
            return having[0]
    return None


def _true_false(question, key, html):
    letters = [letter for letter, _ in question.statements]
    if letters != list("abcd")[: len(letters)]:
        message = _("statements %(letters)s: expected a), b), c), d) in order")
        raise ValueError(message % {"letters": ", ".join(letters)})
    if not isinstance(key, list) or len(key) != len(letters):
        example = f"{question.number}. " + "ĐS" * (len(letters) // 2) + "Đ" * (len(letters) % 2)
        message = _("no Đ/S key for its %(count)s statements in the answer table, e.g. %(example)s")
        raise ValueError(message % {"count": len(letters), "example": example})
    return {
        "statements": [
            {"text": html(text), "is_true": truth}
            for (_, text), truth in zip(question.statements, key, strict=True)
        ]
    }


def _short_answer(key):
    if re.fullmatch(r"-?\d+(?:[,.]\d+)?", key):
        return {"kind": "numeric", "value": key.replace(",", "."), "tolerance": "0"}
    return {"kind": "text", "answers": [key]}
