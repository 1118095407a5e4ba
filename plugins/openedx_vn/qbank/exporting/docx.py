"""Export questions as a printable Word (.docx) paper, laid out the way teachers (and our reader) read one.

    <title>
    PHẦN I. Multiple choice …            parts in the national-exam order: multiple choice, đúng/sai,
    Câu 1. stem                           short answer, essay; questions numbered across parts
    A. …  (one option a line)
    PHẦN II. …  Câu 5. stem + table "a) statement | (box for Đ/S)"
    PHẦN IV. …  Câu 9 (2 điểm). stem
    ĐÁP ÁN  table "Câu | Đáp án": "1 | B", "5 | a) Đ, b) S, c) Đ, d) S", "7 | -1,5", "8 | Hà Nội / Ha Noi"
    LỜI GIẢI  "Câu 1." + the explanation, for each question that has one

With ``explanations="inline"`` the explanation follows its question as "Lời giải: …" (a teacher's copy)
instead of the last section. The words our reader keys on ("PHẦN I.", "Câu 1.", "ĐÁP ÁN", "LỜI GIẢI",
"Lời giải:") are the format and stay Vietnamese; the other headings and instructions go through gettext,
rendered in ``language`` (Vietnamese by default: the paper is a Vietnamese exam whatever the UI language).

Texts are the bank's sanitised HTML: paragraphs, line breaks, bold/italic/underline/strike, sub/superscript
and tables are kept; LaTeX math ($…$, \\(…\\)) is kept as typed, not rendered; pictures are embedded when
their bytes are reachable (``data:`` URI or our storage), otherwise a note names them.
"""

import io
import re
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.exceptions import UnrecognizedImageError
from docx.shared import Cm, Pt
from lxml import html as lxml_html

from openedx_vn.core.math import decimal_comma
from openedx_vn.qbank.exporting import images

ROMAN = ("I", "II", "III", "IV", "V", "VI")
LETTERS = "ABCDEFGHIJ"
STATEMENT_LETTERS = "abcdef"
BLOCKS = {"p", "div", "li", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "hr"}
MAX_PICTURE_WIDTH = Cm(12)
_SPACES = re.compile(r"\s+")


def _parts():
    """(type key, part title): in the order of the 2025 exam paper."""
    return [
        ("multiple_choice", _("Multiple-choice questions. For each question choose one option.")),
        (
            "true_false_cluster",
            _(
                "True/false questions. For each statement a), b), c), d) write Đ (true) or S (false) "
                "in its box."
            ),
        ),
        ("short_answer", _("Short-answer questions. Write only the answer.")),
        ("essay", _("Essay questions.")),
    ]


def _number(value):
    """A decimal without trailing zeros: Decimal("2.00") → "2"."""
    return format(Decimal(str(value)).normalize(), "f")


# LaTeX kept as typed gets the printed decimal comma ({,}), so Word's or any LaTeX converter sets no space.
_MATH = re.compile(r"\$\$.+?\$\$|\$.+?\$|\\\(.+?\\\)|\\\[.+?\\\]", re.DOTALL)


def _math_commas(text):
    return _MATH.sub(lambda found: decimal_comma(found.group(0)), text)


def _comma(value):
    """A bank number ("-1.5") with the Vietnamese decimal comma ("-1,5")."""
    return str(value).replace(".", ",")


