"""A bank import on a site where the curriculum was never loaded says so and names the command, instead of
listing every learning-outcome code of the file as unknown; once loaded, a mistyped code is named."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api
from openedx_vn.qbank.models import QuestionVersion

pytestmark = pytest.mark.django_db


def workbook(*codes):
    book = Workbook()
    book.active.append(("type", "stem", "A", "B", "answer", "outcomes"))
    for number, code in enumerate(codes, start=1):
        book.active.append(("TN", f"Câu hỏi {number}?", "1", "2", "A", code))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def bank():
    return api.create_bank("Toán 6", owner_id=1)


def problems_of(content, bank, language="en"):
    with translation.override(language), pytest.raises(api.QuestionImportError) as refused:
        api.import_questions(content, "de.xlsx", bank.uuid)
    with translation.override(language):
        return [str(problem) for problem in refused.value.problems]


def test_before_load_curriculum_the_import_names_the_command(bank):
    content = workbook("TOAN.6.1.3.2", "TOAN.6.1.3.2, VAN.7.2.1")
    assert problems_of(content, bank) == [
        "de.xlsx: the curriculum is not loaded, so the learning outcome codes cannot be checked: run "
        "./manage.py lms load_curriculum, then import the file again"
    ]
    (vietnamese,) = problems_of(content, bank, "vi")
    assert "chưa nạp chương trình" in vietnamese and "./manage.py lms load_curriculum" in vietnamese
    assert QuestionVersion.objects.count() == 0


def test_a_file_without_outcome_codes_imports_before_the_curriculum(bank):
    result = api.import_questions(workbook("", ""), "de.xlsx", bank.uuid)
    assert result.created == 2


def test_once_loaded_the_same_file_imports_and_a_mistyped_code_is_named(bank):
    curriculum_api.load_shipped_curriculum()
    assert api.import_questions(workbook("TOAN.6.1.3.2"), "de.xlsx", bank.uuid).created == 1
    problems = problems_of(workbook("TOAN.6.99.1"), bank)
    assert problems == ["de.xlsx, row 2, question 1: unknown learning outcome code(s): TOAN.6.99.1"]
