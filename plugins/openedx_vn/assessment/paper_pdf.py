"""The PDF paper of a version (ReportLab, Be Vietnam Pro), laid out as the Word paper of ``papers``.

Formulas are pictures set by matplotlib's mathtext at the text's size, sitting on the baseline; a line
holding a tall one (a fraction) gets the room it needs. ReportLab reads inline pictures from files, so a
paper's pictures live in a temporary folder while it is built. The footer's page count ("Trang 1/3") needs
a first build to count the pages.
"""

import hashlib
import io
import os
import tempfile
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from openedx_vn.assessment.paper_flow import Grid, data_picture, flow, options_per_line
from openedx_vn.assessment.paper_math import formula_picture
from openedx_vn.assessment.papers import (
    LETTERS,
    STATEMENT_LETTERS,
    numbered_parts,
    part_heading,
    points_text,
    stem_once,
    subject_line,
)
from openedx_vn.core.pdf import register_fonts

__all__ = ["paper_pdf"]

SIZE, LEADING = 11, 15
TEXT_WIDTH = A4[0] - 3.5 * cm
_TAGS = {"b": "b", "i": "i", "u": "u", "s": "strike", "sub": "sub", "sup": "super"}


def paper_pdf(paper, version, notes, pictures):
    """The bytes of the PDF paper (see ``papers.version_pdf``)."""
    font = register_fonts()
    with tempfile.TemporaryDirectory(prefix="vn-paper-") as folder:
        writer = _Pdf(font, folder, notes, pictures)
        pages = writer.build(paper, version, None)[1]
        return writer.build(paper, version, pages)[0]


