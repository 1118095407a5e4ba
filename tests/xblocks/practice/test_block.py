"""The practice block through the workbench runtime: questions without keys, feedback after submitting, the
model's mastery, and an empty block that says what is missing."""

import json

import pytest
from django.test import TestCase
from django.utils import translation
from workbench.test_utils import XBlockHandlerTestCaseMixin

from openedx_vn.practice.models import OutcomeState, PracticeAnswer
from openedx_vn.qbank import api as qbank_api
from tests.plugins.practice.banks import OUTCOME_A, OUTCOME_B, make_bank

SCENARIO = f"""<vertical_demo>
  <vn_practice display_name="Luyện tập" outcomes='["{OUTCOME_A}", "{OUTCOME_B}"]'/>
</vertical_demo>"""


@pytest.mark.django_db
class PracticeBlockTest(XBlockHandlerTestCaseMixin, TestCase):
    scenario = SCENARIO

    @classmethod
    def setUpTestData(cls):
        cls.bank = make_bank()

    def setUp(self):
        super().setUp()
        self.set_user("hs_luyen_tap")
        vertical = self.runtime.get_block(self.runtime.parse_xml_string(self.scenario))
        self.block = self.runtime.get_block(vertical.children[0])

    def call(self, handler, data=None):
        body = json.dumps(data or {}).encode()
        with translation.override("vi"):
            return self.request(self.block, handler, body, response_format="json")

    def key_of(self, question_uuid):
        content, _number = qbank_api.get_question_content(question_uuid)
        return next(i for i, choice in enumerate(content.body["choices"]) if choice["correct"]), content

    def test_the_view_lists_the_outcomes_and_loads_math(self):
        with translation.override("vi"):
            fragment = self.block.render("student_view")
        assert "Chưa bắt đầu" in fragment.content and "tex2jax_ignore" in fragment.content
        assert any(r.data.endswith("vn-math.js") for r in fragment.resources)

    def test_the_question_comes_without_its_key_and_the_answer_reveals_it(self):
        asked = self.call("next_question")
        right, content = self.key_of(asked["question"])
        html = asked["html"]
        assert "vn-practice-form" in html and "correct" not in html
        assert " = " in content.explanation and " = " not in html  # no explanation before answering
        assert self.call("next_question")["question"] == asked["question"]  # the same until answered
        assert "Hãy chọn" in self.call("submit", {"response": None})["error"]
        result = self.call("submit", {"response": (right + 1) % 4})
        assert (result["correct"], result["correct_option"]) == (False, right)
        assert "0,5" in result["explanation"]
        assert self.call("submit", {"response": right})["error"]  # nothing waits any more
        assert PracticeAnswer.objects.get().correct is False

    def test_right_answers_reach_mastery(self):
        for _step in range(30):
            asked = self.call("next_question")
            right, _content = self.key_of(asked["question"])
            result = self.call("submit", {"response": right})
            if result["just_mastered"]:
                break
        assert result["mastered"] and result["outcome"] == OUTCOME_A
        assert OutcomeState.objects.get(outcome_code=OUTCOME_A).mastered_at is not None
        with translation.override("vi"):
            assert "Đã thành thạo" in self.block.render("student_view").content


@pytest.mark.django_db
class EmptyPracticeTest(XBlockHandlerTestCaseMixin, TestCase):
    def test_no_questions_is_said_plainly(self):
        self.set_user("hs_khac")
        xml = "<vertical_demo><vn_practice outcomes='[\"TOAN.6.9.9.9\"]'/></vertical_demo>"
        vertical = self.runtime.get_block(self.runtime.parse_xml_string(xml))
        block = self.runtime.get_block(vertical.children[0])
        with translation.override("vi"):
            answer = self.request(block, "next_question", b"{}", response_format="json")
        assert answer["done"] and "Chưa có câu hỏi" in answer["message"]
