"""Word tables with one question per row ("Câu | Nội dung | A | B | C | D | Đáp án | Lời giải | Mức độ")."""

import io

import pytest
from docx import Document
from docx.oxml import parse_xml

from openedx_vn.qbank import api
from openedx_vn.qbank.importing.pipeline import preview
from openedx_vn.qbank.models import QuestionVersion
from tests.plugins.qbank.importing.test_docx_images_equations import EQUATIONS, NS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADER = ["Câu", "Nội dung", "A", "B", "C", "D", "Đáp án", "Lời giải", "Mức độ"]
ROWS = [
    ["1", "Phân số nào bằng 1/2?", "2/3", "3/6", "2/5", "4/6", "B", "Rút gọn: 3/6 = 1/2.", "Biết"],
    ["2", "Giá trị của biểu thức là", "", "", "", "", "", "", "Thông hiểu"],  # options: equations, key marked
    [
        "3",
        "Cho phân số 6/8.",
        "6/8 = 3/4.",
        "6/8 là phân số tối giản.",
        "6/8 > 1/2.",
        "6/8 = 0,68.",
        "ĐSĐS",
        "",
        "VD",
    ],
    ["4", "Tính 1/2 - 2 (viết dạng số thập phân).", "", "", "", "", "-1,5", "", ""],
    ["", "", "", "", "", "", "", "", ""],  # an empty row is skipped
    ["5", "Trình bày cách rút gọn phân số 12/18.", "", "", "", "", "", "Chia cả tử và mẫu cho 6.", ""],
]


def word(header=HEADER, rows=ROWS, before=("ĐỀ KIỂM TRA 15 PHÚT",)):
    document = Document()
    for text in before:
        document.add_paragraph(text)
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for row, values in zip(table.rows, [header, *rows], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    if rows is ROWS:  # question 2: its options are Word equations, the right one underlined
        cells = table.rows[2].cells
        for cell, name in zip(cells[2:6], ["fraction", "square root", "cube root", "hat"], strict=True):
            cell.paragraphs[0]._p.append(parse_xml(f"<m:oMath {NS}>{EQUATIONS[name][0]}</m:oMath>"))
        for run in (
            cells[4].paragraphs[0]._p.iter("{http://schemas.openxmlformats.org/officeDocument/2006/math}r")
        ):
            run.insert(
                0,
                parse_xml(f'<w:rPr xmlns:w="{W}"><w:u w:val="single"/></w:rPr>'),
            )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_one_question_per_row():
    result = preview(word(), "bang.docx")
    assert result.problems == []
    mc, maths, cluster, short, essay = result.drafts
    assert [c["correct"] for c in mc.body["choices"]] == [False, True, False, False]
    assert mc.explanation == "Rút gọn: 3/6 = 1/2." and mc.cognitive_level == "biet" and mc.title == "Câu 1"
    assert str(mc.place) == "bang.docx, table 1, row 2, question 1"
    assert [c["text"] for c in maths.body["choices"]][1] == r"\(\sqrt{x+1}\)"
    assert [c["correct"] for c in maths.body["choices"]] == [False, False, True, False]
    assert maths.cognitive_level == "hieu"
    assert cluster.type == "true_false_cluster" and cluster.cognitive_level == "van_dung"
    assert [s["is_true"] for s in cluster.body["statements"]] == [True, False, True, False]
    assert cluster.body["statements"][1]["text"] == "6/8 là phân số tối giản."
    assert short.body == {"kind": "numeric", "value": "-1.5", "tolerance": "0"}
    assert essay.type == "essay" and essay.explanation == "Chia cả tử và mẫu cho 6."
    assert str(essay.place) == "bang.docx, table 1, row 7, question 5"


def test_header_variants_and_stem_numbers():
    header = ["STT", "Câu hỏi", "Phương án A", "Phương án B", "Phương án C", "Phương án D", "Đáp án đúng"]
    rows = [["", "Câu 7. Số nào là số nguyên tố?", "1", "4", "7", "9", "C"]]
    (draft,) = preview(word(header, rows), "bien-the.docx").drafts
    assert draft.title == "Câu 7" and draft.stem == "Số nào là số nguyên tố?"
    assert [c["correct"] for c in draft.body["choices"]] == [False, False, True, False]


@pytest.mark.django_db
def test_problems_name_table_and_row_and_nothing_is_stored():
    rows = [
        ["1", "Phân số nào bằng 1/2?", "2/3", "3/6", "2/5", "4/6", "E", "", "Khó"],
        ["2", "Số nào chẵn?", "1", "2", "3", "", "D", "", ""],
        ["3", "Cho phân số 6/8.", "6/8 = 3/4.", "6/8 > 1/2.", "", "", "ĐSĐ", "", ""],
    ]
    bank = api.create_bank("Bảng", owner_id=1)
    with pytest.raises(api.QuestionImportError) as caught:
        api.import_questions(word(rows=rows, before=()), "loi.docx", bank.uuid)
    assert [str(p) for p in caught.value.problems] == [
        "loi.docx, table 1, row 2, question 1: level 'Khó' unknown: "
        "write Nhận biết, Thông hiểu, Vận dụng or Vận dụng cao",
        "loi.docx, table 1, row 2, question 1: the key 'E' is not one of the options A, B, C, D",
        "loi.docx, table 1, row 3, question 2: the key 'D' is not one of the options A, B, C",
        "loi.docx, table 1, row 4, question 3: "
        "no Đ/S key for its 2 statements in the answer table, e.g. 3. ĐS",
    ]
    assert QuestionVersion.objects.count() == 0


@pytest.mark.django_db
def test_answer_tables_are_not_question_tables():
    """A two-column "Câu | Đáp án" table still gives the keys of the questions written above it."""
    document = Document()
    document.add_paragraph("Câu 1. Số nào là số nguyên tố?")
    document.add_paragraph("A. 1\tB. 4\tC. 7\tD. 9")
    document.add_paragraph("ĐÁP ÁN")
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, [("Câu", "Đáp án"), ("1", "C")], strict=True):
        row.cells[0].text, row.cells[1].text = values
    out = io.BytesIO()
    document.save(out)
    (draft,) = preview(out.getvalue(), "de.docx").drafts
    assert [c["correct"] for c in draft.body["choices"]] == [False, False, True, False]
