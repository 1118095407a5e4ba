"""PDF reports (ReportLab) in a font with every Vietnamese letter.

ReportLab's own fonts (Helvetica, Vera) lack the stacked diacritics (ắ, ặ, ỗ, ự), so the text is set in
Be Vietnam Pro (SIL Open Font License), the first font of our pages' CSS, shipped as a wheel
(``fontpkg-be-vietnam-pro``): nothing is downloaded at run time, and the PDF embeds the subset it uses.
"""

import io
from dataclasses import dataclass, field
from functools import cache
from xml.sax.saxutils import escape

__all__ = ["AdminForm", "PdfTable", "admin_report_pdf", "dated_at", "register_fonts", "report_pdf"]

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

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
    bold_rows: tuple = ()  # indexes in ``rows`` set in bold (a total row)


@dataclass(frozen=True)
class AdminForm:
    """The frame of a report a Vietnamese office files (NĐ 30/2020/NĐ-CP, Phụ lục I: the issuing body top
    left under its governing body, the national motto top right, place and date, title; the signatures
    at the end). ``signers``: (left, right) titles, ``sign_notes`` the line under each."""

    governing: str  # "UBND TỈNH QUẢNG NINH"
    unit: str  # "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    place: str  # "Quảng Ninh"
    day: object  # date
    title: str
    subtitle: str = ""
    signers: tuple = ("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ")
    sign_notes: tuple = ("(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)")


