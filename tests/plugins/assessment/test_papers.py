"""Printed papers of a test's versions and their answer keys, read back from the files (python-docx, openpyxl,
pdftotext): layout, order per version, keys, points and formulas as Word equations."""

import base64
import io
import subprocess
from dataclasses import replace
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image

from openedx_vn.assessment.paper_math import OMML_NAMESPACE
from openedx_vn.assessment.papers import (
    Paper,
    PaperError,
    answer_keys_docx,
    answer_keys_xlsx,
    version_docx,
    version_pdf,
)
from openedx_vn.assessment.versions import TestItem, make_versions
from openedx_vn.qbank import api as qbank_api
from openedx_vn.qbank.models import QuestionBank
from tests.plugins.qbank.banks import add_question

D = Decimal
M = f"{{{OMML_NAMESPACE}}}"


def _png():
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "PNG")
    return out.getvalue()


# A picture given inline, as the bank's sanitiser lets data: URIs through.
PIXEL = "data:image/png;base64," + base64.b64encode(_png()).decode()
CAPITALS = ["Hà Nội", "Huế", "Đà Lạt", "Vinh"]  # the first is right


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def _mc(*texts):
    return {"choices": [{"text": text, "correct": index == 0} for index, text in enumerate(texts)]}


@pytest.fixture
def paper(db):
    """A Toán 10 paper of bank questions, one of each type, read through ``qbank.api``."""
    owner = get_user_model().objects.create_user("gv_de")
    bank = QuestionBank.objects.create(name="Toán 10 – tổ Toán", owner_id=owner.id)
    specs = [
        ("<p>Thủ đô của Việt Nam là</p>", "multiple_choice", _mc(*CAPITALS), "0.25"),
        (
            "<p>Phân số nào bằng $\\frac{1}{2}$?</p>",
            "multiple_choice",
            _mc("$\\frac{2}{4}$", "$\\frac{2}{3}$", "$\\frac{3}{4}$", "$\\frac{1}{3}$"),
            "0.25",
        ),
        (
            f"<p>Giá trị của \\(\\sqrt{{16}}\\) là</p><p><img src='{PIXEL}' alt='hình 1'></p>",
            "multiple_choice",
            _mc("4", "8", "2", "16"),
            "0.25",
        ),
        (
            "<p>Cho hàm số $y = x^2 - 2x$.</p>",
            "true_false_cluster",
            {
                "statements": [
                    {"text": "Đồ thị có đỉnh $I(1;-1)$.", "is_true": True},
                    {"text": "Hàm số đồng biến trên $\\mathbb{R}$.", "is_true": False},
                    {"text": "$\\overrightarrow{OI} = \\vec{u}$ với $\\vec{u} = (1;-1)$.", "is_true": True},
                    {"text": "Giá trị nhỏ nhất là $0$.", "is_true": False},
                ]
            },
            "1",
        ),
        (
            "<p>Tính $\\dfrac{a+b}{c}$ khi $a=1$, $b=2$, $c=-2$ ($a \\ge 1$, $c \\le 0$).</p>",
            "short_answer",
            {"kind": "numeric", "value": "-1.5", "tolerance": "0"},
            "0.5",
        ),
        (
            "<p>Giải hệ $\\begin{cases}x+y=1\\\\x-y=3\\end{cases}$.</p>",
            "essay",
            {"rubric": []},
            "2",
        ),
    ]
    questions, points, items = {}, {}, []
    for stem, kind, body, value in specs:
        key = str(add_question(bank, stem, kind, body, subject_code="TOAN", grade=10).uuid)
        content, _number = qbank_api.get_question_content(key)
        questions[key], points[key] = content, D(value)
        items.append(TestItem(key, content.question_type, content.body))
    return Paper(
        school="Trường THPT Hòn Gai",
        subject="Toán",
        grade=10,
        title="Đề kiểm tra giữa kì I – Toán 10",
        minutes=90,
        school_year="2025-2026",
        exam_kind="Kiểm tra giữa học kì I",
        questions=questions,
        points=points,
        authority="Sở GD&ĐT Quảng Ninh",
    ), items


