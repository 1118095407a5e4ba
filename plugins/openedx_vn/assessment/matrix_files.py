"""A blueprint's matrix (ma trận) and specification (bản đặc tả) as the Word and Excel files schools file,
in the layout of CV 7991's annex.

Matrix, 19 columns (three header rows; a topic's TT and name merged over its rows):
    TT | Chủ đề/Chương | Nội dung/đơn vị kiến thức | Mức độ đánh giá: Nhiều lựa chọn · Đúng – Sai ·
    Trả lời ngắn · Tự luận, each Biết / Hiểu / Vận dụng | Tổng: Biết / Hiểu / Vận dụng | Tỉ lệ % điểm
Specification, 16 columns: TT | Chủ đề/Chương | Nội dung/đơn vị kiến thức | Yêu cầu cần đạt | the 12 level
columns. Both end with the rows Tổng số câu / Tổng số điểm / Tỉ lệ % (points and shares per format merged over
its three levels). Đúng – sai cells count statements, as CV 7991 does.

The wording is the annex's (Vietnamese whatever the reader's language). Word files are landscape A4 and write
numbers with the decimal comma; Excel files keep numbers as numbers (Excel shows the reader's separator).
"""

import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from openedx_vn.assessment.blueprint import FORMATS, LEVELS
from openedx_vn.assessment.papers import column_widths, points_text

__all__ = ["matrix_docx", "matrix_xlsx", "specification_docx", "specification_xlsx"]

FORMAT_NAMES = {
    "multiple_choice": "Nhiều lựa chọn",
    "true_false_cluster": "Đúng – Sai",
    "short_answer": "Trả lời ngắn",
    "essay": "Tự luận",
}
LEVEL_NAMES = {"biet": "Biết", "hieu": "Hiểu", "van_dung": "Vận dụng"}
NOTE = "Cột Đúng – Sai ghi số ý (mỗi câu 4 ý); các cột khác ghi số câu."


@dataclass(frozen=True)
class _Number:
    value: object  # int (count) or Decimal
    kind: str  # count | points | percent

    def text(self):
        if self.kind == "points":
            return points_text(self.value)
        return f"{Decimal(self.value).normalize():f}".replace(".", ",")


@dataclass
class _Sheet:
    """A table of either file: ``rows`` of values (str, ``_Number``, a tuple of lines, None under a merge)."""

    heading: str
    title: str
    widths: list  # cm
    header_rows: int
    rows: list = field(default_factory=list)
    merges: list = field(default_factory=list)  # (first row, first column, last row, last column), 0-based

    def merge(self, row, column, last_row, last_column, value):
        self.rows[row][column] = value
        if (last_row, last_column) != (row, column):
            self.merges.append((row, column, last_row, last_column))


def _level_headers(sheet, first, groups, top):
    """The format row and the level row of the header, from column ``first``, under a ``top`` heading."""
    sheet.merge(0, first, 0, first + 3 * len(groups) - 1, top)
    for index, name in enumerate(groups):
        start = first + 3 * index
        sheet.merge(1, start, 1, start + 2, name)
        for offset, level in enumerate(LEVELS):
            sheet.rows[2][start + offset] = LEVEL_NAMES[level]


def _tally(blueprint):
    counts, points = defaultdict(int), defaultdict(Decimal)
    for cell in blueprint.cells:
        counts[cell.row, cell.format, cell.level] += cell.count
        points[cell.row, cell.format, cell.level] += cell.points
    return counts, points


def _groups(rows):
    """``[[row index, …]]``: consecutive rows of one topic together (a row without a topic stands alone)."""
    groups = []
    for index, row in enumerate(rows):
        if groups and row.topic and rows[groups[-1][-1]].topic == row.topic:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def _percent(points, total):
    share = points * 100 / total if total else Decimal(0)
    return _Number(share.quantize(Decimal("0.1")), "percent")


def _body(sheet, blueprint, before, row_cells):
    """Rows of the blueprint: TT and topic merged over a topic's rows, ``row_cells(index)`` after the
    ``before`` leading columns."""
    for number, group in enumerate(_groups(blueprint.rows), start=1):
        first = len(sheet.rows)
        for index in group:
            row = blueprint.rows[index]
            values = [None, None, row.label]
            if before == 4:
                values.append(_requirements(row))
            sheet.rows.append(values + row_cells(index))
        sheet.merge(first, 0, len(sheet.rows) - 1, 0, _Number(number, "count"))
        sheet.merge(first, 1, len(sheet.rows) - 1, 1, blueprint.rows[group[0]].topic)


