"""Multiple-choice question block (câu hỏi trắc nghiệm). Thin: grading lives in the question-bank app."""

from lxml import etree
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Float, Integer, List, Scope, String
from xblock.utils.resources import ResourceLoader

from openedx_vn.qbank import api as qbank_api
from openedx_vn_xblocks.question.olx import QuestionContent, QuestionOLXError, parse_question, write_question

loader = ResourceLoader(__name__)


def _(text):
    """Mark a string for extraction; it is translated at render time through the i18n service."""
    return text


@XBlock.needs("i18n")
class QuestionBlock(XBlock):
    """A multiple-choice question with one correct option. The key stays on the server until submission."""

    display_name = String(display_name=_("Display name"), default=_("Question"), scope=Scope.settings)
    weight = Float(display_name=_("Points"), default=1.0, scope=Scope.settings)
    stem = String(default="", scope=Scope.content)
    options = List(default=[], scope=Scope.content)
    correct = Integer(default=0, scope=Scope.content)
    explanation = String(default="", scope=Scope.content)

    selected = Integer(default=None, scope=Scope.user_state)
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
        context = {
            "block": self,
            "title": self.i18n.gettext(self.display_name),
            "options": list(enumerate(self.options)),
            "answered": self.selected is not None,
            # Only after submission: the key and the explanation (lời giải).
            "result": self._result() if self.selected is not None else None,
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
        """Grade the chosen option once; a repeated submission returns the first result unchanged."""
        if self.selected is None:
            choice = data.get("selected") if isinstance(data, dict) else None
            if not isinstance(choice, int) or isinstance(choice, bool) or not 0 <= choice < len(self.options):
                return {"error": self.i18n.gettext("Choose one of the options before submitting.")}
            score = qbank_api.score_multiple_choice(choice, self.correct, points=self.weight)
            self.selected, self.earned = choice, score.earned
            self.runtime.publish(self, "grade", {"value": score.earned, "max_value": score.possible})
        return self._result()

    def _result(self):
        return {
            "selected": self.selected,
            "correct_option": self.correct,
            "is_correct": self.selected == self.correct,
            "earned": self.earned,
            "possible": self.weight,
            "explanation": self.explanation,
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
        block.stem, block.options = content.stem, list(content.options)
        block.correct, block.explanation = content.correct, content.explanation
        return block

    def add_xml_to_node(self, node):
        node.tag = self.scope_ids.block_type
        for name in ("display_name", "weight"):
            if self.fields[name].is_set_on(self):
                node.set(name, self.fields[name].to_string(getattr(self, name)))
        content = QuestionContent(self.stem, tuple(self.options), self.correct, self.explanation)
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
        ]