class _Paper:
    def __init__(self, title, notes_language=None):
        self.document = Document()
        self.notes = []
        self.notes_language = notes_language  # the exporting teacher's (the paper's may be another)
        style = self.document.styles["Normal"]
        style.font.name, style.font.size = "Times New Roman", Pt(13)
        section = self.document.sections[0]
        section.left_margin = section.right_margin = Cm(2)
        heading = self.document.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = heading.add_run(title.upper())
        run.bold, run.font.size = True, Pt(14)
        name = self.document.add_paragraph(_("Full name: ……………………………………  Class: …………"))
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def note(self, message, **params):
        """Add a note (``message`` marked with ``gettext_noop``) in the exporting teacher's language."""
        with translation.override(self.notes_language):
            self.notes.append(_(message) % params)

    # ------------------------------------------------------------ html → docx
    def html(self, html, where, paragraph=None, container=None):
        """Write our HTML into the paper: into ``paragraph`` first (after its label), then new paragraphs."""
        self._container = container or self.document
        self._paragraph = paragraph
        self._fresh = paragraph is not None  # a paragraph holding only a label takes the first block's text
        self._where = where
        root = lxml_html.fragment_fromstring(html or "", create_parent="div")
        self._walk(root, frozenset())
        return self._paragraph

    def _current(self):
        if self._paragraph is None:
            self._paragraph = self._container.add_paragraph()
            self._fresh = False
        return self._paragraph

    def _break_paragraph(self):
        if self._fresh:
            return
        if self._paragraph is not None and (self._paragraph.runs or self._paragraph.text):
            self._paragraph = None

    def _text(self, text, style):
        text = text if "pre" in style else _SPACES.sub(" ", text)
        if not text or (text == " " and self._paragraph is None):
            return
        run = self._current().add_run(_math_commas(text))
        run.bold = "b" in style or None
        run.italic = "i" in style or None
        run.underline = "u" in style or None
        run.font.strike = "s" in style or None
        if "sub" in style:  # one w:vertAlign holds both: set only the one that applies
            run.font.subscript = True
        elif "sup" in style:
            run.font.superscript = True
        if "code" in style:
            run.font.name = "Courier New"

    def _walk(self, element, style):
        if element.text:
            self._text(element.text, style)
        for child in element:
            if isinstance(child.tag, str):
                self._element(child, style)
            if child.tail:
                self._text(child.tail, style)

    def _element(self, element, style):
        tag = element.tag
        if tag == "br":
            self._current().add_run().add_break()
        elif tag == "img":
            self._picture(element.get("src", ""), element.get("alt", ""))
        elif tag == "table":
            self._table(element, style)
        elif tag in BLOCKS:
            self._break_paragraph()
            self._fresh = False
            if tag == "li":
                self._text("– ", style)
            self._walk(element, style | ({"pre"} if tag == "pre" else set()))
            self._break_paragraph()
        else:
            extra = {"strong": "b", "b": "b", "em": "i", "i": "i", "u": "u", "s": "s"}.get(tag, tag)
            self._walk(element, style | {extra})

    def _picture(self, src, alt):
        found = images.picture(src)
        label = alt or src[:60]
        if found is None:
            self.note(
                gettext_noop("%(where)s: image %(src)s not reachable: a note is printed instead"),
                where=self._where,
                src=repr(src[:80]),
            )
            self._text(f"[{_('picture')}: {label}]", frozenset())
            return
        try:
            shape = self._current().add_run().add_picture(io.BytesIO(found[0]))
        except (UnrecognizedImageError, ValueError, ZeroDivisionError):
            self.note(
                gettext_noop("%(where)s: image %(label)s (%(type)s) cannot be put in Word: a note instead"),
                where=self._where,
                label=repr(label),
                type=found[1],
            )
            self._text(f"[{_('picture')}: {label}]", frozenset())
            return
        if shape.width > MAX_PICTURE_WIDTH:
            shape.height = int(shape.height * MAX_PICTURE_WIDTH / shape.width)
            shape.width = MAX_PICTURE_WIDTH

    def _table(self, element, style):
        rows = element.xpath(".//tr")
        if not rows:
            return
        width = max(len(row.xpath("./td|./th")) for row in rows)
        table = self._container.add_table(rows=len(rows), cols=max(width, 1))
        table.style = "Table Grid"
        saved = (self._container, self._paragraph, self._fresh)
        for row, cells in zip(rows, table.rows, strict=True):
            for cell, target in zip(row.xpath("./td|./th"), cells.cells, strict=False):
                self._container, self._paragraph, self._fresh = target, target.paragraphs[0], True
                self._walk(cell, style | ({"b"} if cell.tag == "th" else set()))
        self._container, self._paragraph, self._fresh = saved[0], None, False

    # -------------------------------------------------------------- questions
    def label(self, text, container=None):
        paragraph = (container or self.document).add_paragraph()
        paragraph.add_run(text).bold = True
        paragraph.add_run(" ")
        return paragraph

    def part(self, number, title):
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(10)
        paragraph.add_run(f"PHẦN {ROMAN[number]}. ").bold = True
        paragraph.add_run(title).bold = True

    def question(self, number, version, explanation_inline):
        where = f"Câu {number}"
        head = f"Câu {number}."
        if version.type == "essay":
            head = f"Câu {number} ({_comma(_number(version.points))} điểm)."
        self.html(version.stem, where, paragraph=self.label(head))
        if version.type == "multiple_choice":
            for letter, choice in zip(LETTERS, version.body["choices"], strict=False):
                self.html(choice["text"], where, paragraph=self.label(f"{letter}."))
        elif version.type == "true_false_cluster":
            statements = version.body["statements"]
            table = self.document.add_table(rows=len(statements), cols=2)
            table.style, table.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
            for letter, statement, row in zip(STATEMENT_LETTERS, statements, table.rows, strict=False):
                row.cells[0].width, row.cells[1].width = Cm(14), Cm(2)
                cell = row.cells[0]
                first = cell.paragraphs[0]
                first.add_run(f"{letter}) ")
                self.html(statement["text"], where, paragraph=first, container=cell)
        if explanation_inline and version.explanation:
            self.html(version.explanation, where, paragraph=self.label("Lời giải:"))

    def page_break(self):
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def save(self):
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def key_text(version):
    """The key as the paper's answer table writes it (the form our Word reader takes back)."""
    body = version.body
    if version.type == "multiple_choice":
        return next(LETTERS[i] for i, choice in enumerate(body["choices"]) if choice["correct"])
    if version.type == "true_false_cluster":
        marks = zip(STATEMENT_LETTERS, body["statements"], strict=False)
        return ", ".join(f"{letter}) {'Đ' if s['is_true'] else 'S'}" for letter, s in marks)
    if version.type == "short_answer" and body["kind"] == "numeric":
        tolerance = str(body.get("tolerance") or "0")
        plus = f" (± {_comma(tolerance)})" if float(tolerance) else ""
        return _comma(body["value"]) + plus
    if version.type == "short_answer":
        return " / ".join(body["answers"])
    return _("see the solution")