def _text(element):
    """The printed text of a paragraph or cell: runs, tabs and equations (not the tab-stop settings)."""
    out = []
    for node in element.iter(qn("w:r"), f"{M}t"):
        if node.tag == f"{M}t":
            out.append(node.text or "")
            continue
        for child in node:
            out.append(
                child.text or "" if child.tag == qn("w:t") else "\t" if child.tag == qn("w:tab") else ""
            )
    return "".join(out)


def _lines(content):
    """Every paragraph of a .docx body in order, table cells included (cells joined by " | ")."""
    lines = []
    for block in Document(io.BytesIO(content)).element.body:
        if block.tag == qn("w:p"):
            lines.append(_text(block))
        elif block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                cells = ["\n".join(_text(p) for p in cell.iter(qn("w:p"))) for cell in row.iter(qn("w:tc"))]
                lines.append(" | ".join(cells))
    return [line for line in lines if line.strip()]


def _letter_of(lines, question_line, text):
    """The letter printed before ``text`` among the options after ``question_line``."""
    start = lines.index(question_line)
    for line in lines[start + 1 : start + 5]:
        for option in line.split("\t"):
            letter, _dot, printed = option.partition(". ")
            if printed.strip() == text:
                return letter.strip()
    raise AssertionError(f"{text} not printed after {question_line}")


def test_the_word_paper_has_the_exam_layout(paper):
    paper, items = paper
    version = make_versions(items, 2, seed=3)[1]
    notes = []
    lines = _lines(version_docx(paper, version, notes))
    header = lines[0]
    for text in ("SỞ GD&ĐT QUẢNG NINH", "TRƯỜNG THPT HÒN GAI", "KIỂM TRA GIỮA HỌC KÌ I", "NĂM HỌC 2025-2026"):
        assert text in header
    assert "Môn: Toán – Lớp 10" in header
    assert "Thời gian làm bài: 90 phút, không kể thời gian phát đề" in header
    assert "Họ và tên thí sinh:" in lines[1] and "Số báo danh:" in lines[1] and lines[1].endswith("Mã đề 102")
    parts = [line for line in lines if line.startswith("PHẦN ")]
    assert [part.split(".")[0] for part in parts] == ["PHẦN I", "PHẦN II", "PHẦN III", "PHẦN IV"]
    assert parts[0].startswith("PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn. Thí sinh trả lời từ câu 1")
    assert parts[1].startswith("PHẦN II. Câu trắc nghiệm đúng sai.")
    assert parts[2].startswith("PHẦN III. Câu trắc nghiệm trả lời ngắn.")
    assert parts[3].startswith("PHẦN IV. Tự luận.")
    numbers = [line.split(".")[0].split(" (")[0] for line in lines if line.startswith("Câu ")]
    assert numbers == ["Câu 1", "Câu 2", "Câu 3", "Câu 1", "Câu 1", "Câu 1"]  # numbered within each part
    assert any(line.startswith("Câu 1 (2,0 điểm). Giải hệ") for line in lines)
    statements = [line[:2] for line in lines if line[:2] in ("a)", "b)", "c)", "d)")]
    assert statements == ["a)", "b)", "c)", "d)"]
    assert lines[-1] == "--- HẾT ---"
    assert not any("ĐÁP ÁN" in line or "Lời giải" in line for line in lines)  # no key in the paper
    document = Document(io.BytesIO(version_docx(paper, version)))
    assert document.sections[0].footer.paragraphs[0].text.startswith("Mã đề 102 – Trang")
    assert len(document.inline_shapes) == 1  # the picture given inline is printed
    assert notes == []


