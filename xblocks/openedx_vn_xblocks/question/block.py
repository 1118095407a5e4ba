"""Question block (câu hỏi): multiple choice, đúng/sai statements, short answer. Thin: rules live elsewhere.

The question is authored inline (OLX or Studio's editor) or taken from the question bank by id, pinned to a
version so that later edits in the bank never change what students answered. Types, reading and grading
answers: ``types.py`` (grading from ``qbank.api``); OLX: ``qbank.api.parse_question``/``write_question``.
The key never reaches the browser before the student submits.
"""

from contextlib import suppress
from functools import cached_property

from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from lxml import etree
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Any as AnyField
from xblock.fields import Dict, Float, Integer, Scope, String
from xblock.utils.resources import ResourceLoader
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from openedx_vn.core.math import MATH_CLASSES, add_math
from openedx_vn.qbank import api as qbank_api
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
    "missing": _("This question is not available: ask your teacher."),
}


def _safe(html):
    """Sanitised HTML, safe to put in the page."""
    return mark_safe(qbank_api.clean_html(html))  # noqa: S308 - cleaned by nh3 just now


def _question_node(content):
    node = etree.Element("vn_question")
    write_question(node, content, etree.SubElement)
    return node


@XBlock.needs("i18n")
class QuestionBlock(StudioEditableXBlockMixin, XBlock):
    """One question of a Vietnamese test, graded once by the national rules."""

    display_name = String(display_name=_("Display name"), default=_("Question"), scope=Scope.settings)
    weight = Float(display_name=_("Points"), default=1.0, scope=Scope.settings)
    bank_question = String(
        display_name=_("Question from the bank"),
        help=_("The id of a question in a question bank; leave empty to write the question here."),
        default="",
        scope=Scope.settings,
    )
    bank_version = Integer(
        display_name=_("Version of the bank question"),
        help=_("Filled in when you save: students see this version even if the bank question changes later."),
        default=None,
        scope=Scope.settings,
    )
    question_type = String(
        display_name=_("Question type"),
        default=types.MULTIPLE_CHOICE,
        scope=Scope.content,
        values=types.TYPES,
    )
    stem = String(display_name=_("Question"), default="", scope=Scope.content, multiline_editor="html")
    # The question bank's shape, key included (docs/decisions/0006).
    body = Dict(display_name=_("Options and key"), default={"choices": []}, scope=Scope.content)
    explanation = String(
        display_name=_("Explanation"), default="", scope=Scope.content, multiline_editor="html"
    )

    response = AnyField(default=None, scope=Scope.user_state)
    earned = Float(default=None, scope=Scope.user_state)

    has_score = True
    icon_class = "problem"
    editable_fields = (
        "display_name",
        "weight",
        "bank_question",
        "bank_version",
        "question_type",
        "stem",
        "body",
        "explanation",
    )

    def max_score(self):
        return self.weight

    @property
    def i18n(self):
        return self.runtime.service(self, "i18n")

    @cached_property
    def content(self):
        """The ``QuestionContent`` from the bank (pinned version) or inline; ``None`` if the bank lacks it."""
        if self.bank_question:
            try:
                return qbank_api.get_question_content(self.bank_question, self.bank_version)[0]
            except LookupError:
                return None
        return QuestionContent(self.question_type, self.stem, self.body, self.explanation)

    def ugettext(self, text):  # the Studio editor's translation hook
        return self.i18n.gettext(text)

    # ------------------------------------------------------------------ views
    def student_view(self, context=None):
        content = self.content
        if content is None or content.question_type not in types.TYPES:
            return Fragment(f'<p class="vn-question-missing">{self.i18n.gettext(ERRORS["missing"])}</p>')
        answered = self.response is not None
        context = {
            "block": self,
            "math_classes": MATH_CLASSES,
            "title": self.i18n.gettext(self.display_name),
            "type": content.question_type,
            # Texts are HTML (bank content is sanitised at import; inline OLX text is sanitised here too).
            "stem": _safe(content.stem),
            "public": types.public(content.question_type, content.body, _safe),
            "answered": answered,
            # Only after submission: the key and the explanation (lời giải).
            "result": self._result() if answered else None,
            "points": f"{points_text(self.earned)} / {points_text(self.weight)}" if answered else "",
        }
        frag = Fragment(
            loader.render_django_template("templates/question.html", context, i18n_service=self.i18n)
        )
        frag.add_css(loader.load_unicode("static/css/question.css"))
        add_math(frag)
        frag.add_javascript(loader.load_unicode("static/js/question.js"))
        frag.initialize_js("VnQuestionBlock")
        return frag

    # --------------------------------------------------------------- handlers
    @XBlock.json_handler
    def submit(self, data, suffix=""):
        """Grade the answer once; a repeated submission returns the first result unchanged."""
        content = self.content
        if content is None or content.question_type not in types.TYPES:
            return {"error": self.i18n.gettext(ERRORS["missing"])}
        if self.response is None:
            try:
                response = types.read_response(content.question_type, content.body, data)
            except types.InvalidResponse as exc:
                return {"error": self.i18n.gettext(ERRORS[str(exc)])}
            score = types.grade(content.question_type, content.body, response, self.weight)
            self.response, self.earned = response, score.earned
            self.runtime.publish(self, "grade", {"value": score.earned, "max_value": score.possible})
        return self._result()

    def _result(self):
        content = self.content
        return {
            "type": content.question_type,
            "response": self.response,
            "earned": self.earned,
            "possible": self.weight,
            "is_correct": self.earned is not None and self.earned >= self.weight,
            "explanation": str(_safe(content.explanation)),  # HTML, sanitised
            **types.reveal(content.question_type, content.body),
        }

    # ----------------------------------------------------------------- Studio
    def clean_studio_edits(self, data):
        """A bank question is pinned to its current version when the author saves without choosing one."""
        ref = (data.get("bank_question") or "").strip()
        if "bank_question" in data:
            data["bank_question"] = ref
        if ref and data.get("bank_version") is None:
            with suppress(LookupError):  # reported by validate_field_data
                data["bank_version"] = qbank_api.get_question_content(ref)[1]

    def validate_field_data(self, validation, data):
        def error(text):
            validation.add(ValidationMessage(ValidationMessage.ERROR, self.i18n.gettext(text)))

        if data.bank_question:
            try:
                content, _number = qbank_api.get_question_content(data.bank_question, data.bank_version)
            except LookupError:
                error(_("No question with this id (and version) in the question bank."))
                return
            if content.question_type not in types.TYPES:
                error(_("Essay questions cannot be answered in this block."))
            return
        content = QuestionContent(data.question_type, data.stem, data.body, data.explanation)
        try:  # the inline question must read back from OLX: one set of rules for both
            parse_question(_question_node(content))
        except (QuestionOLXError, KeyError, TypeError, AttributeError) as exc:
            label = self.i18n.gettext(_("Question:"))
            validation.add(ValidationMessage(ValidationMessage.ERROR, f"{label} {exc}"))

    # -------------------------------------------------------------------- OLX
    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = runtime.construct_xblock_from_class(cls, keys)
        for name, value in node.items():
            if name in cls.fields and cls.fields[name].scope == Scope.settings:
                setattr(block, name, cls.fields[name].from_string(value))
        if block.bank_question and node.find("stem") is None:
            return block  # <vn_question bank_question="…" bank_version="3"/>: the content is the bank's
        try:
            content = parse_question(node)
        except QuestionOLXError as exc:
            message = block.i18n.gettext(_("The question <{tag} url_name={name!r}> is malformed: {error}"))
            raise QuestionOLXError(
                message.format(tag=node.tag, name=node.get("url_name", "?"), error=exc)
            ) from exc
        block.question_type, block.stem = content.question_type, content.stem
        block.body, block.explanation = content.body, content.explanation
        return block

    def add_xml_to_node(self, node):
        node.tag = self.scope_ids.block_type
        for name in ("display_name", "weight", "bank_question", "bank_version"):
            if self.fields[name].is_set_on(self):
                node.set(name, self.fields[name].to_string(getattr(self, name)))
        if not self.bank_question:
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
            (
                "Câu hỏi có công thức (Toán 9)",
                """<vertical_demo>
                  <vn_question display_name="Câu 4" weight="0.25">
                    <stem>Tập nghiệm của bất phương trình $x^2 - 7x + 12 &lt; 0$ là khoảng nào?
                      Biết [mathjaxinline]\\sqrt{0,83} \\approx 0,911[/mathjaxinline] và
                      $$\\frac{6}{8} = 0,75$$</stem>
                    <option>\\((-\\infty; 3)\\)</option>
                    <option correct="true">\\((3; 4)\\)</option>
                    <option>$(4; +\\infty)$</option>
                    <option>[mathjax](3; 4]^c[/mathjax]</option>
                    <explanation>$x^2 - 7x + 12 = (x - 3)(x - 4) &lt; 0 \\iff 3 &lt; x &lt; 4$;
                      $0,5 + 0,25 = 0,75$.</explanation>
                  </vn_question>
                </vertical_demo>""",
            ),
        ]
