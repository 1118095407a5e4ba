"""A Word exam written the way Vietnamese teachers write one imports with its keys."""

import io

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import RGBColor

from openedx_vn.qbank import api
from openedx_vn.qbank.models import QuestionVersion

pytestmark = pytest.mark.django_db


def _paragraph(document, *parts):
    """parts: plain strings, or (text, {"underline"|"bold"|"red"|"highlight"}) for marked runs."""
    paragraph = document.add_paragraph()
    for part in parts:
        text, marks = (part, set()) if isinstance(part, str) else part
        run = paragraph.add_run(text)
        run.underline = "underline" in marks or None
        run.bold = "bold" in marks or None
        if "red" in marks:
            run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
        if "highlight" in marks:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def exam(with_table=True, extra=()):
    document = Document()
    _paragraph(document, ("ĐỀ KIỂM TRA GIỮA HỌC KÌ I – MÔN TOÁN 6", {"bold"}))
    _paragraph(document, ("PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn.", {"bold"}))
    _paragraph(document, ("Câu 1.", {"bold"}), " Phân số nào bằng 1/2?")
    _paragraph(document, "A. 2/3\tB. ", ("3/6", {"underline"}), "\tC. 2/5\tD. 4/6")
    _paragraph(document, ("Câu 2:", {"bold"}), " Số nào là số nguyên tố?")
    for letter, text in zip("ABCD", ["1", "4", "7", "9"], strict=True):
        _paragraph(document, (f"{letter}. {text}", {"red"} if text == "7" else set()))
    _paragraph(document, "Câu 3 (0,25 điểm). Kết quả của 2 + 3 là")
    _paragraph(document, "A. 4\tB. 5*\tC. 6\tD. 7")
    _paragraph(document, "Câu 4. Số đối của -5 là")
    _paragraph(document, "A. -5\tB. 5\tC. 0\tD. 1/5")
    _paragraph(document, "Lời giải: Số đối của -5 là 5 vì -5 + 5 = 0.")
    _paragraph(document, ("PHẦN II. Câu trắc nghiệm đúng sai.", {"bold"}))
    _paragraph(document, "Câu 5. Cho phân số 6/8.")
    for statement in ["a) 6/8 = 3/4.", "b) 6/8 là phân số tối giản.", "c) 6/8 > 1/2.", "d) 6/8 = 0,68."]:
        _paragraph(document, statement)
    _paragraph(document, ("PHẦN III. Câu trắc nghiệm trả lời ngắn.", {"bold"}))
    _paragraph(document, "Câu 6. Tính 1/2 - 2 (viết kết quả dạng số thập phân).")
    _paragraph(document, ("PHẦN IV. Tự luận", {"bold"}))
    _paragraph(document, "Câu 7 (1 điểm). Trình bày cách rút gọn phân số 12/18.")
    for parts in extra:
        _paragraph(document, *parts)
    _paragraph(document, ("ĐÁP ÁN", {"bold"}))
    _paragraph(document, "1-B  2-C  3-B  4-B")
    if with_table:
        table = document.add_table(rows=3, cols=2)
        for row, (number, key) in zip(
            table.rows, [("Câu", "Đáp án"), ("5", "a) Đ b) S c) Đ d) S"), ("6", "-1,5")], strict=True
        ):
            row.cells[0].text, row.cells[1].text = number, key
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def bank():
    return api.create_bank("Toán 6", owner_id=1)