def test_options_follow_each_version_and_the_key_table_agrees(paper):
    paper, items = paper
    versions = make_versions(items, 4, seed=11)
    capitals_uuid = items[0].uuid
    letters = {}
    for version in versions:
        lines = _lines(version_docx(paper, version))
        item = next(i for i in version.parts["multiple_choice"] if i.uuid == capitals_uuid)
        question = next(line for line in lines if line.startswith(f"Câu {item.number}. Thủ đô"))
        letters[version.code] = _letter_of(lines, question, "Hà Nội")
        assert letters[version.code] == item.key
        printed = [_letter_of(lines, question, city) for city in CAPITALS]
        assert sorted(printed) == ["A", "B", "C", "D"]
        assert tuple("ABCD".index(letter) for letter in printed) == tuple(
            item.option_order.index(index) for index in range(4)
        )
    assert len(set(letters.values())) > 1  # the right answer moves between versions

    table = Document(io.BytesIO(answer_keys_docx(paper, versions))).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Phần", "Câu", "Mã đề 101", "Mã đề 102", "Mã đề 103", "Mã đề 104", "Điểm"]
    for column, version in enumerate(versions, start=2):
        item = next(i for i in version.parts["multiple_choice"] if i.uuid == capitals_uuid)
        assert rows[item.number][column] == letters[version.code]
        assert rows[item.number][:2] == ["PHẦN I", f"Câu {item.number}"]
    assert rows[4][:3] == ["PHẦN II", "Câu 1", "a) Đ b) S c) Đ d) S"]
    assert rows[5][2:] == ["-1,5"] * 4 + ["0,5"]
    assert rows[1][-1] == "0,25" and rows[4][-1] == "1,0" and rows[6][-1] == "2,0"
    assert rows[-1][0] == "Tổng điểm" and rows[-1][-1] == "4,25"

    sheet = load_workbook(io.BytesIO(answer_keys_xlsx(paper, versions))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == tuple(rows[0])
    for column, version in enumerate(versions, start=2):
        for (part, number), key in version.answer_key().items():
            index = {"multiple_choice": 0, "true_false_cluster": 3, "short_answer": 4, "essay": 5}[
                part
            ] + number
            assert values[index][column] == (key or "Tự luận")
    assert values[4][2] == "ĐSĐS" and values[5][2] == "-1,5"
    assert values[1][-1] == 0.25 and values[-1][0] == "Tổng điểm" and values[-1][-1] == 4.25


def test_latex_becomes_word_equations(paper):
    paper, items = paper
    notes = []
    content = version_docx(paper, make_versions(items, 1, seed=1)[0], notes)
    body = Document(io.BytesIO(content)).element.body
    equations = body.findall(f".//{M}oMath")
    assert len(equations) >= 14
    fraction = next(e for e in equations if e.find(f".//{M}f") is not None)
    assert [t.text for t in fraction.iter(f"{M}t")][:2] == ["1", "2"]
    root = next(body.iter(f"{M}rad"))
    assert root.find(f"{M}radPr/{M}degHide").get(f"{M}val") == "1"  # a square root, no degree shown
    arrows = list(body.iter(f"{M}groupChr"))
    assert len(arrows) == 3 and all(a.find(f"{M}groupChrPr/{M}chr") is not None for a in arrows)
    assert not any("$" in line for line in _lines(content))
    assert notes == []


def test_a_formula_that_cannot_be_converted_stays_latex_with_a_note(paper):
    paper, items = paper
    broken = items[4].uuid
    stem = "<p>Tính $\\frac{1}{$ rồi làm tròn.</p>"
    questions = dict(paper.questions)
    questions[broken] = qbank_api.QuestionContent("short_answer", stem, questions[broken].body, "")
    paper = replace(paper, questions=questions)
    notes = []
    lines = _lines(version_docx(paper, make_versions(items, 1, seed=1)[0], notes))
    assert "Câu 1. Tính $\\frac{1}{$ rồi làm tròn." in lines
    assert len(notes) == 1 and "PHẦN III, Câu 1" in notes[0] and "\\frac{1}{" in notes[0]


def test_only_the_parts_present_are_printed_numbered_in_order(paper):
    paper, items = paper
    chosen = [items[0], items[5]]  # multiple choice and essay
    lines = _lines(version_docx(paper, make_versions(chosen, 1, seed=2)[0]))
    parts = [line for line in lines if line.startswith("PHẦN ")]
    assert parts == [
        "PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn. Thí sinh trả lời câu 1. "
        "Mỗi câu hỏi thí sinh chỉ chọn một phương án.",
        "PHẦN II. Tự luận. Thí sinh trình bày lời giải câu 1.",
    ]


def test_the_pdf_paper_prints_the_same_paper(paper, tmp_path):
    paper, items = paper
    versions = make_versions(items, 2, seed=11)
    notes = []
    path = tmp_path / "de.pdf"
    path.write_bytes(version_pdf(paper, versions[1], notes))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout
    text = text.decode()
    for expected in (
        "SỞ GD&ĐT QUẢNG NINH",
        "TRƯỜNG THPT HÒN GAI",
        "KIỂM TRA GIỮA HỌC KÌ I",
        "NĂM HỌC 2025-2026",
        "Môn: Toán – Lớp 10",
        "Thời gian làm bài: 90 phút, không kể thời gian phát đề",
        "Mã đề 102",
        "Họ và tên thí sinh:",
        "PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn.",
        "PHẦN II. Câu trắc nghiệm đúng sai.",
        "PHẦN III. Câu trắc nghiệm trả lời ngắn.",
        "PHẦN IV. Tự luận.",
        "Câu 1 (2,0 điểm).",
        "--- HẾT ---",
        "Mã đề 102 – Trang 1/1",
    ):
        assert expected in text, expected
    assert text.index("PHẦN I.") < text.index("PHẦN II.") < text.index("PHẦN III.") < text.index("PHẦN IV.")
    item = next(i for i in versions[1].parts["multiple_choice"] if i.uuid == items[0].uuid)
    row = next(line for line in text.splitlines() if "Hà Nội" in line)
    assert row.split("Hà Nội")[0].split()[-1] == f"{item.key}."
    assert "$" not in text.split("PHẦN IV")[0]  # formulas are pictures, not LaTeX
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True).stdout
    assert len(images.decode().splitlines()) - 2 >= 14  # formulas and the picture
    # mathtext does not set \begin{cases}: its LaTeX is printed, and the note says so
    assert "\\begin{cases}" in text and any("PHẦN IV, Câu 1" in note for note in notes)


