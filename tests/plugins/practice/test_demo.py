"""The dev host's practice demo: its shared bank holds enough questions on both outcomes of the workbench
scenario for a student to reach mastery, and loading it twice adds nothing."""

import pytest
from django.contrib.auth import get_user_model

from devhost import demo_practice
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.practice import api
from openedx_vn.qbank import api as qbank_api
from openedx_vn_xblocks.practice.block import PracticeBlock

pytestmark = pytest.mark.django_db


def test_the_demo_bank_lets_the_scenario_reach_mastery():
    curriculum_api.load_shipped_curriculum()  # the import checks the outcome codes, as make dev does
    teacher = get_user_model().objects.create_user("giaovien")
    demo_practice.load(teacher.id, "22000101")
    demo_practice.load(teacher.id, "22000101")
    banks = [bank for bank in qbank_api.list_banks() if bank.name == demo_practice.BANK]
    assert len(banks) == 1 and (banks[0].scope, banks[0].school_code) == ("school", "22000101")
    scenario = PracticeBlock.workbench_scenarios()[0][1]
    codes = ["TOAN.6.1.1.1", "TOAN.6.1.1.2"]
    assert all(code in scenario for code in codes)
    for code in codes:
        assert len(api.practice_items([banks[0].uuid], code)) == 12
    for _step in range(20):
        question = api.next_question(1, codes, [banks[0].uuid])
        content, _number = qbank_api.get_question_content(question.question_uuid)
        assert "$" in content.stem and content.explanation  # math, and an explanation to show
        if api.record_answer(1, question, True).just_mastered:
            break
    assert api.outcome_progress(1, codes)[0].status == "mastered"
