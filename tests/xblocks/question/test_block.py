"""The question block through the XBlock SDK's workbench runtime, with the workbench's database store."""

import json
from unittest import mock

import pytest
from django.test import TestCase
from django.utils import translation
from lxml import etree
from workbench.runtime import WorkbenchRuntime
from workbench.test_utils import XBlockHandlerTestCaseMixin

from openedx_vn.qbank.api import QuestionOLXError
from openedx_vn_xblocks.question.block import QuestionBlock

MC, TF, SHORT, MATH = (xml for _title, xml in QuestionBlock.workbench_scenarios())


class _BlockTest(XBlockHandlerTestCaseMixin, TestCase):
    scenario = MC

    def setUp(self):
        super().setUp()
        self.set_user("student_1")
        vertical = self.runtime.get_block(self.runtime.parse_xml_string(self.scenario))
        self.block = self.runtime.get_block(vertical.children[0])

    def submit(self, response):
        with mock.patch.object(self.runtime, "publish") as publish:
            body = json.dumps({"response": response}).encode()
            result = self.request(self.block, "submit", body, response_format="json")
        return result, publish

    def html(self):
        with translation.override("vi"):
            return self.block.render("student_view").content


@pytest.mark.django_db
class MultipleChoiceTest(_BlockTest):
    def test_scenario_fields(self):
        assert [c["text"] for c in self.block.body["choices"]] == ["2/3", "3/6", "2/5", "4/6"]
        assert (self.block.question_type, self.block.weight, self.block.display_name) == (
            "multiple_choice",
            0.25,
            "Câu 1",
        )

    def test_student_view_never_carries_the_key_before_submission(self):
        html = self.html()
        assert "Phân số nào bằng 1/2?" in html and "Nộp bài" in html
        assert (
            "vn-correct" not in html
            and "3 : 3" not in html
            and "correct" not in html.replace("msg-correct", "")
        )

    def test_correct_answer_earns_the_points_and_publishes_the_grade(self):
        result, publish = self.submit(1)
        assert (result["is_correct"], result["earned"], result["correct_option"]) == (True, 0.25, 1)
        assert result["explanation"].startswith("3/6")
        publish.assert_called_once_with(self.block, "grade", {"value": 0.25, "max_value": 0.25})

    def test_a_second_submission_changes_nothing(self):
        first, publish = self.submit(0)
        again, again_publish = self.submit(1)
        assert first == again and (first["earned"], first["correct_option"]) == (0.0, 1)
        publish.assert_called_once_with(self.block, "grade", {"value": 0.0, "max_value": 0.25})
        again_publish.assert_not_called()

    def test_answers_are_kept_per_student_in_the_database(self):
        self.submit(1)
        assert WorkbenchRuntime("student_2").get_block(self.block.scope_ids.usage_id).response is None
        assert WorkbenchRuntime("student_1").get_block(self.block.scope_ids.usage_id).response == 1

    def test_invalid_answers_are_refused_and_nothing_is_stored(self):
        for response in (9, "1", True, None, -1):
            result, publish = self.submit(response)
            assert result == {"error": "Hãy chọn một phương án trước khi nộp bài."}
            publish.assert_not_called()
        assert self.block.response is None and self.block.earned is None

    def test_view_after_submission_shows_result_and_explanation(self):
        self.submit(1)
        html = self.html()
        assert "vn-correct" in html and "3/6 = (3 : 3)" in html and "Đúng." in html


@pytest.mark.django_db
class TrueFalseClusterTest(_BlockTest):
    scenario = TF

    def test_view_lists_statements_without_the_key(self):
        html = self.html()
        assert "b) 6/8 là phân số tối giản." in html and "Đúng" in html and "Sai" in html
        assert "vn-question-result" not in html and "6/8 = 3/4 = 0,75" not in html

    def test_partial_credit_follows_the_exam_table(self):
        for student, answers, earned in [
            ("s4", [True, False, True, False], 1.0),
            ("s3", [True, False, True, True], 0.5),
            ("s2", [True, True, True, True], 0.25),
            ("s1", [True, True, False, True], 0.1),
            ("s0", [False, True, False, True], 0.0),
        ]:
            self.set_user(student)
            block = self.runtime.get_block(self.block.scope_ids.usage_id)
            self.block = block
            result, publish = self.submit(answers)
            assert result["earned"] == earned, student
            assert result["key"] == [True, False, True, False]
            publish.assert_called_once_with(block, "grade", {"value": earned, "max_value": 1.0})

    def test_every_statement_must_be_judged(self):
        result, _ = self.submit([True, None, True, False])
        assert result == {"error": "Hãy chọn Đúng hoặc Sai cho mọi khẳng định trước khi nộp bài."}


@pytest.mark.django_db
class ShortAnswerTest(_BlockTest):
    scenario = SHORT

    def test_value_with_a_decimal_comma(self):
        result, publish = self.submit("-1,50")
        assert (result["earned"], result["answers"]) == (0.5, ["-1,5"])
        publish.assert_called_once_with(self.block, "grade", {"value": 0.5, "max_value": 0.5})

    def test_wrong_value_and_empty_answer(self):
        assert self.submit("  ")[0] == {"error": "Hãy viết câu trả lời trước khi nộp bài."}
        result, _ = self.submit("1,5")
        assert (result["earned"], result["is_correct"]) == (0.0, False)


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", [MC, TF, SHORT, MATH])
def test_olx_round_trip(scenario):
    runtime = WorkbenchRuntime("author")
    question = runtime.get_block(runtime.get_block(runtime.parse_xml_string(scenario)).children[0])
    node = etree.Element("root")
    question.add_xml_to_node(node)
    again = runtime.get_block(runtime.parse_xml_string(etree.tostring(node)))
    assert (again.question_type, again.stem, again.body, again.explanation) == (
        question.question_type,
        question.stem,
        question.body,
        question.explanation,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("children", "message"),
    [
        ("<option>1</option>", "ít nhất 2 phương án"),
        ("<option>1</option><option>2</option>", "đang có 0"),
        ('<option correct="true">1</option><option correct="true">2</option>', "đang có 2"),
    ],
)
def test_malformed_olx_is_refused_with_the_reason(children, message):
    runtime = WorkbenchRuntime("author")
    with pytest.raises(QuestionOLXError, match=f"^Câu hỏi <vn_question url_name='q1'> bị lỗi: .*{message}"):
        runtime.parse_xml_string(f'<vn_question url_name="q1"><stem>?</stem>{children}</vn_question>')


@pytest.mark.django_db
def test_unknown_type_and_bad_number_are_refused():
    runtime = WorkbenchRuntime("author")
    with pytest.raises(QuestionOLXError, match="loại câu hỏi 'matching'"):
        runtime.parse_xml_string('<vn_question type="matching"><stem>?</stem></vn_question>')
    with pytest.raises(QuestionOLXError, match="<answer>: 'abc' không phải là số"):
        runtime.parse_xml_string(
            '<vn_question type="short_answer"><stem>?</stem><answer>abc</answer></vn_question>'
        )