def test_a_picture_out_of_reach_prints_a_placeholder_and_a_note(paper):
    paper, items = paper
    key = items[2].uuid
    questions = dict(paper.questions)
    stem = "<p>Xem hình <img src='https://example.org/h.png' alt='đồ thị'></p>"
    questions[key] = qbank_api.QuestionContent("multiple_choice", stem, questions[key].body, "")
    paper = replace(paper, questions=questions)
    notes = []
    lines = _lines(version_docx(paper, make_versions(items, 1, seed=1)[0], notes))
    assert any("Xem hình [Hình: đồ thị]" in line for line in lines)
    assert len(notes) == 1 and "PHẦN I" in notes[0]
    # a caller that can reach the bank's storage passes ``pictures``
    version = make_versions(items, 1, seed=1)[0]
    content = version_docx(paper, version, pictures=lambda src: (_png(), "image/png"))
    assert len(Document(io.BytesIO(content)).inline_shapes) == 1


def test_a_question_missing_from_the_paper_is_named(paper):
    paper, items = paper
    missing = TestItem("00000000-0000-0000-0000-000000000000", "essay", {"rubric": []})
    version = make_versions([*items, missing], 1, seed=1)[0]
    with pytest.raises(PaperError, match="00000000-0000-0000-0000-000000000000"):
        version_docx(paper, version)
    with pytest.raises(PaperError):
        answer_keys_xlsx(paper, [version])


def test_questions_of_different_points_at_one_place_show_their_points_per_version():
    essays = {
        "e-long": qbank_api.QuestionContent("essay", "<p>Chứng minh định lí.</p>", {"rubric": []}, ""),
        "e-short": qbank_api.QuestionContent("essay", "<p>Vẽ đồ thị.</p>", {"rubric": []}, ""),
    }
    paper = Paper("Trường THCS Cẩm Phả", "Toán", 9, "Kiểm tra", 45, "2025-2026", "Kiểm tra cuối học kì I",
                  essays, {"e-long": D("2"), "e-short": D("1")})  # fmt: skip
    items = [TestItem(key, "essay", content.body) for key, content in essays.items()]
    versions = make_versions(items, 6, seed=5)
    firsts = {version.parts["essay"][0].uuid for version in versions}
    assert firsts == {"e-long", "e-short"}  # the seed puts each essay first in some version
    rows = _rows_of(answer_keys_docx(paper, versions))
    for column, version in enumerate(versions, start=2):
        for number, item in enumerate(version.parts["essay"], start=1):
            expected = "Tự luận (2,0 đ)" if item.uuid == "e-long" else "Tự luận (1,0 đ)"
            assert rows[number][column] == expected
    assert rows[1][-1] == rows[2][-1] == ""  # no single figure for the place
    assert rows[-1][-1] == "3,0"


def _rows_of(content):
    table = Document(io.BytesIO(content)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]
