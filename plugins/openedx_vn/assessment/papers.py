"""Printable papers of a test's versions (mã đề) and one answer-key table for all of them.

    SỞ GD&ĐT …              KIỂM TRA GIỮA HỌC KÌ I
    TRƯỜNG THPT …           NĂM HỌC 2025-2026 · Môn: Toán – Lớp 10
                            Thời gian làm bài: 90 phút, không kể thời gian phát đề
    Họ và tên thí sinh: …  Số báo danh: …                         [ Mã đề 102 ]
    PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn. …   Câu 1. stem / A. … B. … C. … D. …
    PHẦN II. Câu trắc nghiệm đúng sai. …                  Câu 1. stem / a) … b) … c) … d) …
    PHẦN III. Câu trắc nghiệm trả lời ngắn. …             Câu 1. stem
    PHẦN IV. Tự luận. …                                   Câu 1 (1,0 điểm). stem
                                --- HẾT ---

As in the 2025 national exam: only the parts a version has, numbered I, II, … in order; questions numbered
within their part; options in the version's order as A.–D.; statements a)–d) in order; no key. The wording is
the exam form's, Vietnamese whatever the reader's language (like the words the bank's Word reader keys on);
notes for the teacher go through gettext.

Texts are the bank's sanitised HTML (``paper_flow``). LaTeX becomes a Word equation (``paper_math``) and, in
the PDF, a picture set by matplotlib (``paper_pdf``); what cannot be converted keeps its LaTeX
text, with a note.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from openedx_vn.assessment.paper_flow import Grid, data_picture, flow, options_per_line
from openedx_vn.assessment.paper_math import omml_element

__all__ = ["Paper", "PaperError", "answer_keys_docx", "answer_keys_xlsx", "version_docx", "version_pdf"]

ROMAN = ("I", "II", "III", "IV", "V", "VI")
LETTERS = "ABCDEFGH"
STATEMENT_LETTERS = "abcdefgh"
PARTS = {  # the exam's part headings; {questions}: "từ câu 1 đến câu 12" (see ``part_heading``)
    "multiple_choice": (
        "Câu trắc nghiệm nhiều phương án lựa chọn.",
        "Thí sinh trả lời {questions}. Mỗi câu hỏi thí sinh chỉ chọn một phương án.",
    ),
    "true_false_cluster": (
        "Câu trắc nghiệm đúng sai.",
        "Thí sinh trả lời {questions}. Trong mỗi ý a), b), c), d) ở mỗi câu, thí sinh chọn đúng hoặc sai.",
    ),
    "short_answer": ("Câu trắc nghiệm trả lời ngắn.", "Thí sinh trả lời {questions}."),
    "essay": ("Tự luận.", "Thí sinh trình bày lời giải {questions}."),
}
TEXT_WIDTH = Cm(17.5)  # A4 less the 2 cm and 1,5 cm margins


class PaperError(ValueError):
    """The paper cannot be printed: a version names a question the paper has no content or points for."""


@dataclass(frozen=True)
class Paper:
    """What every version of a test prints besides its questions' order."""

    school: str
    subject: str  # the subject's label, "Toán"
    grade: int | None
    title: str  # the file's title (document properties); the paper itself prints ``exam_kind``
    minutes: int
    school_year: str  # "2025-2026"
    exam_kind: str  # "Kiểm tra giữa học kì I"
    questions: dict = field(default_factory=dict)  # uuid → qbank.api.QuestionContent
    points: dict = field(default_factory=dict)  # uuid → Decimal, the points of the whole question
    authority: str = ""  # "SỞ GD&ĐT QUẢNG NINH": the line above the school's name, if any


def points_text(value):
    """Points as printed: "0,25", "1,0", "1,5"."""
    value = Decimal(value)
    text = f"{value:.1f}" if value == value.to_integral_value() else f"{value.normalize():f}"
    return text.replace(".", ",")


def subject_line(paper):
    return f"Môn: {paper.subject}" + (f" – Lớp {paper.grade}" if paper.grade is not None else "")


def numbered_parts(version):
    """``[(roman numeral, part type, items)]``: the parts the version has, numbered consecutively."""
    present = [(part, items) for part, items in version.parts.items() if items]
    return [(ROMAN[index], part, items) for index, (part, items) in enumerate(present)]


def check_paper(paper, version):
    """Raise ``PaperError`` naming the first printed question the paper cannot print."""
    for roman, part, items in numbered_parts(version):
        for item in items:
            where = {"code": version.code, "part": roman, "number": item.number, "uuid": item.uuid}
            if item.uuid not in paper.questions or item.uuid not in paper.points:
                message = _(
                    "Version %(code)s, part %(part)s, question %(number)s: no content or points for %(uuid)s"
                )
                raise PaperError(message % where)
            body = paper.questions[item.uuid].body
            if part == "multiple_choice" and sorted(item.option_order) != list(range(len(body["choices"]))):
                message = _(
                    "Version %(code)s, part %(part)s, question %(number)s: the option order does not fit"
                )
                raise PaperError(message % where)


