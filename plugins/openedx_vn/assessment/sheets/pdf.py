"""The printable answer sheets of a test (A4 PDF, ReportLab, Be Vietnam Pro), drawn from ``layout``.

One blank page for the teacher to copy, or one page per student of a class list with the name and number
printed (the number also travels in the QR code, so a student who forgets to fill it is still found).
"""

import io

import segno
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from openedx_vn.assessment.sheets.layout import BUBBLE, MARKER_CENTERS, MARKER_SIZE, QR_BOX
from openedx_vn.core.pdf import FONT_BOLD, register_fonts

__all__ = ["sheet_pdf", "qr_payload", "parse_payload", "PAYLOAD_PREFIX"]

PAYLOAD_PREFIX = "VNSHEET1"


def qr_payload(exam_uuid, layout, number=""):
    """What the QR code holds: the test, the sheet's kind and counts, and the pre-printed number if any."""
    counts = ",".join(str(count) for count in layout.counts)
    return f"{PAYLOAD_PREFIX};{exam_uuid};{layout.kind};{counts};{number}"


def parse_payload(text):
    """``(exam uuid, kind, counts, number)`` of a QR payload, or None when it is not one of our sheets."""
    parts = (text or "").split(";")
    if len(parts) != 5 or parts[0] != PAYLOAD_PREFIX:
        return None
    try:
        counts = tuple(int(count) for count in parts[3].split(","))
    except ValueError:
        return None
    if len(counts) != 3:
        return None
    return parts[1], parts[2], counts, parts[4]


def _y(value):
    """Layout y (mm from the top) → ReportLab y (points from the bottom)."""
    return A4[1] - value * mm


def _qr_image(payload):
    out = io.BytesIO()
    segno.make_qr(payload, error="m").save(out, kind="png", scale=8, border=0)
    out.seek(0)
    return ImageReader(out)


def _page(pdf, font, info, layout, student):
    number, name = student if student else ("", "")
    pdf.setFillGray(0)
    half = MARKER_SIZE / 2
    for x, y in MARKER_CENTERS:
        pdf.rect((x - half) * mm, _y(y + half), MARKER_SIZE * mm, MARKER_SIZE * mm, stroke=0, fill=1)
    qx, qy, side = QR_BOX
    pdf.drawImage(
        _qr_image(qr_payload(info.uuid, layout, number)), qx * mm, _y(qy + side), side * mm, side * mm
    )
    pdf.setFont(FONT_BOLD, 11)
    pdf.drawString(50 * mm, _y(22), "PHIẾU TRẢ LỜI TRẮC NGHIỆM")
    pdf.setFont(font, 8)
    lines = [info.title[:48], info.kind[:48]]
    lines.append(
        f"Họ và tên: {name}" if name else "Họ và tên: .............................................."
    )
    lines.append("Lớp: ..................  Phòng thi: ..................")
    lines.append("Chữ kí giám thị: ..............................")
    for index, text in enumerate(line for line in lines if line):
        pdf.drawString(50 * mm, _y(29 + index * 5.2), text)
    pdf.setFont(font, 6.5)
    notes = (
        "Tô kín một ô cho mỗi câu bằng bút chì đen.",
        "Tẩy sạch khi sửa. Không gấp phiếu,",
        "không làm bẩn bốn ô vuông đen ở góc.",
    )
    for index, text in enumerate(notes):
        pdf.drawString(50 * mm, _y(57 + index * 3.6), text)
    pdf.setLineWidth(0.6)
    for x, y, width, height in layout.boxes:
        pdf.rect(x * mm, _y(y + height), width * mm, height * mm, stroke=1, fill=0)
    for x, y, text, size, bold in layout.labels:
        pdf.setFont(FONT_BOLD if bold else font, size)
        if text.startswith("PHẦN") or text == "TRẢ LỜI":
            pdf.drawString(x * mm, _y(y + size * 0.12), text)
        else:
            pdf.drawCentredString(x * mm, _y(y) - size * 0.35, text)
    if number:  # the number pre-printed in its write-in boxes
        pdf.setFont(FONT_BOLD, 9)
        for group, digit in zip(
            (g for g in layout.groups if g.key[0] == "number"), number.rjust(6)[-6:], strict=True
        ):
            x = group.bubbles[0][1]
            pdf.drawCentredString(x * mm, _y(36 - 4.2), digit.strip())
    pdf.setLineWidth(0.7)
    radius = BUBBLE / 2 * mm
    for group in layout.groups:
        for _value, x, y in group.bubbles:
            pdf.circle(x * mm, _y(y), radius, stroke=1, fill=0)


def sheet_pdf(info, layout, students=()):
    """The bytes of the sheets of the test ``info`` (``ExamInfo``): a blank one, or one per
    ``(number, full name)`` of ``students``."""
    font = register_fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setTitle(f"Phiếu trả lời — {info.title}")
    for student in list(students) or [None]:
        _page(pdf, font, info, layout, student)
        pdf.showPage()
    pdf.save()
    return out.getvalue()