class _Pdf:
    def __init__(self, font, folder, notes, pictures):
        self.folder, self.notes, self.pictures = folder, notes, pictures
        self.shown = ""  # the shared passage of the question printed last
        self.body = ParagraphStyle("vn-paper", fontName=font, fontSize=SIZE, leading=LEADING, spaceAfter=2)
        self.center = ParagraphStyle("vn-paper-center", parent=self.body, alignment=TA_CENTER)
        self.font = font

    def note(self, message, **values):
        text = message % values
        if self.notes is not None and text not in self.notes:
            self.notes.append(text)

    # ------------------------------------------------------------------------------ pictures and formulas
    def _file(self, content, suffix):
        path = os.path.join(self.folder, hashlib.sha256(content).hexdigest()[:32] + suffix)
        if not os.path.exists(path):
            with open(path, "wb") as out:
                out.write(content)
        return path

    def _image(self, path, width, height, depth=0.0):
        return f'<img src="{escape(path)}" width="{width:.2f}" height="{height:.2f}" valign="{-depth:.2f}"/>'

    def _piece(self, piece, where, width):
        """``(markup, ascent, descent)`` of a piece."""
        if piece.kind == "break":
            return "<br/>", 0, 0
        if piece.kind == "math":
            found = formula_picture(piece.value, SIZE)
            if found is None:
                self.note(
                    _("%(where)s: the formula %(latex)s is printed as LaTeX"), where=where, latex=piece.source
                )
                return self._styled(escape(piece.source), piece.style), 0, 0
            png, wide, high, depth = found
            return self._image(self._file(png, ".png"), wide, high, depth), high - depth, depth
        if piece.kind == "picture":
            return self._picture(piece, where, width)
        return self._styled(escape(piece.value), piece.style), 0, 0

    def _picture(self, piece, where, width):
        from PIL import Image, UnidentifiedImageError  # noqa: PLC0415

        found = data_picture(piece.value) or (self.pictures(piece.value) if self.pictures else None)
        try:
            wide, high = Image.open(io.BytesIO(found[0])).size if found else (0, 0)
        except (UnidentifiedImageError, OSError, ValueError):
            wide = high = 0
        if not wide or not high:
            self.note(
                _("%(where)s: a picture could not be printed; a placeholder stands for it"), where=where
            )
            return escape(f"[Hình: {piece.source or '…'}]"), 0, 0
        wide, high = wide * 0.75, high * 0.75  # pixels at 96 per inch → points
        if wide > width:
            wide, high = width, high * width / wide
        return self._image(self._file(found[0], ".img"), wide, high), high, 0

    @staticmethod
    def _styled(text, style):
        for name in sorted(style):
            if name in _TAGS:
                text = f"<{_TAGS[name]}>{text}</{_TAGS[name]}>"
        return text

    # ------------------------------------------------------------------------------------------ flows
    def paragraph(self, markup, style=None, ascent=0, descent=0, indent=0):
        style = style or self.body
        leading = max(style.leading, ascent + descent + 3, SIZE + descent + 3)
        if leading != style.leading or indent:
            style = ParagraphStyle(
                f"{style.name}-{leading:.0f}-{indent}",
                parent=style,
                leading=leading,
                leftIndent=indent,
                spaceBefore=max(0, ascent - SIZE),
            )
        return Paragraph(markup, style)

    def block(self, pieces, where, prefix="", width=TEXT_WIDTH, indent=0):
        parts = [self._piece(piece, where, width) for piece in pieces]
        markup = prefix + "".join(text for text, _ascent, _descent in parts)
        ascent = max((ascent for _text, ascent, _descent in parts), default=0)
        descent = max((descent for _text, _ascent, descent in parts), default=0)
        return self.paragraph(markup, ascent=ascent, descent=descent, indent=indent)

    def flowables(self, blocks, where, prefix="", width=TEXT_WIDTH, indent=0):
        """Flowables of a flow; ``prefix`` (markup) starts the first paragraph."""
        out = []
        for block in blocks:
            if isinstance(block, Grid):
                if prefix:
                    out.append(self.paragraph(prefix, indent=indent))
                out.append(self.grid(block, where, width - indent))
            else:
                out.append(self.block(block, where, prefix, width, indent))
            prefix = ""
        return out or ([self.paragraph(prefix, indent=indent)] if prefix else [])

    def grid(self, grid, where, width):
        columns = max(len(row) for row in grid.rows)
        cell_width = width / columns
        data = [
            [self.flowables(blocks, where, width=cell_width - 8) for blocks in row]
            + [""] * (columns - len(row))
            for row in grid.rows
        ]
        table = Table(data, colWidths=[cell_width] * columns, hAlign="LEFT")
        table.setStyle(
            TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
        )
        return table

    # ------------------------------------------------------------------------------------------ paper
    def header(self, paper, version):
        bold = ParagraphStyle("vn-paper-bold", parent=self.center, fontName=self.font, leading=14)
        left = [Paragraph(escape(paper.authority.upper()), bold)] if paper.authority else []
        left.append(Paragraph(f"<b>{escape(paper.school.upper())}</b>", bold))
        right = [
            Paragraph(f"<b>{escape(paper.exam_kind.upper())}</b>", bold),
            Paragraph(f"<b>NĂM HỌC {escape(paper.school_year)}</b>", bold),
            Paragraph(f"<b>{escape(subject_line(paper))}</b>", bold),
            Paragraph(f"<i>Thời gian làm bài: {paper.minutes} phút, không kể thời gian phát đề</i>", bold),
        ]
        top = Table([[left, right]], colWidths=[7 * cm, TEXT_WIDTH - 7 * cm])
        top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        name = [
            Paragraph("Họ và tên thí sinh: ……………………………………………", self.body),
            Paragraph("Số báo danh: ……………………", self.body),
        ]
        box = Paragraph(f"<b>Mã đề {escape(version.code)}</b>", self.center)
        line = Table([[name, box]], colWidths=[TEXT_WIDTH - 4 * cm, 4 * cm])
        line.setStyle(
            TableStyle([("BOX", (1, 0), (1, 0), 0.8, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
        )
        return [top, Spacer(1, 8), line, Spacer(1, 6)]

    def question(self, paper, roman, part, item):
        content = paper.questions[item.uuid]
        where = f"PHẦN {roman}, Câu {item.number}"
        label = f"<b>Câu {item.number}.</b> "
        if part == "essay":
            label = f"<b>Câu {item.number} ({points_text(paper.points[item.uuid])} điểm).</b> "
        passage, stem, self.shown = stem_once(content.stem, self.shown)
        out = self.flowables(flow(passage), where) if passage else []
        out += self.flowables(flow(stem), where, label)
        if part == "multiple_choice":
            choices = [flow(content.body["choices"][index]["text"]) for index in item.option_order]
            out += self.options(choices, where)
        elif part == "true_false_cluster":
            for letter, statement in zip(STATEMENT_LETTERS, content.body["statements"], strict=False):
                out += self.flowables(flow(statement["text"]), where, f"{letter}) ", indent=14)
        return out

    def options(self, choices, where):
        per_line = options_per_line(choices)
        labels = [f"<b>{LETTERS[index]}.</b> " for index in range(len(choices))]
        if per_line == 1:
            return [
                f
                for label, blocks in zip(labels, choices, strict=True)
                for f in self.flowables(blocks, where, label, indent=14)
            ]
        width = (TEXT_WIDTH - 14) / per_line
        cells = [
            self.flowables(blocks[:1], where, label, width - 6)
            for label, blocks in zip(labels, choices, strict=True)
        ]
        rows = [cells[start : start + per_line] for start in range(0, len(cells), per_line)]
        table = Table(rows, colWidths=[width] * per_line, hAlign="RIGHT")
        table.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        return [table]

    def build(self, paper, version, pages):
        """``(pdf bytes, page count)``; ``pages``: the count for the footer (None on the first build)."""
        story = self.header(paper, version)
        for roman, part, items in numbered_parts(version):
            head, rest = part_heading(roman, part, len(items))
            heading = f"<b>{escape(head)}</b> {escape(rest)}"
            story.append(self.paragraph(heading, ParagraphStyle("vn-part", parent=self.body, spaceBefore=8)))
            self.shown = ""  # a passage shared by questions in a row is printed once (stem_once)
            for item in items:
                story += self.question(paper, roman, part, item)
        story += [Spacer(1, 10), Paragraph("<b>--- HẾT ---</b>", self.center)]

        def footer(canvas, document):
            canvas.saveState()
            canvas.setFont(self.font, 9)
            text = f"Mã đề {version.code} – Trang {document.page}" + (f"/{pages}" if pages else "")
            canvas.drawCentredString(A4[0] / 2, 1 * cm, text)
            canvas.restoreState()

        out = io.BytesIO()
        document = SimpleDocTemplate(
            out,
            pagesize=A4,
            leftMargin=2 * cm,
            rightMargin=1.5 * cm,
            topMargin=1.5 * cm,
            bottomMargin=1.8 * cm,
            title=paper.title,
            author=paper.school,
        )
        document.build(story, onFirstPage=footer, onLaterPages=footer)
        return out.getvalue(), document.page