def _requirements(row):
    known = [row.requirements[level] for level in LEVELS if row.requirements.get(level)]
    return tuple(known + [text for key, text in row.requirements.items() if key not in LEVELS and text])


def _counts(counts, row=None):
    def count(fmt, level):
        if row is None:
            return sum(n for (_r, f, lv), n in counts.items() if (f, lv) == (fmt, level))
        return counts.get((row, fmt, level), 0)

    return [_Number(count(f, lv), "count") if count(f, lv) else "" for f in FORMATS for lv in LEVELS]


def _footer(sheet, blueprint, counts, points, before, totals):
    """Tổng số câu / Tổng số điểm / Tỉ lệ % rows; ``totals``: the matrix's Tổng and Tỉ lệ columns too."""
    total = blueprint.total_points or blueprint.points
    by_format, by_level = blueprint.points_by("format"), blueprint.points_by("level")
    width = len(sheet.widths)
    for label in ("Tổng số câu", "Tổng số điểm", "Tỉ lệ %"):
        sheet.rows.append([None] * width)
        row = len(sheet.rows) - 1
        sheet.merge(row, 0, row, before - 1, label)
        if label == "Tổng số câu":
            sheet.rows[row][before : before + 12] = _counts(counts)
        for index, fmt in enumerate(FORMATS):
            if label != "Tổng số câu":
                value = by_format.get(fmt, Decimal(0))
                shown = _Number(value, "points") if label == "Tổng số điểm" else _percent(value, total)
                sheet.merge(row, before + 3 * index, row, before + 3 * index + 2, shown)
        if not totals:
            continue
        for offset, level in enumerate(LEVELS):
            if label == "Tổng số câu":
                value = _Number(sum(n for (_r, _f, lv), n in counts.items() if lv == level), "count")
            elif label == "Tổng số điểm":
                value = _Number(by_level.get(level, Decimal(0)), "points")
            else:
                value = _percent(by_level.get(level, Decimal(0)), total)
            sheet.rows[row][before + 12 + offset] = value
        last = {"Tổng số câu": "", "Tổng số điểm": _Number(blueprint.points, "points")}
        sheet.rows[row][-1] = last.get(label, _percent(blueprint.points, total))


def _matrix(blueprint):
    sheet = _Sheet("MA TRẬN ĐỀ KIỂM TRA", blueprint.title, [0.9, 2.8, 3.55] + [1.25] * 15 + [1.3], 3)
    sheet.rows = [[None] * 19 for _ in range(3)]
    for column, name in enumerate(("TT", "Chủ đề/Chương", "Nội dung/đơn vị kiến thức")):
        sheet.merge(0, column, 2, column, name)
    _level_headers(sheet, 3, [FORMAT_NAMES[f] for f in FORMATS], "Mức độ đánh giá")
    sheet.merge(0, 15, 1, 17, "Tổng")
    for offset, level in enumerate(LEVELS):
        sheet.rows[2][15 + offset] = LEVEL_NAMES[level]
    sheet.merge(0, 18, 2, 18, "Tỉ lệ % điểm")
    counts, points = _tally(blueprint)
    total = blueprint.total_points or blueprint.points

    def cells(index):
        by_level = [sum(counts.get((index, f, level), 0) for f in FORMATS) for level in LEVELS]
        row_points = sum((p for (r, _f, _l), p in points.items() if r == index), Decimal(0))
        level_totals = [_Number(n, "count") if n else "" for n in by_level]
        return [*_counts(counts, index), *level_totals, _percent(row_points, total)]

    _body(sheet, blueprint, 3, cells)
    _footer(sheet, blueprint, counts, points, 3, totals=True)
    return sheet


def _specification(blueprint):
    sheet = _Sheet("BẢN ĐẶC TẢ ĐỀ KIỂM TRA", blueprint.title, [0.9, 2.4, 3, 6] + [1.25] * 12, 3)
    sheet.rows = [[None] * 16 for _ in range(3)]
    for column, name in enumerate(("TT", "Chủ đề/Chương", "Nội dung/đơn vị kiến thức", "Yêu cầu cần đạt")):
        sheet.merge(0, column, 2, column, name)
    _level_headers(sheet, 4, [FORMAT_NAMES[f] for f in FORMATS], "Số câu hỏi ở các mức độ đánh giá")
    counts, points = _tally(blueprint)
    _body(sheet, blueprint, 4, lambda index: _counts(counts, index))
    _footer(sheet, blueprint, counts, points, 4, totals=False)
    return sheet


