"""The printable Word paper: read with python-docx, and taken back by our own Word reader with its keys."""

import base64
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from docx import Document
from PIL import Image

from openedx_vn.qbank import api

from .conftest import GIFT, content, versions_of, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam_bank():
    """The four types of a Vietnamese test (multiple choice, đúng/sai a–d, numeric short answer, essay)."""
    bank = api.create_bank("Đề kiểm tra giữa kì – Toán 6", owner_id=1)
    api.import_questions(workbook(), "de.xlsx", bank.uuid)
    return bank


def _blocks(data):
    """("p", text) for paragraphs and ("row", [cell texts]) for table rows, in document order."""
    document = Document(io.BytesIO(data))
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                yield "row", [cell.text for cell in row.cells]
        else:
            yield "p", block.text


def test_the_paper_reads_as_a_vietnamese_exam(exam_bank):
    data, filename, notes = api.export_questions(exam_bank.uuid, "docx")
    assert filename == "de-kiem-tra-giua-ki-toan-6.docx" and notes == []
    blocks = list(_blocks(data))
    texts = [text for kind, text in blocks if kind == "p"]
    assert texts[0] == "ĐỀ KIỂM TRA GIỮA KÌ – TOÁN 6"
    assert [t[:8] for t in texts if t.startswith("PHẦN")] == ["PHẦN I. ", "PHẦN II.", "PHẦN III", "PHẦN IV."]
    start = texts.index("Câu 1. Phân số nào bằng 1/2?")
    assert texts[start + 1 : start + 5] == ["A. 2/3", "B. 3/6", "C. 2/5", "D. 4/6"]
    assert "Câu 2. Cho phân số 6/8." in texts
    statements = [
        cells for kind, cells in blocks if kind == "row" and cells[0][:2] in ("a)", "b)", "c)", "d)")
    ]
    assert statements == [
        ["a) 6/8 = 3/4", ""],
        ["b) 6/8 là phân số tối giản", ""],
        ["c) 6/8 > 1/2", ""],
        ["d) 6/8 = 0,68", ""],
    ]
    assert "Câu 3. Tính 1/2 - 2 (viết dạng số thập phân)." in texts
    assert "Câu 4 (2 điểm). Trình bày cách rút gọn phân số 12/18." in texts
    key_at = texts.index("ĐÁP ÁN")
    assert key_at > texts.index("Câu 4 (2 điểm). Trình bày cách rút gọn phân số 12/18.")
    rows = [cells for kind, cells in blocks if kind == "row" and cells[0] in ("1", "2", "3", "4")]
    assert rows[:3] == [["1", "B"], ["2", "a) Đ, b) S, c) Đ, d) S"], ["3", "-1,5"]]
    solutions = texts[key_at:]
    for number, explanation in [
        (1, "Vì 3/6 = 1/2."),
        (2, "Rút gọn: 6/8 = 3/4."),
        (4, "Chia cả tử và mẫu cho 6."),
    ]:
        at = solutions.index(f"Câu {number}. ")
        assert solutions[at + 1] == explanation
    assert "Vì 3/6 = 1/2." not in texts[:key_at]  # the students' part shows no solution


def test_our_word_reader_takes_back_the_teachers_copy(exam_bank):
    data, filename, _ = api.export_questions(exam_bank.uuid, "docx", explanations="inline")
    again = api.create_bank("Nhập lại", owner_id=1)
    result = api.import_questions(data, filename, again.uuid)
    assert result.created == 4
    before, after = versions_of(exam_bank.uuid), versions_of(again.uuid)
    assert [content(v) for v in after] == [content(v) for v in before]
    assert [v.title for v in after] == ["Câu 1", "Câu 2", "Câu 3", "Câu 4"]


