"""The question block through the XBlock SDK's workbench runtime, with the workbench's database store."""

import json
from unittest import mock

import pytest
from django.test import TestCase
from django.utils import translation
from lxml import etree
from workbench.runtime import WorkbenchRuntime
from workbench.test_utils import XBlockHandlerTestCaseMixin

from openedx_vn_xblocks.question.block import QuestionBlock
from openedx_vn_xblocks.question.olx import QuestionOLXError

SCENARIO_XML = QuestionBlock.workbench_scenarios()[0][1]


@pytest.mark.django_db
class QuestionHandlerTest(XBlockHandlerTestCaseMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.set_user("student_1")
        self.block = self._load()

    def _load(self, xml=SCENARIO_XML):
        usage_id = self.runtime.parse_xml_string(xml)
        vertical = self.runtime.get_block(usage_id)
        return self.runtime.get_block(vertical.children[0])

    def test_scenario_fields(self):
        assert self.block.options == ["2/3", "3/6", "2/5", "4/6"]
        assert (self.block.correct, self.block.weight, self.block.display_name) == (1, 0.25, "Câu 1")

    def test_student_view_never_carries_the_key_before_submission(self):
        with translation.override("vi"):
            html = self.block.render("student_view").content
        assert "Phân số nào bằng 1/2?" in html
        assert "vn-correct" not in html
        assert "3 : 3" not in html
        assert "correct_option" not in html
        assert "Nộp bài" in html

    def test_correct_answer_earns_the_points_and_publishes_the_grade(self):
        with mock.patch.object(self.runtime, "publish") as publish:
            result = self.request(
                self.block, "submit", json.dumps({"selected": 1}).encode(), response_format="json"
            )
        assert result["is_correct"] is True
        assert result["earned"] == 0.25
        assert result["explanation"].startswith("3/6")
        publish.assert_called_once_with(self.block, "grade", {"value": 0.25, "max_value": 0.25})

    def test_wrong_answer_earns_nothing_and_a_second_submission_changes_nothing(self):
        with mock.patch.object(self.runtime, "publish") as publish:
            first = self.request(self.block, "submit", b'{"selected": 0}', response_format="json")
            again = self.request(self.block, "submit", b'{"selected": 1}', response_format="json")
        assert first == again
        assert (first["is_correct"], first["earned"], first["correct_option"]) == (False, 0.0, 1)
        publish.assert_called_once_with(self.block, "grade", {"value": 0.0, "max_value": 0.25})

    def test_answer_is_kept_per_student_in_the_database(self):
        self.request(self.block, "submit", b'{"selected": 1}', response_format="json")
        other = WorkbenchRuntime("student_2")
        assert other.get_block(self.block.scope_ids.usage_id).selected is None
        assert WorkbenchRuntime("student_1").get_block(self.block.scope_ids.usage_id).selected == 1

    def test_invalid_choice_is_refused_and_nothing_is_stored(self):
        for body in (b'{"selected": 9}', b'{"selected": "1"}', b'{"selected": true}', b"{}"):
            result = self.request(self.block, "submit", body, response_format="json")
            assert "error" in result
        assert self.block.selected is None
        assert self.block.earned is None

    def test_view_after_submission_shows_result_and_explanation(self):
        self.request(self.block, "submit", b'{"selected": 1}', response_format="json")
        with translation.override("vi"):
            html = self.block.render("student_view").content
        assert "vn-correct" in html
        assert "3/6 = (3 : 3)" in html
        assert "Đúng." in html


@pytest.mark.django_db
def test_olx_round_trip():
    runtime = WorkbenchRuntime("author")
    block = runtime.get_block(runtime.parse_xml_string(SCENARIO_XML))
    question = runtime.get_block(block.children[0])
    node = etree.Element("root")
    question.add_xml_to_node(node)
    assert node.tag == "vn_question"
    assert node.get("weight") == "0.25"
    assert [o.get("correct") for o in node.findall("option")] == [None, "true", None, None]
    assert node.findtext("explanation") == "3/6 = (3 : 3)/(6 : 3) = 1/2."


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("<option>1</option>", "at least 2"),
        ("<option>1</option><option>2</option>", "found 0"),
        ('<option correct="true">1</option><option correct="true">2</option>', "found 2"),
    ],
)
@pytest.mark.django_db
def test_malformed_olx_is_refused_with_the_reason(options, message):
    runtime = WorkbenchRuntime("author")
    with pytest.raises(QuestionOLXError, match=message):
        runtime.parse_xml_string(f'<vn_question url_name="q1"><stem>?</stem>{options}</vn_question>')
