"""Word (.docx) exams as Vietnamese teachers write them.

    PHẦN I. ...                                  (parts are headings, nothing more)
    Câu 1. Stem …            or "Câu 1:", "Câu 1 (0,5 điểm)."
    A. …   B. …              options on one or several lines; the key underlined, coloured, highlighted,
    C. …   D. …              bold (when the others are not) or ending with "*"
    a) … b) … c) … d) …      đúng/sai statements (their key in the answer table: "2. ĐSĐS" or "2. a-Đ b-S …")
    Lời giải: …              the explanation, up to the next question
    ĐÁP ÁN                   answer table: "1-B 2-C …", "3. -1,5" (short answer), or a Word table of them
A question without options, statements or key is an essay. Places are paragraph numbers (1 = first).
"""

import io
import re
from dataclasses import dataclass, field

from openedx_vn.qbank.importing.drafts import Draft, ImportProblem, Place
from openedx_vn.qbank.importing.sanitize import text_to_html

_QUESTION = re.compile(r"^Câu\s*(\d+)\s*(?:\(([^)]*)\))?\s*[.:)]?\s*(.*)$", re.IGNORECASE)
_OPTION = re.compile(r"(?:^|(?<=\s))([A-D])\s*[.)]\s*")
_STATEMENT = re.compile(r"^([a-d])\s*[).]\s*(.*)$")
_EXPLANATION = re.compile(r"^(Lời giải|Hướng dẫn giải|Hướng dẫn|Giải)\s*[:.]?\s*(.*)$", re.IGNORECASE)
_PART = re.compile(r"^PHẦN\s+([IVX]+|\d+)\b", re.IGNORECASE)
_KEY_HEADER = re.compile(r"^(BẢNG\s+)?ĐÁP\s+ÁN\b.*$", re.IGNORECASE)
_KEY_ENTRY = re.compile(
    r"(\d+)(?:\s*[.:)]\s*|\s*-(?=\s*[A-DĐSa-d])\s*|\s*-\s+|\s+)((?:[a-d]\s*[-:)]?\s*[ĐSđs]\s*[,;]?\s*){2,6}|[ĐS]{2,6}\b|[A-D]\b|-?\d+(?:[,.]\d+)?)"
)
_TF_PAIR = re.compile(r"([a-d])\s*[-:)]?\s*([ĐSđs])")
_BLACK = {None, "000000", "auto"}


@dataclass
class _Question:
    number: int
    paragraph: int
    points: str = ""
    stem: list = field(default_factory=list)
    options: list = field(default_factory=list)  # [letter, text, marks(set)]
    statements: list = field(default_factory=list)  # [letter, text]
    explanation: list = field(default_factory=list)


def read(content, filename):
    """Return ``(drafts, problems)`` for the import pipeline (``content`` is the .docx bytes)."""
    from docx import Document  # noqa: PLC0415

    try:
        document = Document(io.BytesIO(content))
    except Exception as exc:  # python-docx raises several types for a file that is not a .docx
        return [], [
            ImportProblem(Place(filename), f"not a readable Word .docx file ({exc.__class__.__name__})")
        ]
    questions, keys, problems = _scan(document, filename)
    drafts = []
    for question in questions:
        place = Place(filename, question.paragraph, question.number, unit="paragraph")
        try:
            drafts.append(_draft(question, keys.get(question.number), place))
        except ValueError as exc:
            problems.append(ImportProblem(place, str(exc)))
    return drafts, problems


# ------------------------------------------------------------------- scanning
def _lines(document):
    """(paragraph number, text, marked character flags) for paragraphs, and the cells of table rows."""
    number = 0
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table: each row's cells joined, for answer tables
            for row in block.rows:
                number += 1
                yield number, "  ".join(cell.text.strip() for cell in row.cells), None
            continue
        number += 1
        text, marks = "", []
        for run in block.runs:
            text += run.text
            marks += [_marks(run)] * len(run.text)
        yield number, text, marks


def _marks(run):
    found = set()
    if run.underline:
        found.add("underline")
    if run.bold:
        found.add("bold")
    color = run.font.color
    if color is not None and color.type is not None and str(color.rgb or "").upper() not in _BLACK:
        found.add("color")
    if run.font.highlight_color:
        found.add("highlight")
    return frozenset(found)


def _scan(document, filename):
    questions, keys, problems = [], {}, []
    current, in_keys, in_explanation = None, False, False
    for number, raw, marks in _lines(document):
        text = raw.strip()
        if not text:
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
            continue
        if current is None:
            continue  # titles, instructions, part headings
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
    numbers = [q.number for q in questions]
    for question in questions:
        if numbers.count(question.number) > 1 and question is not _first(questions, question.number):
            place = Place(filename, question.paragraph, question.number, unit="paragraph")
            problems.append(ImportProblem(place, f"a second 'Câu {question.number}'"))
    return questions, keys, problems


def _first(questions, number):
    return next(q for q in questions if q.number == number)


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
def _draft(question, key, place):
    stem = text_to_html("\n".join(question.stem))
    if not stem:
        raise ValueError("the question has no text after 'Câu …'")
    if question.options:
        body = _multiple_choice(question, key)
        kind = "multiple_choice"
    elif question.statements:
        body, kind = _true_false(question, key), "true_false_cluster"
    elif isinstance(key, str):
        body, kind = _short_answer(key), "short_answer"
    else:
        body, kind = {"rubric": []}, "essay"
    draft = Draft(kind, stem, body, place, title=f"Câu {question.number}")
    draft.explanation = text_to_html("\n".join(question.explanation))
    return draft


def _multiple_choice(question, key):
    letters = [letter for letter, _, _ in question.options]
    if letters != list("ABCD")[: len(letters)]:
        raise ValueError(f"options {', '.join(letters)}: expected A, B, C, D in order")
    marked = _marked_option(question.options)
    if isinstance(key, str) and len(key) == 1 and key in "ABCD":
        if marked and marked != key:
            raise ValueError(f"the answer table says {key} but option {marked} is marked in the text")
        marked = key
    if marked is None:
        raise ValueError(
            "no key: mark the right option (underline, colour, bold or *) or add it to the answer table"
        )
    choices = [
        {"text": text_to_html(text), "correct": letter == marked} for letter, text, _ in question.options
    ]
    return {"choices": choices}


def _marked_option(options):
    """The one option carrying a mark no other option has (star first, bold last), or None."""
    for feature in ("star", "underline", "color", "highlight", "bold"):
        having = [letter for letter, _, flags in options if feature in flags]
        if len(having) == 1:
            return having[0]
    return None


def _true_false(question, key):
    letters = [letter for letter, _ in question.statements]
    if letters != list("abcd")[: len(letters)]:
        raise ValueError(f"statements {', '.join(letters)}: expected a), b), c), d) in order")
    if not isinstance(key, list) or len(key) != len(letters):
        example = f"{question.number}. " + "ĐS" * (len(letters) // 2) + "Đ" * (len(letters) % 2)
        raise ValueError(f"no Đ/S key for its {len(letters)} statements in the answer table, e.g. {example}")
    return {
        "statements": [
            {"text": text_to_html(text), "is_true": truth}
            for (_, text), truth in zip(question.statements, key, strict=True)
        ]
    }


def _short_answer(key):
    if re.fullmatch(r"-?\d+(?:[,.]\d+)?", key):
        return {"kind": "numeric", "value": key.replace(",", "."), "tolerance": "0"}
    return {"kind": "text", "answers": [key]}