# ------------------------------------------------------------------------------------------------- Word
def _docx(sheet):
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(11)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.2))
    for text, bold in ((sheet.heading, True), (sheet.title, False)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold or None
    table = document.add_table(rows=len(sheet.rows), cols=len(sheet.widths))
    table.style = "Table Grid"
    column_widths(table, [Cm(width) for width in sheet.widths])
    for row in table.rows[: sheet.header_rows]:  # the header repeats on every page
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for first_row, first_column, last_row, last_column in sheet.merges:
        table.cell(first_row, first_column).merge(table.cell(last_row, last_column))
    for index, values in enumerate(sheet.rows):
        for column, value in enumerate(values):
            if value is not None:
                _docx_cell(table.cell(index, column), value, index < sheet.header_rows, column)
    note = document.add_paragraph()
    note.add_run(NOTE).italic = True
    document.core_properties.title = f"{sheet.heading} – {sheet.title}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_cell(cell, value, header, column):
    lines = value if isinstance(value, tuple) else (value.text() if isinstance(value, _Number) else value,)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    for number, line in enumerate(lines):
        if number:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(str(line))
        run.font.size = Pt(9 if header else 10)
        run.bold = header or None
        centred = header or isinstance(value, _Number) or column == 0
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT


def matrix_docx(blueprint):
    """The matrix of ``blueprint`` (``blueprint.Blueprint``) as a landscape Word table of 19 columns."""
    return _docx(_matrix(blueprint))


def specification_docx(blueprint):
    """The specification of ``blueprint`` as a landscape Word table of 16 columns, with each row's "yêu cầu
    cần đạt" (``BlueprintRow.requirements``, by level) one line a level."""
    return _docx(_specification(blueprint))


# ------------------------------------------------------------------------------------------------ Excel
TITLE_ROWS = 3  # heading, title, a blank row: the table starts on row 4


def _xlsx(sheet, name):
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Alignment, Border, Font, Side  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    book = Workbook()
    worksheet = book.active
    worksheet.title = name
    columns = len(sheet.widths)
    for row, (text, bold) in enumerate(((sheet.heading, True), (sheet.title, False)), start=1):
        worksheet.cell(row, 1, text).font = Font(bold=bold, size=13 if bold else 11)
        worksheet.cell(row, 1).alignment = Alignment(horizontal="center")
        worksheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    thin = Side(style="thin")
    for index, values in enumerate(sheet.rows):
        header = index < sheet.header_rows
        for column, value in enumerate(values, start=1):
            cell = worksheet.cell(TITLE_ROWS + 1 + index, column)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if isinstance(value, _Number):
                cell.value = value.value
                cell.number_format = "0.0#" if value.kind == "points" else "General"
            elif isinstance(value, tuple):
                cell.value = "\n".join(value)
            elif value is not None:
                cell.value = value
            centred = header or isinstance(value, _Number) or column == 1
            cell.alignment = Alignment(
                horizontal="center" if centred else "left", vertical="center", wrap_text=True
            )
            cell.font = Font(bold=header)
    for first_row, first_column, last_row, last_column in sheet.merges:
        worksheet.merge_cells(
            start_row=TITLE_ROWS + 1 + first_row,
            start_column=first_column + 1,
            end_row=TITLE_ROWS + 1 + last_row,
            end_column=last_column + 1,
        )
    for column, width in enumerate(sheet.widths, start=1):
        worksheet.column_dimensions[get_column_letter(column)].width = round(width * 5, 1)
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.fitToWidth, worksheet.page_setup.fitToHeight = 1, 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.print_title_rows = f"{TITLE_ROWS + 1}:{TITLE_ROWS + sheet.header_rows}"
    worksheet.freeze_panes = worksheet.cell(TITLE_ROWS + sheet.header_rows + 1, 4)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def matrix_xlsx(blueprint):
    """The matrix as an Excel sheet "Ma trận": ``matrix_docx``'s 19 columns and merges, from row 4."""
    return _xlsx(_matrix(blueprint), "Ma trận")


def specification_xlsx(blueprint):
    """The specification as an Excel sheet "Bản đặc tả" (16 columns, from row 4)."""
    return _xlsx(_specification(blueprint), "Bản đặc tả")
