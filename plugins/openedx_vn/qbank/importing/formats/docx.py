"""Word (.docx) exam papers as Vietnamese teachers and the national exam write them.

    PHẦN I. …  /  I. ĐỌC HIỂU  /  B. TỰ LUẬN   parts: they scope question numbers and name their type
    Đọc đoạn trích sau … (trả lời câu 1–5)     a shared stimulus, kept at the start of each question's stem
    Câu 1. / Câu 1: / Câu 1) / Question 1      bold or not, typed or Word's automatic numbering;
      (0,5 điểm) (NB)                          points and level in brackets
    A. …  B. …  C. …  D. …                     options one per line, 4 in a row, 2×2, in a table, numbered by
                                               Word; the key underlined, coloured, highlighted, bold or "*"
    a) … b) … c) … d) …                        đúng/sai statements
    Lời giải: … / Đáp án: B                    the explanation, a key under the question
    ĐÁP ÁN / HƯỚNG DẪN CHẤM / ĐÁP ÁN VÀ THANG ĐIỂM   keys, solutions and rubrics (``word_guide``)
Tables with one question per row are read by their columns (``word_tables``). Places are paragraph
numbers (1 = first; a table counts its rows), or a table and its row.
"""

import contextlib
import io
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from openedx_vn.qbank.importing import word_convert, word_paper
from openedx_vn.qbank.importing.drafts import Draft, ImportProblem, Place
from openedx_vn.qbank.importing.word_numbering import Numbering
from openedx_vn.qbank.importing.word_stimulus import with_stimulus
from openedx_vn.qbank.importing.word_tables import cells as table_cells
from openedx_vn.qbank.importing.wordml import Content, Line, W, read_paragraph

_NUMERIC = re.compile(r"-?\d+(?:[,.]\d+)?")


def read(content, filename):
    """Return ``(drafts, problems)`` for the import pipeline (``content`` is the .docx, or .doc, bytes)."""
    from docx import Document  # noqa: PLC0415

    notes = []
    if content[:8] == word_convert.OLE2:
        converted = word_convert.doc_to_docx(content)
        if converted is None:
            message = _(
                "an old Word 97–2003 (.doc) file: open it in Word and save it as .docx (File → Save As → "
                "Word Document), then import the .docx"
            )
            return [], [ImportProblem(Place(filename), message)]
        content = converted
        notes.append(ImportProblem(Place(filename), _("converted from .doc to .docx: check it"), False))
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
    reader = _read(document, content)
    drafts, problems = [], list(notes)
    seen = {}
    for question in reader.questions:
        place = _place(filename, question)
        problems += [
            ImportProblem(_place(filename, question, paragraph), message)
            for paragraph, message in question.problems
        ]
        problems += [
            ImportProblem(_place(filename, question, paragraph), message, blocking=False)
            for paragraph, message in question.notes
        ]
        if question.table is None:
            scope = (question.part, question.number)
            if scope in seen:
                problems.append(
                    ImportProblem(place, _("a second 'Câu %(number)s'") % {"number": question.number})
                )
                continue
            seen[scope] = question
        try:
            draft = _draft(question, reader.guide, place, content)
        except ValueError as exc:
            problems.append(ImportProblem(place, str(exc)))
            continue
        drafts.append(draft)
    return drafts, problems


def _place(filename, question, paragraph=None):
    if question.table:
        return Place(filename, question.paragraph, question.number, unit="row", table=question.table)
    return Place(filename, paragraph or question.paragraph, question.number, unit="paragraph")


# ------------------------------------------------------------------- reading
def _read(document, content):
    numbering = Numbering(document)
    reader = word_paper.Reader()

    def paragraph_line(paragraph):
        line = Line()
        label = numbering.label(paragraph)
        if label is not None:
            line.add(_label_text(label), frozenset())
        line.extend(read_paragraph(paragraph, content))
        return line

    def cell_line(paragraphs):
        line = Line()
        for index, paragraph in enumerate(paragraphs):
            if index:
                line.add("\n", frozenset())
            line.extend(paragraph_line(paragraph))
        return line

    items = []  # (paragraph number, Line) or (paragraph number, rows) in document order
    number = 0
    for block in _blocks(document.element.body):
        if block.tag == f"{{{W}}}p":
            number += 1
            items.append((number, paragraph_line(block)))
        elif block.tag == f"{{{W}}}tbl":
            rows = table_cells(block, cell_line)
            items.append((number + 1, rows))
            number += len(rows)
    lines = []
    for number, item in items:
        if isinstance(item, Line):
            lines += [(number, piece) for piece in word_paper.cut(item)]
        else:
            lines.append((number, item))
    _feed(reader, lines, content)
    return reader


