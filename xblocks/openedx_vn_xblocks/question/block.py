"""Question block (câu hỏi): multiple choice, đúng/sai statements, short answer. Thin: rules live elsewhere.

Types, reading and grading answers: ``types.py`` (grading from ``qbank.api``); OLX: ``olx.py``.
The key never reaches the browser before the student submits.
"""

from django.utils.formats import get_format
from lxml import etree
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Any as AnyField
from xblock.fields import Dict, Float, Scope, String
from xblock.utils.resources import ResourceLoader

from openedx_vn.qbank.api import QuestionContent, QuestionOLXError, parse_question, write_question
from openedx_vn_xblocks.question import types

loader = ResourceLoader(__name__)


def _(text):
    """Mark a string for extraction; it is translated at render time through the i18n service."""
    return text


def points_text(value):
    """0.5 → "0,5" in Vietnamese (the active language's decimal separator), 1.0 → "1"."""
    return f"{value:g}".replace(".", get_format("DECIMAL_SEPARATOR"))


ERRORS = {
    "choose": _("Choose one of the options before submitting."),
    "judge": _("Mark every statement true or false before submitting."),
    "write": _("Write your answer before submitting."),
}


@XBlock.needs("i18n")
class QuestionBlock(XBlock):
    """One question of a Vietnamese test, graded once by the national rules."""

    display_name = String(display_name=_("Display name"), default=_("Question"), scope=Scope.settings)
    weight = Float(display_name=_("Points"), default=1.0, scope=Scope.settings)
    question_type = String(default=types.MULTIPLE_CHOICE, scope=Scope.content, values=types.TYPES)
    stem = String(default="", scope=Scope.content)
    body = Dict(default={"choices": []}, scope=Scope.content)  # the question bank's shape, key included
    explanation = String(default="", scope=Scope.content)

    response = AnyField(default=None, scope=Scope.user_state)
    earned = Float(default=None, scope=Scope.user_state)

    has_score = True
    icon_class = "problem"

    def max_score(self):
        return self.weight

    @property
    def i18n(self):
        return self.runtime.service(self, "i18n")

    # ------------------------------------------------------------------ views
    def student_view(self, context=None):
        answered = self.response is not None
        context = {
            "block": self,
            "title": self.i18n.gettext(self.display_name),
            "type": self.question_type,
            "public": types.public(self.question_type, self.body),
            "answered": answered,
            # Only after submission: the key and the explanation (lời giải).
            "result": self._result() if answered else None,
            "points": f"{points_text(self.earned)} / {points_text(self.weight)}" if answered else "",
        }
        frag = Fragment(
            loader.render_django_template("templates/question.html", context, i18n_service=self.i18n)
        )
        frag.add_css(loader.load_unicode("static/css/question.css"))
        frag.add_javascript(loader.load_unicode("static/js/question.js"))
        frag.initialize_js("VnQuestionBlock")
        return frag

    # --------------------------------------------------------------- handlers
    @XBlock.json_handler
    def submit(self, data, suffix=""):
        """Grade the answer once; a repeated submission returns the first result unchanged."""
        if self.response is None:
            try:
                response = types.read_response(self.question_type, self.body, data)
            except types.InvalidResponse as exc:
                return {"error": self.i18n.gettext(ERRORS[str(exc)])}
            score = types.grade(self.question_type, self.body, response, self.weight)
            self.response, self.earned = response, score.earned
            self.runtime.publish(self, "grade", {"value": score.earned, "max_value": score.possible})
        return self._result()

    def _result(self):
        return {
            "type": self.question_type,
            "response": self.response,
            "earned": self.earned,
            "possible": self.weight,
            "is_correct": self.earned is not None and self.earned >= self.weight,
            "explanation": self.explanation,
            **types.reveal(self.question_type, self.body),
        }

    # -------------------------------------------------------------------- OLX
    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = runtime.construct_xblock_from_class(cls, keys)
        for name, value in node.items():
            if name in cls.fields and cls.fields[name].scope == Scope.settings:
                setattr(block, name, cls.fields[name].from_string(value))
        try:
            content = parse_question(node)
        except QuestionOLXError as exc:
            raise QuestionOLXError(f"<{node.tag} url_name={node.get('url_name', '?')!r}>: {exc}") from exc
        block.question_type, block.stem = content.question_type, content.stem
        block.body, block.explanation = content.body, content.explanation
        return block

    def add_xml_to_node(self, node):
        node.tag = self.scope_ids.block_type
        for name in ("display_name", "weight"):
            if self.fields[name].is_set_on(self):
                node.set(name, self.fields[name].to_string(getattr(self, name)))
        content = QuestionContent(self.question_type, self.stem, self.body, self.explanation)
        write_question(node, content, etree.SubElement)

    # -------------------------------------------------------------- workbench
    @staticmethod
    def workbench_scenarios():
        return [
            (
                "Câu hỏi trắc nghiệm (Toán 6)",
                """<vertical_demo>
                  <vn_question display_name="Câu 1" weight="0.25">
                    <stem>Phân số nào bằng 1/2?</stem>
                    <option>2/3</option>
                    <option correct="true">3/6</option>
                    <option>2/5</option>
                    <option>4/6</option>
                    <explanation>3/6 = (3 : 3)/(6 : 3) = 1/2.</explanation>
                  </vn_question>
                </vertical_demo>""",
            ),
            (
                "Câu hỏi đúng/sai (Toán 6)",
                """<vertical_demo>
                  <vn_question display_name="Câu 2" type="true_false_cluster" weight="1">
                    <stem>Cho phân số 6/8. Mỗi khẳng định sau đúng hay sai?</stem>
                    <statement correct="true">a) 6/8 = 3/4.</statement>
                    <statement correct="false">b) 6/8 là phân số tối giản.</statement>
                    <statement correct="true">c) 6/8 &gt; 1/2.</statement>
                    <statement correct="false">d) 6/8 = 0,68.</statement>
                    <explanation>6/8 = 3/4 = 0,75.</explanation>
                  </vn_question>
                </vertical_demo>""",
            ),
            (
                "Câu hỏi trả lời ngắn (Toán 6)",
                """<vertical_demo>
                  <vn_question display_name="Câu 3" type="short_answer" weight="0.5">
                    <stem>Tính 1/2 - 2 (viết kết quả dạng số thập phân).</stem>
                    <answer kind="numeric" tolerance="0">-1,5</answer>
                    <explanation>1/2 - 2 = 0,5 - 2 = -1,5.</explanation>
                  </vn_question>
                </vertical_demo>""",
            ),
        ]