def test_a_vietnamese_word_exam_imports_with_its_keys(bank):
    result = api.import_questions(exam(), "de-giua-ki.docx", bank.uuid)
    assert (result.format, result.created) == ("docx", 7)
    questions = {v.title: v for v in QuestionVersion.objects.all()}
    right = {
        title: [c["correct"] for c in v.body.get("choices", [])].index(True)
        for title, v in questions.items()
        if v.type == "multiple_choice"
    }
    assert right == {"Câu 1": 1, "Câu 2": 2, "Câu 3": 1, "Câu 4": 1}
    assert [c["text"] for c in questions["Câu 1"].body["choices"]] == ["2/3", "3/6", "2/5", "4/6"]
    assert questions["Câu 3"].body["choices"][1]["text"] == "5"  # the * is the mark, not the text
    assert questions["Câu 4"].explanation == "Số đối của -5 là 5 vì -5 + 5 = 0."
    assert questions["Câu 5"].type == "true_false_cluster"
    assert [s["is_true"] for s in questions["Câu 5"].body["statements"]] == [True, False, True, False]
    assert questions["Câu 5"].body["statements"][3]["text"] == "6/8 = 0,68."
    assert questions["Câu 6"].body == {"kind": "numeric", "value": "-1.5", "tolerance": "0"}
    assert questions["Câu 7"].type == "essay"
    assert questions["Câu 1"].source == "de-giua-ki.docx, paragraph 3, question 1"


def test_a_missing_key_refuses_the_whole_file_naming_the_question(bank):
    document = exam(with_table=False)
    with pytest.raises(api.QuestionImportError) as caught:
        api.import_questions(document, "de.docx", bank.uuid)
    assert [str(problem) for problem in caught.value.problems] == [
        "de.docx, paragraph 16, question 5: no Đ/S key for its 4 statements in the answer table, "
        "e.g. 5. ĐSĐS",
        "de.docx, paragraph 22, question 6: "
        "no answer for this short-answer question: add it to the answer table, e.g. 6. -1,5",
    ]
    assert api.get_bank(bank.uuid).question_count == 0


EVEN = [("Câu 8. Chọn số chẵn.",), ("A. ", ("2", {"highlight"}), "\tB. 3\tC. 5\tD. 7")]


def test_a_highlighted_option_is_the_key(bank):
    assert api.import_questions(exam(extra=EVEN), "de.docx", bank.uuid).created == 8
    even = QuestionVersion.objects.get(title="Câu 8")
    assert [c["correct"] for c in even.body["choices"]] == [True, False, False, False]


def test_a_key_that_contradicts_the_marking_is_refused(bank):
    document = Document(io.BytesIO(exam(extra=EVEN)))
    document.add_paragraph("8-C")  # still in the answer section
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(
        api.QuestionImportError, match="question 8: the answer table says C but option A is marked"
    ):
        api.import_questions(out.getvalue(), "de.docx", bank.uuid)


def test_not_a_word_file(bank):
    with pytest.raises(api.QuestionImportError, match="not a readable Word .docx file"):
        api.import_questions(b"PK\x03\x04 not really", "de.docx", bank.uuid)


def test_a_solutions_section_after_the_answer_table_gives_explanations(bank):
    """Printed papers end with "ĐÁP ÁN" then "LỜI GIẢI": numbers in a solution are not keys."""
    document = Document()
    document.add_paragraph("Câu 1. Phân số nào bằng 1/2?")
    document.add_paragraph("A. 2/3\tB. 3/6\tC. 2/5\tD. 4/6")
    document.add_paragraph("Câu 2. Tính 1/2 - 2 (viết dạng số thập phân).")
    document.add_paragraph("ĐÁP ÁN")
    document.add_paragraph("1-B  2. -1,5")
    document.add_paragraph("LỜI GIẢI")
    document.add_paragraph("Câu 1. ")
    document.add_paragraph("Vì 3/6 = 1/2.")
    document.add_paragraph("Câu 2. 1/2 - 2 = -1,5")
    out = io.BytesIO()
    document.save(out)
    assert api.import_questions(out.getvalue(), "de.docx", bank.uuid).created == 2
    first, second = QuestionVersion.objects.order_by("id")
    assert first.explanation == "Vì 3/6 = 1/2." and [c["correct"] for c in first.body["choices"]][1]
    assert second.body == {"kind": "numeric", "value": "-1.5", "tolerance": "0"}
    assert second.explanation == "1/2 - 2 = -1,5"