def _blocks(body):
    """The body's paragraphs and tables, those inside content controls (w:sdt) included."""
    for block in body.iterchildren():
        if block.tag == f"{{{W}}}sdt":
            content = block.find(f"{{{W}}}sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif block.tag in (f"{{{W}}}p", f"{{{W}}}tbl"):
            yield block


def _feed(reader, lines, content):
    for index, (number, item) in enumerate(lines):
        if isinstance(item, list):
            result = reader.table(number, item)
            if result is None:
                continue
            kind, found = result
            if kind == "table":
                reader.line(number, _table_line(found, content))
                continue
            pieces = [(n, piece) for n, line in found for piece in word_paper.cut(line)]
            _feed(reader, pieces, content)
            continue
        following = next((line for _n, line in lines[index + 1 :] if isinstance(line, Line)), None)
        reader.line(number, item, following.text.strip() if following is not None else None)


def _label_text(label):
    text = label.text.strip()
    if label.format in ("upperLetter", "lowerLetter"):
        return text + ("" if text[-1:] in ".)" else (". " if label.format == "upperLetter" else ") ")) + " "
    if label.format == "decimal" and re.fullmatch(r"\d+[.):]?", text):
        return f"Câu {label.value}. "
    return text + " "


def _table_line(rows, content):
    """A table inside a passage or a question: kept as an HTML table (one placeholder)."""
    line = Line()
    html_rows = []
    for row in rows:
        cells = "".join(f"<td>{content.html(cell.line.text.strip())}</td>" for cell in row)
        html_rows.append(f"<tr>{cells}</tr>")
        for cell in row:
            line.problems += cell.line.problems
            line.notes += cell.line.notes
    line.add(content.placeholder(f"<table><tbody>{''.join(html_rows)}</tbody></table>"), frozenset())
    return line


# ---------------------------------------------------------------- questions
def _draft(question, guide, place, content):
    html = content.html
    stem = html("\n".join(question.stem))
    if not stem and not question.statements:
        raise ValueError(_("the question has no text after 'Câu …'"))
    key = question.key
    if key is None and guide is not None:
        key = guide.key(question.part, question.number, _wanted(question))
    if question.options:
        body, kind = _multiple_choice(question, key, html), "multiple_choice"
    elif question.statements:
        body, kind = _true_false(question, key, html), "true_false_cluster"
    elif isinstance(key, str) and (question.part_kind in ("short", "mc", "") or _NUMERIC.fullmatch(key)):
        body, kind = _short_answer(key), "short_answer"
    elif question.part_kind == "short":
        example = f"{question.number}. -1,5"
        message = _("no answer for this short-answer question: add it to the answer table, e.g. %(example)s")
        raise ValueError(message % {"example": example})
    elif question.part_kind == "mc":
        raise ValueError(
            _("no options A–D found: write each as 'A. …' at the start of a line or after a tab")
        )
    else:
        rubric = guide.rubric(question.part, question.number) if guide else []
        body, kind = {"rubric": [{"text": r["text"], "points": r["points"]} for r in rubric]}, "essay"
    stimulus = question.stimulus
    if stimulus is not None:
        shared = html("\n".join(line.text.strip() for line in stimulus.lines if line.text.strip()))
        stem = with_stimulus(shared, stem)
    draft = Draft(kind, stem, body, place, title=f"Câu {question.number}", cognitive_level=question.level)
    explanation = question.explanation or (guide.solution(question.part, question.number) if guide else [])
    draft.explanation = html("\n".join(explanation))
    if question.points:
        with contextlib.suppress(InvalidOperation):
            draft.points = Decimal(question.points.replace(",", "."))
    if question.part:
        draft.category = _("Part %(part)s") % {"part": question.part}
    return draft


def _wanted(question):
    if question.options:
        return lambda value: isinstance(value, str) and value in "ABCD" and len(value) == 1
    if question.statements:
        return lambda value: isinstance(value, list)
    return lambda value: isinstance(value, str) and not (len(value) == 1 and value in "ABCD")


def _multiple_choice(question, key, html):
    letters = [letter for letter, _text, _flags in question.options]
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
    if marked is None and key:
        message = _("the key %(key)s is not one of the options %(letters)s")
        raise ValueError(message % {"key": repr(key), "letters": ", ".join(letters)})
    if marked is None:
        raise ValueError(
            _("no key: mark the right option (underline, colour, bold or *) or add it to the answer table")
        )
    choices = [{"text": html(text), "correct": letter == marked} for letter, text, _flags in question.options]
    return {"choices": choices}


def _marked_option(options):
    """The one option carrying a mark no other option has (star first, bold last), or None."""
    for feature in ("star", "underline", "color", "highlight", "bold"):
        having = [letter for letter, _text, flags in options if feature in flags]
        if len(having) == 1:
            return having[0]
    return None


def _true_false(question, key, html):
    letters = [letter for letter, _text in question.statements]
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
            for (_letter, text), truth in zip(question.statements, key, strict=True)
        ]
    }


def _short_answer(key):
    if _NUMERIC.fullmatch(key):
        return {"kind": "numeric", "value": key.replace(",", "."), "tolerance": "0"}
    return {"kind": "text", "answers": [key]}