# ------------------------------------------------------------------------------------------------ Word paper
class _Word:
    """A Word document written from flows; ``notes`` gathers what could not be printed as asked."""

    def __init__(self, notes, pictures):
        self.document = Document()
        self.notes = notes
        self.pictures = pictures
        style = self.document.styles["Normal"]
        style.font.name, style.font.size = "Times New Roman", Pt(12)
        style.paragraph_format.space_after = Pt(2)
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin, section.right_margin = Cm(2), Cm(1.5)
        section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.5)

    def note(self, message, **values):
        text = message % values
        if self.notes is not None and text not in self.notes:
            self.notes.append(text)

    def paragraph(self, text="", bold=False, italic=False, center=False, container=None):
        paragraph = (container or self.document).add_paragraph()
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    def write(self, blocks, where, paragraph=None, container=None, width=TEXT_WIDTH):
        """Write ``blocks`` (a flow): the first into ``paragraph`` (after its label), the rest below."""
        container = container or self.document
        for index, block in enumerate(blocks):
            if isinstance(block, Grid):
                self.grid(block, where, container, width)
                continue
            target = paragraph if index == 0 and paragraph is not None else container.add_paragraph()
            self.inline(target, block, where, width)

    def inline(self, paragraph, pieces, where, width=TEXT_WIDTH):
        for piece in pieces:
            if piece.kind == "text":
                self.text(paragraph, piece.value, piece.style)
            elif piece.kind == "break":
                paragraph.add_run().add_break()
            elif piece.kind == "math":
                element = omml_element(piece.value)
                if element is None:
                    self.note(
                        _("%(where)s: the formula %(latex)s is printed as LaTeX"),
                        where=where,
                        latex=piece.source,
                    )
                    self.text(paragraph, piece.source, piece.style)
                else:
                    paragraph._p.append(element)
            elif piece.kind == "picture":
                self.picture(paragraph, piece, where, width)

    @staticmethod
    def text(paragraph, text, style=frozenset()):
        run = paragraph.add_run(text)
        run.bold = "b" in style or None
        run.italic = "i" in style or None
        run.underline = "u" in style or None
        run.font.strike = "s" in style or None
        if "sub" in style:
            run.font.subscript = True
        elif "sup" in style:
            run.font.superscript = True

    def picture(self, paragraph, piece, where, width):
        found = data_picture(piece.value) or (self.pictures(piece.value) if self.pictures else None)
        shape = None
        if found is not None:
            try:
                shape = paragraph.add_run().add_picture(io.BytesIO(found[0]))
            except Exception:  # noqa: BLE001 - python-docx raises several types for a picture it cannot read
                shape = None
        if shape is None:
            self.note(
                _("%(where)s: a picture could not be printed; a placeholder stands for it"), where=where
            )
            self.text(paragraph, f"[Hình: {piece.source or '…'}]")
        elif shape.width > width:
            shape.height, shape.width = int(shape.height * width / shape.width), width

    def grid(self, grid, where, container, width):
        columns = max(len(row) for row in grid.rows)
        table = container.add_table(rows=len(grid.rows), cols=columns)
        table.style = "Table Grid"
        for row, cells in zip(grid.rows, table.rows, strict=True):
            for blocks, cell in zip(row, cells.cells, strict=False):
                self.write(blocks, where, cell.paragraphs[0], cell, int(width / columns))

    def save(self, title):
        self.document.core_properties.title = title
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def column_widths(table, widths):
    """Fix a Word table's column widths (``Length``s): the grid and every cell, which Word reads first."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _borders(cell, size=8):
    """Draw a box around a table cell (``size`` in eighths of a point)."""
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), str(size))
        border.set(qn("w:color"), "000000")
        borders.append(border)
    cell._tc.get_or_add_tcPr().append(borders)


def _field(paragraph, instruction):
    """A Word field (PAGE, NUMPAGES) Word fills in when it lays the pages out."""
    element = OxmlElement("w:fldSimple")
    element.set(qn("w:instr"), instruction)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    element.append(run)
    paragraph._p.append(element)


def _word_header(word, paper, version):
    table = word.document.add_table(rows=1, cols=2)
    column_widths(table, (Cm(7), Cm(10.5)))
    left, right = table.rows[0].cells
    first = left.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if paper.authority:
        first.add_run(paper.authority.upper())
        first = word.paragraph(center=True, container=left)
    first.add_run(paper.school.upper()).bold = True
    lines = right.paragraphs[0]
    lines.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lines.add_run(paper.exam_kind.upper()).bold = True
    word.paragraph(f"NĂM HỌC {paper.school_year}", bold=True, center=True, container=right)
    word.paragraph(subject_line(paper), bold=True, center=True, container=right)
    time = f"Thời gian làm bài: {paper.minutes} phút, không kể thời gian phát đề"
    word.paragraph(time, italic=True, center=True, container=right)
    word.paragraph()
    table = word.document.add_table(rows=1, cols=2)
    column_widths(table, (Cm(13.5), Cm(4)))
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Họ và tên thí sinh: ……………………………………………")
    word.paragraph("Số báo danh: ……………………", container=left)
    box = right.paragraphs[0]
    box.alignment = WD_ALIGN_PARAGRAPH.CENTER
    box.add_run(f"Mã đề {version.code}").bold = True
    _borders(right)
    footer = word.document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"Mã đề {version.code} – Trang ")
    _field(footer, "PAGE")
    footer.add_run("/")
    _field(footer, "NUMPAGES")


def part_heading(roman, part, count):
    """``(bold head, instruction)`` of a part: ("PHẦN I. Câu trắc nghiệm …", "Thí sinh trả lời …")."""
    head, rest = PARTS[part]
    questions = f"từ câu 1 đến câu {count}" if count > 1 else "câu 1"
    return f"PHẦN {roman}. {head}", rest.format(questions=questions)


def _part_heading(word, roman, part, items):
    head, rest = part_heading(roman, part, len(items))
    paragraph = word.paragraph(f"{head} ", bold=True)
    paragraph.paragraph_format.space_before = Pt(8)
    paragraph.add_run(rest)


def stem_once(stem, shown):
    """``(passage to print, own stem, passage)``: a passage shared with the question printed just before
    (kept at the start of each stem, ADR 0014) is printed once, above the first of them."""
    from openedx_vn.qbank import api as qbank_api  # noqa: PLC0415

    passage, own = qbank_api.split_stimulus(stem)
    if not passage:
        return "", stem, ""
    return ("" if passage == shown else passage), own, passage


def _word_question(word, paper, roman, part, item, shown=""):
    """Print one question; returns its shared passage ("" if none) for the next question."""
    content = paper.questions[item.uuid]
    where = f"PHẦN {roman}, Câu {item.number}"
    passage, stem, shared = stem_once(content.stem, shown)
    if passage:
        word.write(flow(passage), where)
    label = f"Câu {item.number}."
    if part == "essay":
        label = f"Câu {item.number} ({points_text(paper.points[item.uuid])} điểm)."
    paragraph = word.paragraph(label, bold=True)
    paragraph.add_run(" ")
    word.write(flow(stem), where, paragraph)
    if part == "multiple_choice":
        choices = [flow(content.body["choices"][index]["text"]) for index in item.option_order]
        _word_options(word, choices, where)
    elif part == "true_false_cluster":
        for letter, statement in zip(STATEMENT_LETTERS, content.body["statements"], strict=False):
            line = word.paragraph(f"{letter}) ")
            line.paragraph_format.left_indent = Cm(0.5)
            word.write(flow(statement["text"]), where, line)
    return shared


def _word_options(word, choices, where):
    per_line = options_per_line(choices)
    column = int(TEXT_WIDTH / per_line)
    for start in range(0, len(choices), per_line):
        paragraph = word.paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.5)
        for stop in range(1, per_line):
            paragraph.paragraph_format.tab_stops.add_tab_stop(column * stop, WD_TAB_ALIGNMENT.LEFT)
        for offset, blocks in enumerate(choices[start : start + per_line]):
            if offset:
                paragraph.add_run("\t")
            paragraph.add_run(f"{LETTERS[start + offset]}. ").bold = True
            if per_line == 1:
                word.write(blocks, where, paragraph, width=column)
            elif blocks:
                word.inline(paragraph, blocks[0], where, column)


def version_docx(paper, version, notes=None, pictures=None):
    """The Word (.docx) paper of ``version`` (a ``versions.TestVersion``), ready to print.

    ``notes``: a list that receives what could not be printed as asked (a formula left as LaTeX, a picture
    left out), in the current language. ``pictures``: ``src → (bytes, mime) | None`` for pictures that are
    not ``data:`` URIs (the bank's storage). Raises ``PaperError`` when the paper lacks a question.
    """
    check_paper(paper, version)
    word = _Word(notes, pictures)
    _word_header(word, paper, version)
    for roman, part, items in numbered_parts(version):
        _part_heading(word, roman, part, items)
        shown = ""
        for item in items:
            shown = _word_question(word, paper, roman, part, item, shown)
    word.paragraph("--- HẾT ---", bold=True, center=True).paragraph_format.space_before = Pt(12)
    return word.save(paper.title)


def version_pdf(paper, version, notes=None, pictures=None):
    """The PDF paper of ``version``, laid out as ``version_docx``'s (Be Vietnam Pro; formulas as pictures).

    Same arguments and errors as ``version_docx``.
    """
    from openedx_vn.assessment.paper_pdf import paper_pdf  # noqa: PLC0415 - ReportLab, matplotlib on demand

    check_paper(paper, version)
    return paper_pdf(paper, version, notes, pictures)


# -------------------------------------------------------------------------------------------- answer keys
def _key_table(paper, versions):
    """``(header, rows, total)``: rows are ``(part label, "Câu n", [key per version], points or None)``."""
    if not versions:
        raise PaperError(_("No version to make an answer key for"))
    layout = [(part, len(items)) for _roman, part, items in numbered_parts(versions[0])]
    for version in versions:
        check_paper(paper, version)
        if [(part, len(items)) for _roman, part, items in numbered_parts(version)] != layout:
            message = _("Version %(code)s does not have the parts and questions of version %(first)s")
            raise PaperError(message % {"code": version.code, "first": versions[0].code})
    rows = []
    for roman, part, items in numbered_parts(versions[0]):
        for index in range(len(items)):
            printed = [version.parts[part][index] for version in versions]
            points = {paper.points[item.uuid] for item in printed}
            keys = [(item.key, paper.points[item.uuid]) for item in printed]
            rows.append(
                (part, f"PHẦN {roman}", f"Câu {index + 1}", keys, points.pop() if len(points) == 1 else None)
            )
    total = sum(
        (paper.points[item.uuid] for items in versions[0].parts.values() for item in items), Decimal(0)
    )
    header = ["Phần", "Câu", *(f"Mã đề {version.code}" for version in versions), "Điểm"]
    return header, rows, total


def _key_text(part, key, points, shared, spelled):
    if part == "essay":
        text = "Tự luận"
    elif part == "true_false_cluster" and spelled:
        text = " ".join(f"{letter}) {mark}" for letter, mark in zip(STATEMENT_LETTERS, key, strict=False))
    else:
        text = key
    return text if shared is not None else f"{text} ({points_text(points)} đ)"


def answer_keys_docx(paper, versions):
    """One Word table of the keys of all ``versions``: a row per question ("PHẦN I", "Câu 1"), a column per
    version ("Mã đề 101"), the points of each question and the total. Raises ``PaperError``."""
    header, rows, total = _key_table(paper, versions)
    word = _Word(None, None)
    if len(header) > 10:  # many versions: a landscape page
        section = word.document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    word.paragraph(f"ĐÁP ÁN – {paper.exam_kind.upper()}", bold=True, center=True)
    word.paragraph(f"{subject_line(paper)} · Năm học {paper.school_year}", center=True)
    table = word.document.add_table(rows=len(rows) + 2, cols=len(header))
    table.style, table.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(name).bold = True
    first_of_part = {}
    for index, (part, label, number, keys, points) in enumerate(rows, start=1):
        cells = table.rows[index].cells
        first_of_part.setdefault(label, index)
        cells[1].text = number
        for cell, (key, own) in zip(cells[2:-1], keys, strict=True):
            cell.text = _key_text(part, key, own, points, spelled=True)
        cells[-1].text = points_text(points) if points is not None else ""
    for label, start in first_of_part.items():
        stop = max(index for index, row in enumerate(rows, start=1) if row[1] == label)
        merged = table.cell(start, 0).merge(table.cell(stop, 0)) if stop > start else table.cell(start, 0)
        merged.text = label
    last = table.rows[-1].cells
    merged = last[0].merge(last[-2])
    merged.text = ""
    merged.paragraphs[0].add_run("Tổng điểm").bold = True
    last[-1].paragraphs[0].add_run(points_text(total)).bold = True
    return word.save(f"Đáp án – {paper.title}")


def answer_keys_xlsx(paper, versions):
    """The same table as ``answer_keys_docx`` in Excel: keys as the answer sheet takes them ("B", "ĐSĐS",
    "-1,5"), points as numbers. Raises ``PaperError``."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    header, rows, total = _key_table(paper, versions)
    book = Workbook()
    sheet = book.active
    sheet.title = "Đáp án"
    sheet.append(header)
    for part, label, number, keys, points in rows:
        cells = [_key_text(part, key, own, points, spelled=False) for key, own in keys]
        sheet.append([label, number, *cells, points])
    sheet.append(["Tổng điểm", *([None] * (len(header) - 2)), total])
    for cell in (*sheet[1], *sheet[sheet.max_row]):
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"
    for index in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 12
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
