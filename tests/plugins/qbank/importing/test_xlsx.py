"""Excel import: the downloadable template round-trips; bad rows are named by row."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api
from openedx_vn.qbank.models import QuestionVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank():
    return api.create_bank("Toán 6", owner_id=1)


def test_the_template_imports_with_its_metadata(client, bank):
    curriculum_api.load_shipped_curriculum()  # the template's outcome code must exist
    template = client.get(reverse("vn_qbank:import-template"))
    assert template.status_code == 200
    result = api.import_questions(template.content, "mau.xlsx", bank.uuid)
    assert (result.format, result.created) == ("xlsx", 3)
    mc, tf, short = QuestionVersion.objects.order_by("id")
    assert [c["correct"] for c in mc.body["choices"]] == [False, True, False, False]
    assert (mc.subject_code, mc.grade, mc.outcome_codes, mc.cognitive_level) == (
        "TOAN",
        6,
        ["TOAN.6.1.3.2"],
        "biet",
    )
    assert mc.points == Decimal("0.25") and mc.category == "Toán 6/Phân số"
    assert [s["is_true"] for s in tf.body["statements"]] == [True, False, True, False]
    assert tf.cognitive_level == "hieu"
    assert short.body == {"kind": "numeric", "value": "-1.5", "tolerance": "0"}
    assert short.source == "mau.xlsx, row 4, question 3"


def test_bad_rows_are_named_and_nothing_is_stored(bank):
    book = Workbook()
    sheet = book.active
    sheet.append(("type", "stem", "A", "B", "C", "D", "answer", "grade", "level"))
    sheet.append(("TN", "Câu đúng", "1", "2", "3", "4", "A", 6, "Nhận biết"))
    sheet.append(("TN", "Đáp án sai", "1", "2", "", "", "C", 6, ""))
    sheet.append(("ĐS", "Thiếu", "a", "b", "c", "d", "ĐSĐ", 6, ""))
    sheet.append(("XYZ", "Loại lạ", "", "", "", "", "", 6, ""))
    sheet.append(("TL", "Lớp sai", "", "", "", "", "", 13, "Vận dụng cao"))
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(api.QuestionImportError) as caught:
        api.import_questions(out.getvalue(), "de.xlsx", bank.uuid)
    assert [str(p) for p in caught.value.problems] == [
        "de.xlsx, row 3, question 2: answer 'C': the letter of one of the options A–B",
        "de.xlsx, row 4, question 3: answer 'ĐSĐ': one Đ or S per statement (4), e.g. ĐSĐS",
        "de.xlsx, row 5, question 4: type 'XYZ': use TN, ĐS, TLN or TL",
        "de.xlsx, row 6, question 5: grade '13' is not a grade 1–12",
    ]
    assert QuestionVersion.objects.count() == 0


def test_four_levels_are_kept_apart_and_vdc_counts_as_van_dung_in_a_three_level_matrix():
    assert [api.cognitive_level(n) for n in ["Nhận biết", "Thông hiểu", "Vận dụng cao", "VD", "Khó"]] == [
        "biet",
        "hieu",
        "van_dung_cao",
        "van_dung",
        None,
    ]
    assert api.matrix_level("van_dung_cao") == "van_dung" and api.matrix_level("hieu") == "hieu"


def test_template_columns():
    sheet = load_workbook(io.BytesIO(api.import_template())).active
    assert [cell.value for cell in sheet[1]][:7] == ["type", "stem", "A", "B", "C", "D", "answer"]


def test_an_unknown_outcome_code_is_a_problem(bank):
    curriculum_api.load_shipped_curriculum()
    book = Workbook()
    book.active.append(("type", "stem", "A", "B", "answer", "outcomes"))
    book.active.append(("TN", "Câu?", "1", "2", "A", "TOAN.6.1.3.2, TOAN.6.99.1"))
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(
        api.QuestionImportError, match="row 2, question 1: unknown learning outcome code.*TOAN.6.99.1"
    ):
        api.import_questions(out.getvalue(), "de.xlsx", bank.uuid)