def dated_at(place, day):
    """ "Quảng Ninh, ngày 07 tháng 12 năm 2026": a day below 10 and the months 1 and 2 take a leading zero
    (NĐ 30/2020/NĐ-CP, Phụ lục I)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


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


def _grid(table, cell, head_cell):
    from reportlab.lib import colors  # noqa: PLC0415
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415
    from reportlab.platypus import Paragraph, Table, TableStyle  # noqa: PLC0415

    bold = ParagraphStyle("vn-cell-bold", parent=cell, fontName=FONT_BOLD)

    def text(value, style):
        return Paragraph(escape("" if value is None else str(value)), style)

    data = [[text(name, head_cell) for name in table.header]]
    data += [
        [text(value, bold if index in table.bold_rows else cell) for value in row]
        for index, row in enumerate(table.rows)
    ]
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
    return grid


def report_pdf(title, lines=(), tables=(), author=""):
    """The bytes of an A4 landscape PDF: ``title``, a few ``lines`` of text, then each ``PdfTable``."""
    from reportlab.lib.pagesizes import A4, landscape  # noqa: PLC0415
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415
    from reportlab.lib.units import mm  # noqa: PLC0415
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer  # noqa: PLC0415

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
        story += [Spacer(1, 3 * mm), text(table.heading, heading), _grid(table, cell, head_cell)]
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


# ------------------------------------------------------------------------------- the administrative form
def _chart_drawing(chart, width):
    """A ReportLab drawing of a chart geometry (``teaching.charts.trend_geometry``: SVG coordinates, y down),
    scaled to ``width`` points."""
    from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, String  # noqa: PLC0415
    from reportlab.lib import colors  # noqa: PLC0415

    height = chart["height"]
    group = Group()

    def flip(y):
        return height - y

    grey, light = colors.HexColor("#9aa5b1"), colors.HexColor("#e4e7eb")
    for tick in chart["y_ticks"]:
        group.add(Line(chart["left"], flip(tick["y"]), chart["right"], flip(tick["y"]), strokeColor=light))
        group.add(
            String(
                chart["label_x"],
                flip(tick["y"]) - 3,
                tick["label"],
                fontName=FONT,
                fontSize=8,
                textAnchor="end",
                fillColor=grey,
            )
        )
    for tick in chart["x_ticks"]:
        group.add(
            String(
                tick["x"],
                flip(chart["week_label_y"]),
                str(tick["label"]),
                fontName=FONT,
                fontSize=8,
                textAnchor="middle",
                fillColor=grey,
            )
        )
    group.add(
        Line(chart["left"], flip(chart["bottom"]), chart["right"], flip(chart["bottom"]), strokeColor=grey)
    )
    group.add(Line(chart["left"], flip(chart["top"]), chart["left"], flip(chart["bottom"]), strokeColor=grey))
    for target in chart["targets"]:
        colour = colors.HexColor(target["colour"])
        group.add(
            Line(
                chart["left"],
                flip(target["y"]),
                chart["right"],
                flip(target["y"]),
                strokeColor=colour,
                strokeDashArray=[6, 4],
                strokeWidth=1.2,
            )
        )
        group.add(
            String(
                chart["right"],
                flip(target["label_y"]),
                target["label"],
                fontName=FONT,
                fontSize=8,
                textAnchor="end",
                fillColor=colour,
            )
        )
    for line in chart["series"]:
        colour = colors.HexColor(line["colour"])
        points = [value for x, y in line["points"] for value in (x, flip(y))]
        if len(points) >= 4:
            group.add(PolyLine(points, strokeColor=colour, strokeWidth=2))
        if line["last"]:
            x, y = line["last"][0], flip(line["last"][1])
            group.add(
                String(
                    x + 3,
                    y + 3,
                    f"{line['label']} {line['last_label']}",
                    fontName=FONT_BOLD,
                    fontSize=8,
                    fillColor=colour,
                )
            )
    scale = width / chart["width"]
    group.transform = (scale, 0, 0, scale, 0, 0)
    drawing = Drawing(width, height * scale)
    drawing.add(group)
    return drawing


def admin_report_pdf(form, lines=(), tables=(), chart=None, chart_heading="", author="", wide=False):
    """The bytes of an A4 report in the administrative form (``AdminForm``): header, place and date, title,
    ``lines``, each ``PdfTable`` (totals in bold), the ``chart`` geometry under ``chart_heading``, and the
    signature block. ``wide``: landscape, for tables with many columns."""
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # noqa: PLC0415
    from reportlab.lib.pagesizes import A4, landscape  # noqa: PLC0415
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415
    from reportlab.lib.units import mm  # noqa: PLC0415
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table  # noqa: PLC0415

    _register_fonts()
    page = landscape(A4) if wide else A4
    usable = page[0] - 45 * mm  # margins of NĐ 30/2020: left 30 mm, right 15 mm
    body = ParagraphStyle("vn-body", fontName=FONT, fontSize=10, leading=13)
    centre = ParagraphStyle("vn-centre", parent=body, alignment=TA_CENTER)
    centre_bold = ParagraphStyle("vn-centre-bold", parent=centre, fontName=FONT_BOLD)
    dated = ParagraphStyle("vn-dated", parent=body, alignment=TA_RIGHT, fontName=f"{FONT}-Italic")
    title = ParagraphStyle("vn-title", parent=centre_bold, fontSize=14, leading=18, spaceBefore=10)
    heading = ParagraphStyle("vn-heading", parent=body, fontName=FONT_BOLD, fontSize=11, spaceBefore=8)
    cell = ParagraphStyle("vn-cell", parent=body, fontSize=8, leading=10)
    head_cell = ParagraphStyle("vn-head-cell", parent=cell, fontName=FONT_BOLD)
    register_fonts()  # the italic face for the date line

    def text(value, style):
        return Paragraph(escape(str(value)), style)

    header = Table(
        [
            [text(form.governing, centre), text(MOTTO[0], centre_bold)],
            [text(form.unit, centre_bold), Paragraph(f"<u>{escape(MOTTO[1])}</u>", centre_bold)],
        ],
        colWidths=[usable * 0.42, usable * 0.58],
    )
    story = [header, Spacer(1, 3 * mm), text(dated_at(form.place, form.day), dated), text(form.title, title)]
    if form.subtitle:
        story.append(text(form.subtitle, centre))
    story += [Spacer(1, 2 * mm), *(text(line, body) for line in lines)]
    for table in tables:
        story += [Spacer(1, 3 * mm), text(table.heading, heading), _grid(table, cell, head_cell)]
    if chart is not None:
        story += [
            Spacer(1, 3 * mm),
            KeepTogether([text(chart_heading, heading), _chart_drawing(chart, usable)]),
        ]
    signatures = Table(
        [
            [text(form.signers[0], centre_bold), text(form.signers[1], centre_bold)],
            [
                text(form.sign_notes[0], ParagraphStyle("vn-note", parent=centre, fontName=f"{FONT}-Italic")),
                text(
                    form.sign_notes[1], ParagraphStyle("vn-note2", parent=centre, fontName=f"{FONT}-Italic")
                ),
            ],
            [Spacer(1, 22 * mm), Spacer(1, 22 * mm)],
        ],
        colWidths=[usable / 2, usable / 2],
    )
    story += [Spacer(1, 6 * mm), KeepTogether([signatures])]
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=page,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=str(form.title),
        author=str(author),
    ).build(story)
    return out.getvalue()
