"""PDF reports (ReportLab) in a font with every Vietnamese letter.

ReportLab's own fonts (Helvetica, Vera) lack the stacked diacritics (ắ, ặ, ỗ, ự), so the text is set in
Be Vietnam Pro (SIL Open Font License), the first font of our pages' CSS, shipped as a wheel
(``fontpkg-be-vietnam-pro``): nothing is downloaded at run time, and the PDF embeds the subset it uses.
"""

import io
from dataclasses import dataclass, field
from functools import cache
from xml.sax.saxutils import escape

__all__ = ["PdfTable", "register_fonts", "report_pdf"]

FONT = "BeVietnamPro"
FONT_BOLD = "BeVietnamPro-Bold"


@dataclass(frozen=True)
class PdfTable:
    """A table of a report: a heading above it, a header row, rows of text; ``fills`` colours cells, keyed by
    (row index in ``rows``, column index), with "#rrggbb" values."""

    heading: str
    header: tuple
    rows: list
    fills: dict = field(default_factory=dict)


@cache
def _register_fonts():
    from fontpkg_be_vietnam_pro import ROOT  # noqa: PLC0415 - only when a PDF is made
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    pdfmetrics.registerFont(TTFont(FONT, str(ROOT / "files" / "BeVietnamPro-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(ROOT / "files" / "BeVietnamPro-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)


@cache
def register_fonts():
    """Register Be Vietnam Pro with ReportLab (once): regular, bold, italic and bold italic under the family
    name returned (``FONT``), so a paragraph style in that font sets <b> and <i> in the matching faces."""
    from fontpkg_be_vietnam_pro import ROOT  # noqa: PLC0415
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    _register_fonts()
    italic, bold_italic = f"{FONT}-Italic", f"{FONT}-BoldItalic"
    pdfmetrics.registerFont(TTFont(italic, str(ROOT / "files" / "BeVietnamPro-Italic.ttf")))
    pdfmetrics.registerFont(TTFont(bold_italic, str(ROOT / "files" / "BeVietnamPro-BoldItalic.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=italic, boldItalic=bold_italic)
    return FONT


def report_pdf(title, lines=(), tables=(), author=""):
    """The bytes of an A4 landscape PDF: ``title``, a few ``lines`` of text, then each ``PdfTable``."""
    from reportlab.lib import colors  # noqa: PLC0415
    from reportlab.lib.pagesizes import A4, landscape  # noqa: PLC0415
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415
    from reportlab.lib.units import mm  # noqa: PLC0415
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: PLC0415

    _register_fonts()
    body = ParagraphStyle("vn-body", fontName=FONT, fontSize=9, leading=12)
    heading = ParagraphStyle(
        "vn-heading", parent=body, fontName=FONT_BOLD, fontSize=12, leading=16, spaceBefore=8
    )
    big = ParagraphStyle("vn-title", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=6)
    cell = ParagraphStyle("vn-cell", parent=body, fontSize=8, leading=10)
    head_cell = ParagraphStyle("vn-head-cell", parent=cell, fontName=FONT_BOLD)

    def text(value, style):
        return Paragraph(escape("" if value is None else str(value)), style)

    story = [text(title, big), *(text(line, body) for line in lines)]
    for table in tables:
        story += [Spacer(1, 3 * mm), text(table.heading, heading)]
        data = [[text(name, head_cell) for name in table.header]]
        data += [[text(value, cell) for value in row] for row in table.rows]
        style = [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        style += [
            ("BACKGROUND", (col, row + 1), (col, row + 1), colors.HexColor(fill))
            for (row, col), fill in table.fills.items()
        ]
        grid = Table(data, repeatRows=1, hAlign="LEFT")
        grid.setStyle(TableStyle(style))
        story.append(grid)
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=str(title),
        author=str(author),
    )
    document.build(story)
    return out.getvalue()
