"""The question block showing a question of the bank, pinned to a version; and its Studio editor."""

import json
from unittest import mock

import pytest
import webob
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.utils import translation
from lxml import etree
from workbench.runtime import WorkbenchRuntime
from workbench.test_utils import XBlockHandlerTestCaseMixin

from openedx_vn.qbank import api as qbank_api
from openedx_vn.qbank.models import Question, QuestionVersion

GIFT = """::Câu 1:: Giá trị của <b>2 + 3</b> là? {
=5 #Đúng
~4
~6
~7
####Vì <i>2 + 3 = 5</i>.
}

::Câu 2:: Viết bài văn tả cây phượng. {}
"""


INLINE = ('display_name="Câu 1"', '<stem>?</stem><option>1</option><option correct="true">2</option>')


def _bank_questions():
    owner = get_user_model().objects.create_user("giaovien_bank")
    bank = qbank_api.create_bank("Toán 6", owner.id)
    result = qbank_api.import_questions(GIFT.encode(), "toan6.gift", bank.uuid, owner.id)
    return result.question_uuids  # (multiple choice, essay)


def _new_version(question_uuid, **changes):
    """What an edit in the bank does: a new immutable version becomes the current one."""
    question = Question.objects.get(uuid=question_uuid)
    latest = question.versions.order_by("-number").first()
    fields = {f.name: getattr(latest, f.name) for f in QuestionVersion._meta.fields if f.name not in ("id",)}
    fields.update(number=latest.number + 1, **changes)
    version = QuestionVersion.objects.create(**fields)
    question.current = version
    question.save()


@pytest.mark.django_db
class BankQuestionTest(XBlockHandlerTestCaseMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.choice_uuid, self.essay_uuid = _bank_questions()

    def block(self, attributes, children=""):
        olx = f"<vertical_demo><vn_question {attributes}>{children}</vn_question></vertical_demo>"
        vertical = self.runtime.get_block(self.runtime.parse_xml_string(olx))
        return self.runtime.get_block(vertical.children[0])

    def submit(self, block, response):
        self.set_user("student_1")
        with mock.patch.object(self.runtime, "publish") as publish:
            body = json.dumps({"response": response}).encode()
            return self.request(block, "submit", body, response_format="json"), publish

    def html(self, block):
        with translation.override("vi"):
            return block.render("student_view").content

    def test_renders_the_bank_stem_as_html_without_the_key(self):
        block = self.block(f'bank_question="{self.choice_uuid}" bank_version="1" weight="0.25"')
        html = self.html(block)
        assert "Giá trị của <b>2 + 3</b> là?" in html
        assert "2 + 3 = 5" not in html and "#Đúng" not in html
        assert html.count('type="radio"') == 4

    def test_grades_by_the_pinned_version_even_after_the_bank_changes(self):
        block = self.block(f'bank_question="{self.choice_uuid}" bank_version="1" weight="0.25"')
        body = Question.objects.get(uuid=self.choice_uuid).current.body
        changed = {
            "choices": [
                dict(c, correct=not c["correct"]) if i < 2 else c for i, c in enumerate(body["choices"])
            ]
        }
        _new_version(self.choice_uuid, stem="Giá trị của 2 + 4 là?", body=changed)
        assert "2 + 3" in self.html(block)
        result, publish = self.submit(block, 0)  # "5", right in version 1 only
        assert (result["earned"], result["correct_option"]) == (0.25, 0)
        assert "<i>2 + 3 = 5</i>" in result["explanation"]
        publish.assert_called_once_with(block, "grade", {"value": 0.25, "max_value": 0.25})

    def test_without_a_version_the_current_one_is_shown(self):
        _new_version(self.choice_uuid, stem="Giá trị của 2 + 4 là?")
        assert "2 + 4" in self.html(self.block(f'bank_question="{self.choice_uuid}"'))

    def test_a_missing_question_says_so_and_grades_nothing(self):
        block = self.block('bank_question="0b7c1d5e-1111-4222-8333-944445555666"')
        with translation.override("vi"):
            assert "không" in self.html(block).lower()
        result, publish = self.submit(block, 0)
        assert "error" in result and block.response is None
        publish.assert_not_called()

    def test_olx_keeps_only_the_reference(self):
        block = self.block(f'bank_question="{self.choice_uuid}" bank_version="1"')
        node = etree.Element("root")
        block.add_xml_to_node(node)
        assert node.get("bank_question") == self.choice_uuid and node.get("bank_version") == "1"
        assert node.find("stem") is None

    def studio_save(self, block, values):
        self.set_user("author")
        request = webob.Request.blank(
            "/", method="POST", body=json.dumps({"values": values, "defaults": []}).encode()
        )
        return self.runtime.handle(block, "submit_studio_edits", request)

    def test_studio_pins_the_current_version_on_save(self):
        _new_version(self.choice_uuid, stem="Giá trị của 2 + 4 là?")
        block = self.block(*INLINE)
        response = self.studio_save(block, {"bank_question": f" {self.choice_uuid} "})
        assert response.status_code == 200, response.body
        assert (block.bank_question, block.bank_version) == (self.choice_uuid, 2)

    def test_studio_refuses_an_unknown_id_an_essay_and_a_bad_inline_question(self):
        block = self.block(*INLINE)
        with translation.override("vi"):
            unknown = self.studio_save(block, {"bank_question": "not-a-question"})
            essay = self.studio_save(block, {"bank_question": self.essay_uuid})
            inline = self.studio_save(
                block, {"stem": "?", "body": {"choices": [{"text": "1", "correct": False}] * 2}}
            )
        assert [r.status_code for r in (unknown, essay, inline)] == [400, 400, 400]
        texts = [
            " ".join(m["text"] for m in json.loads(r.body)["error"]["messages"])
            for r in (unknown, essay, inline)
        ]
        assert "ngân hàng câu hỏi" in texts[0]
        assert "tự luận" in texts[1]
        assert texts[2].startswith("Câu hỏi:") and "đang có 0" in texts[2]
        assert block.bank_question == "" and block.stem == "?"  # nothing saved


@pytest.mark.django_db
def test_studio_editor_lists_the_fields():
    runtime = WorkbenchRuntime("author")
    olx = '<vn_question><stem>?</stem><option>1</option><option correct="true">2</option></vn_question>'
    block = runtime.get_block(runtime.parse_xml_string(olx))
    html = block.render("studio_view").content
    assert 'data-field-name="bank_question"' in html and 'data-field-name="stem"' in html