def paper(versions, title, explanations="end", language="vi"):
    """``(.docx bytes, notes)``: a printable paper of the versions, its answer key and explanations."""
    if explanations not in ("end", "inline"):
        message = _("explanations=%(value)s: 'end' (after the answer key) or 'inline'")
        raise ValueError(message % {"value": repr(explanations)})
    notes_language = translation.get_language()
    with translation.override(language):
        return _paper(versions, title, explanations, notes_language)


def _paper(versions, title, explanations, notes_language):
    sheet = _Paper(title, notes_language)
    by_type = {}
    for version in versions:
        by_type.setdefault(version.type, []).append(version)
    numbered, part = [], 0
    for kind, part_title in _parts():
        if not by_type.get(kind):
            continue
        sheet.part(part, part_title)
        part += 1
        for version in by_type.pop(kind):
            numbered.append((len(numbered) + 1, version))
            sheet.question(len(numbered), version, explanations == "inline")
    for version in (v for group in by_type.values() for v in group):
        sheet.note(
            gettext_noop("%(question)s: type %(type)s not exported"),
            question=version.title or version.question.uuid,
            type=repr(version.type),
        )
    sheet.page_break()
    heading = sheet.document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run("ĐÁP ÁN").bold = True
    table = sheet.document.add_table(rows=len(numbered) + 1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].paragraphs[0].add_run("Câu").bold = True
    table.rows[0].cells[1].paragraphs[0].add_run(_("Answer")).bold = True
    for (number, version), row in zip(numbered, table.rows[1:], strict=True):
        row.cells[0].text, row.cells[1].text = str(number), key_text(version)
    solved = [(number, version) for number, version in numbered if version.explanation]
    if explanations == "end" and solved:
        heading = sheet.document.add_paragraph()
        heading.paragraph_format.space_before = Pt(12)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.add_run("LỜI GIẢI").bold = True
        for number, version in solved:
            # The text starts on its own line: "Câu 1. A …" would read as a key to our reader.
            sheet.label(f"Câu {number}.")
            sheet.html(version.explanation, f"Câu {number}")
    return sheet.save(), sheet.notes
