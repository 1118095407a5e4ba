"""The matrix (ma trận) and specification (bản đặc tả) files in CV 7991's layout, read back with python-docx
and openpyxl: columns, merged headers, counts (đúng – sai in statements), totals and shares."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from openedx_vn.assessment.blueprint import Blueprint, BlueprintRow, Cell, check, load_templates
from openedx_vn.assessment.matrix_files import (
    matrix_docx,
    matrix_xlsx,
    specification_docx,
    specification_xlsx,
)

D = Decimal
LEVELS = ["Biết", "Hiểu", "Vận dụng"]
REQUIREMENTS = {
    "van_dung": "- Vận dụng: giải bài toán thực tế có phân số (NL giải quyết vấn đề).",
    "biet": "- Biết: nhận biết hai phân số bằng nhau.",
    "hieu": "- Hiểu: so sánh hai phân số.",
}


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def blueprint():
    """Toán 6 following CV 7991 (3/2/2/3 by format, 4/3/3 by level); two rows share a topic."""
    rows = (
        BlueprintRow("Phân số", ("TOAN.6.1.3",), topic="Số và đại số", requirements=REQUIREMENTS),
        BlueprintRow("Số thập phân", ("TOAN.6.1.4",), topic="Số và đại số"),
        BlueprintRow("Hình học phẳng", ("TOAN.6.2",), topic="Hình học trực quan"),
    )
    cells = (
        Cell(0, "multiple_choice", "biet", 8, D("2")),
        Cell(1, "multiple_choice", "hieu", 4, D("1")),
        Cell(0, "true_false_cluster", "biet", 4, D("1")),  # 4 statements: one question
        Cell(2, "true_false_cluster", "hieu", 4, D("1")),
        Cell(1, "short_answer", "biet", 2, D("1")),
        Cell(2, "short_answer", "hieu", 2, D("1")),
        Cell(0, "essay", "van_dung", 2, D("2")),
        Cell(2, "essay", "van_dung", 1, D("1")),
    )
    return Blueprint("Kiểm tra giữa kì I — Toán 6", rows, cells, template="cv7991")


def _rows(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def _spans(row):
    """Groups of consecutive cells of a Word row that are one merged cell."""
    groups, last = [], None
    for cell in row.cells:
        if cell._tc is last:
            groups[-1] += 1
        else:
            groups.append(1)
        last = cell._tc
    return groups


def test_the_example_blueprint_follows_cv7991():
    assert check(blueprint(), load_templates()["cv7991"]) == []


def test_the_word_matrix_has_the_annex_layout():
    document = Document(io.BytesIO(matrix_docx(blueprint())))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert document.sections[0].page_width > document.sections[0].page_height
    assert document.paragraphs[0].text == "MA TRẬN ĐỀ KIỂM TRA"
    table = document.tables[0]
    rows = _rows(table)
    assert len(table.columns) == 19 and all(len(row) == 19 for row in rows)
    assert rows[0][:4] == ["TT", "Chủ đề/Chương", "Nội dung/đơn vị kiến thức", "Mức độ đánh giá"]
    assert rows[0][15] == "Tổng" and rows[0][18] == "Tỉ lệ % điểm"
    assert rows[1][3:15:3] == ["Nhiều lựa chọn", "Đúng – Sai", "Trả lời ngắn", "Tự luận"]
    assert rows[2][3:18] == LEVELS * 5
    assert _spans(table.rows[0]) == [1, 1, 1, 12, 3, 1]
    assert _spans(table.rows[1]) == [1, 1, 1, 3, 3, 3, 3, 3, 1]
    assert _spans(table.rows[2]) == [1] * 19
    for column in (0, 1, 2, 18):  # merged down the three header rows
        assert table.rows[1]._tr.tc_at_grid_offset(column).vMerge == "continue"
    # rows: counts per format × level, totals per level, share of the points; đúng – sai in statements
    assert rows[3][:3] == ["1", "Số và đại số", "Phân số"]
    assert rows[3][3:19] == ["8", "", "", "4", "", "", "", "", "", "", "", "2", "12", "", "2", "50"]
    assert rows[4][2:] == [
        "Số thập phân",
        "",
        "4",
        "",
        "",
        "",
        "",
        "2",
        "",
        "",
        "",
        "",
        "",
        "2",
        "4",
        "",
        "20",
    ]
    assert rows[5][:3] == ["2", "Hình học trực quan", "Hình học phẳng"]
    assert table.rows[4]._tr.tc_at_grid_offset(1).vMerge == "continue"  # one topic, one merged cell
    footer = rows[6:]
    assert [row[0] for row in footer] == ["Tổng số câu", "Tổng số điểm", "Tỉ lệ %"]
    assert footer[0][3:18] == ["8", "4", "", "4", "4", "", "2", "2", "", "", "", "3", "14", "10", "3"]
    assert [footer[1][c] for c in (3, 6, 9, 12)] == ["3,0", "2,0", "2,0", "3,0"]
    assert footer[1][15:] == ["4,0", "3,0", "3,0", "10,0"]
    assert [footer[2][c] for c in (3, 6, 9, 12)] == ["30", "20", "20", "30"]
    assert footer[2][15:] == ["40", "30", "30", "100"]
    assert _spans(table.rows[7]) == [3, 3, 3, 3, 3, 1, 1, 1, 1]


def test_the_excel_matrix_keeps_numbers_and_merges():
    sheet = load_workbook(io.BytesIO(matrix_xlsx(blueprint()))).active
    assert sheet.title == "Ma trận" and sheet.page_setup.orientation == "landscape"
    values = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(values[0]) == 19
    assert values[0][:4] == ("TT", "Chủ đề/Chương", "Nội dung/đơn vị kiến thức", "Mức độ đánh giá")
    assert list(values[2][3:18]) == LEVELS * 5
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {
        "A4:A6",
        "B4:B6",
        "C4:C6",
        "D4:O4",
        "P4:R5",
        "S4:S6",
        "D5:F5",
        "G5:I5",
        "J5:L5",
        "M5:O5",
    } <= merged
    assert {"A7:A8", "B7:B8", "A10:C10", "D11:F11", "M12:O12"} <= merged
    assert values[3][:4] == (1, "Số và đại số", "Phân số", 8) and values[3][18] == 50
    assert values[7][3] == 3 and values[7][15:] == (4, 3, 3, 10)  # Tổng số điểm
    assert values[8][15:] == (40, 30, 30, 100)  # Tỉ lệ %


def test_the_specification_lists_the_requirements_by_level():
    document = Document(io.BytesIO(specification_docx(blueprint())))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert document.paragraphs[0].text == "BẢN ĐẶC TẢ ĐỀ KIỂM TRA"
    table = document.tables[0]
    rows = _rows(table)
    assert len(table.columns) == 16 and all(len(row) == 16 for row in rows)
    assert rows[0][:5] == [
        "TT",
        "Chủ đề/Chương",
        "Nội dung/đơn vị kiến thức",
        "Yêu cầu cần đạt",
        "Số câu hỏi ở các mức độ đánh giá",
    ]
    assert _spans(table.rows[0]) == [1, 1, 1, 1, 12]
    assert rows[2][4:] == LEVELS * 4
    requirement = table.rows[3].cells[3]
    assert [p.text for p in requirement.paragraphs] == [
        REQUIREMENTS["biet"],
        REQUIREMENTS["hieu"],
        REQUIREMENTS["van_dung"],
    ]
    assert rows[3][4:] == ["8", "", "", "4", "", "", "", "", "", "", "", "2"]
    assert [row[0] for row in rows[6:]] == ["Tổng số câu", "Tổng số điểm", "Tỉ lệ %"]
    assert [rows[7][c] for c in (4, 7, 10, 13)] == ["3,0", "2,0", "2,0", "3,0"]
    assert [rows[8][c] for c in (4, 7, 10, 13)] == ["30", "20", "20", "30"]

    sheet = load_workbook(io.BytesIO(specification_xlsx(blueprint()))).active
    assert sheet.title == "Bản đặc tả"
    values = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(values[0]) == 16 and values[0][3] == "Yêu cầu cần đạt"
    assert values[3][3].split("\n") == [REQUIREMENTS[level] for level in ("biet", "hieu", "van_dung")]
    assert values[3][4] == 8 and values[3][7] == 4 and values[3][15] == 2
    assert {"A7:A8", "B7:B8", "D4:D6", "E4:P4", "A10:D10"} <= {str(r) for r in sheet.merged_cells.ranges}