def test_our_word_reader_takes_back_the_printed_paper(exam_bank):
    """The strongest check: keys from the ĐÁP ÁN table, explanations from the LỜI GIẢI section after it."""
    data, filename, _ = api.export_questions(exam_bank.uuid, "docx")
    again = api.create_bank("Nhập lại", owner_id=1)
    assert api.import_questions(data, filename, again.uuid).created == 4
    before, after = versions_of(exam_bank.uuid), versions_of(again.uuid)
    assert [content(v) for v in after] == [content(v) for v in before]


def test_keys_the_reader_cannot_take_back_are_still_printed(exam_bank):
    api.import_questions(GIFT.encode(), "them.gift", exam_bank.uuid)
    data, _, _ = api.export_questions(exam_bank.uuid, "docx")
    rows = dict(
        cells for kind, cells in _blocks(data) if kind == "row" and len(cells) == 2 and cells[0].isdigit()
    )
    # Bank: MC 1, 5; đúng/sai 2, 7 (one statement); short answers 3, 6 (text); essay 4. Paper: by part.
    assert rows["1"] == "B" and rows["2"] == "A"
    assert rows["4"] == "a) S"
    assert rows["6"] == "Hà Nội / Ha Noi"
    assert rows["7"] not in ("", "B")  # the essay points to its solution


def _png(colour="red"):
    out = io.BytesIO()
    Image.new("RGB", (300, 100), colour).save(out, "PNG")
    return out.getvalue()


def test_pictures_are_embedded_when_reachable(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    stored = default_storage.save("qbank/hinh.png", ContentFile(_png("blue")))
    inline = "data:image/png;base64," + base64.b64encode(_png()).decode()
    bank = api.create_bank("Hình", owner_id=1)
    gift = (
        f'::Câu 1::[html]Quan sát <img src\\="/media/{stored}"> và <img src\\="{inline}">{{=A ~B}}\n\n'
        '::Câu 2::[html]Ảnh mất <img src\\="/media/qbank/khong-co.png" alt\\="hình 2">{=C ~D}\n'
    )
    api.import_questions(gift.encode(), "h.gift", bank.uuid)
    data, _, notes = api.export_questions(bank.uuid, "docx")
    document = Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 2
    blobs = {part.blob for part in document.part.package.parts if part.content_type == "image/png"}
    assert {_png(), _png("blue")} <= blobs
    assert notes == ["Câu 2: image '/media/qbank/khong-co.png' not reachable: a note is printed instead"]
    assert any("hình 2" in p.text for p in document.paragraphs)


def test_formatting_line_breaks_tables_and_math_text():
    bank = api.create_bank("Định dạng", owner_id=1)
    gift = (
        "::Câu 1::[html]<p>Cho <b>đậm</b>, <i>nghiêng</i>, <u>gạch</u>, H<sub>2</sub>O, x<sup>2</sup>.</p>"
        "<p>Dòng 1<br>Dòng 2 với $\\\\frac\\{1\\}\\{2\\}$</p>"
        "<table><tr><td>x</td><td>1</td></tr><tr><td>y</td><td>2</td></tr></table>{=A ~B}\n"
    )
    api.import_questions(gift.encode(), "f.gift", bank.uuid)
    data, _, _ = api.export_questions(bank.uuid, "docx")
    document = Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    at, first = next((i, p) for i, p in enumerate(paragraphs) if p.text.startswith("Câu 1."))
    styles = {run.text: run for run in first.runs}
    assert styles["đậm"].bold and styles["nghiêng"].italic and styles["gạch"].underline
    twos = [run.font for run in first.runs if run.text == "2"]
    assert [(f.subscript, f.superscript) for f in twos] == [(True, False), (False, True)]
    following = paragraphs[at + 1]
    assert following.text == "Dòng 1\nDòng 2 với $\\frac{1}{2}$"  # LaTeX kept as typed
    stem_table = document.tables[0]
    assert [[c.text for c in row.cells] for row in stem_table.rows] == [["x", "1"], ["y", "2"]]


def test_unknown_layout_is_refused(exam_bank):
    with pytest.raises(ValueError, match="explanations='both'"):
        api.export_questions(exam_bank.uuid, "docx", explanations="both")
