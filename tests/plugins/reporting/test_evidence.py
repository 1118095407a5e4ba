"""The QĐ 4725 evidence: the criteria as data (all unverified) and each school's figures, rolled up."""

import pytest
from django.contrib.auth import get_user_model

from openedx_vn.assessment import api as assessment_api
from openedx_vn.qbank.models import QuestionBank
from openedx_vn.reporting import api
from openedx_vn.teaching import api as teaching_api
from tests.plugins.assessment.conftest import BLUEPRINT, fill_bank
from tests.plugins.qbank.banks import add_question
from tests.plugins.teaching.conftest import HA_LONG, YEAR


def test_the_criteria_cite_the_decision_and_are_marked_unverified():
    assert api.decision()["reference"] == "QĐ 4725/QĐ-BGDĐT" and api.decision()["date"] == "30/12/2022"
    criteria = api.criteria()
    assert {c.key for c in criteria} == {
        "online_teaching",
        "learning_materials",
        "question_banks",
        "online_tests",
    }
    assert all(not c.verified and c.number is None for c in criteria)
    figures = {f for c in criteria for f in c.figures}
    assert figures == {"online_share", "training_share", "bank_questions", "online_tests", "students_tested"}


@pytest.fixture
def evidence(org):
    """School A: a school bank of 3 questions, a personal bank (not counted), an online test two students
    submitted; school B: nothing; a plan of 70 periods, 7 online, for 6A1 Toán."""
    teacher = org.users["teacher_a"]
    school_bank = QuestionBank.objects.create(
        name="Ngân hàng trường A", owner_id=teacher.id, scope="school", school_code=org.codes["A"]
    )
    for n in range(3):
        add_question(school_bank, f"Câu {n}")
    personal = QuestionBank.objects.create(name="Toán 10 – cá nhân", owner_id=teacher.id)
    fill_bank(personal, per_kind=4)
    blueprint_uuid, _problems = assessment_api.save_blueprint(teacher, BLUEPRINT)
    exam = assessment_api.generate_exam(
        teacher, blueprint_uuid, [str(personal.uuid)], school_code=org.codes["A"], school_year=YEAR, seed=3
    )
    for name in ("hs_1", "hs_2"):
        student = get_user_model().objects.create_user(name)
        assessment_api.start_attempt(exam.uuid, student.id)
        assessment_api.submit_attempt(exam.uuid, student.id)
    assessment_api.start_attempt(exam.uuid, org.users["student"].id)  # still open: not reached yet
    teaching_api.set_plan(org.classes["A", "6A1"], "TOAN", YEAR, planned_periods=70, planned_online_periods=7)
    return org


def test_each_school_shows_its_figures_and_the_area_adds_them_up(evidence):
    org = evidence
    schools, communes, total = api.evidence_report(org.users["province"], year=YEAR)
    a = next(r for r in schools if r.school_code == org.codes["A"]).figures
    b = next(r for r in schools if r.school_code == org.codes["B"]).figures
    assert (a["bank_questions"], a["online_tests"], a["students_tested"]) == (3, 1, 2)
    assert (b["bank_questions"], b["online_tests"], b["students_tested"]) == (0, 0, 0)
    assert a["online_planned"] >= 70 and a["online_periods"] == 0
    assert (total.figures["bank_questions"], total.figures["students_tested"]) == (3, 2)
    ha_long = next(c for c in communes if c.commune_code == HA_LONG).figures
    assert ha_long["online_tests"] == 1 and ha_long["online_planned"] == a["online_planned"] + 0


def test_a_commune_officer_gets_only_the_commune_schools(evidence):
    org = evidence
    schools, _communes, total = api.evidence_report(org.users["commune_y"], year=YEAR)
    assert [r.school_code for r in schools] == [org.codes["B"]]
    assert total.figures["bank_questions"] == 0
    with pytest.raises(api.ReportingScopeError):
        api.evidence_report(org.users["teacher_a"], year=YEAR)
