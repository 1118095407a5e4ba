"""Adaptive practice (luyện tập thích ứng): one question at a time from the school's banks, chosen by the
learner model per learning outcome (``practice.api``, ADR 0015); immediate feedback with the explanation,
spaced review of mastered outcomes, "Đã thành thạo" at mastery.

Thin: the model, the choice and the reviews are ``practice.api``'s; grading is the question block's types
(``qbank.api`` rules). The question waiting for an answer is kept in the student's state on the server: the
browser gets its texts without the key, and the key only in the answer to a submission.
"""

import hashlib

from django.utils.safestring import mark_safe
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, List, Scope, String
from xblock.utils.resources import ResourceLoader
from xblock.utils.studio_editable import StudioEditableXBlockMixin

from openedx_vn.core.math import MATH_CLASSES, add_math
from openedx_vn.practice import api as practice_api
from openedx_vn.qbank import api as qbank_api
from openedx_vn_xblocks.practice import sources
from openedx_vn_xblocks.question import types

loader = ResourceLoader(__name__)


def _(text):
    """Mark a string for extraction; translated at render time through the i18n service."""
    return text


ERRORS = {
    "choose": _("Choose one of the options before submitting."),
    "judge": _("Mark every statement true or false before submitting."),
    "write": _("Write your answer before submitting."),
    "nothing": _("There is no question waiting: ask for the next one."),
}


def _safe(html):
    return mark_safe(qbank_api.clean_html(html))  # noqa: S308 - cleaned by nh3 just now


@XBlock.needs("i18n")
@XBlock.wants("user")
class PracticeBlock(StudioEditableXBlockMixin, XBlock):
    """Practice on learning outcomes until they are mastered; reviews come back when they are due."""

    display_name = String(display_name=_("Display name"), default=_("Practice"), scope=Scope.settings)
    outcomes = List(
        display_name=_("Learning outcomes"),
        help=_("Curriculum codes of the outcomes to practise; empty: every outcome of the course's subject."),
        default=[],
        scope=Scope.settings,
    )
    banks = List(
        display_name=_("Question banks"),
        help=_("Ids of the banks to draw from; empty: the banks shared in the course's school and province."),
        default=[],
        scope=Scope.settings,
    )
    show_mastery = Boolean(display_name=_("Show mastery to students"), default=True, scope=Scope.settings)
    pending = Dict(default={}, scope=Scope.user_state)  # the question asked, its outcome and model values

    editable_fields = ("display_name", "outcomes", "banks", "show_mastery")
    icon_class = "problem"

    @property
    def i18n(self):
        return self.runtime.service(self, "i18n")

    def ugettext(self, text):  # the Studio editor's translation hook
        return self.i18n.gettext(text)

    def _user_id(self):
        service = self.runtime.service(self, "user")
        user = service.get_current_user() if service else None
        found = user.opt_attrs.get("edx-platform.user_id") if user else None
        if found is not None:
            return int(found)
        # The workbench names students by a string: a stable number for the model's rows.
        digest = hashlib.sha256(str(self.scope_ids.user_id).encode()).digest()
        return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF

    def _course_key(self):
        return str(getattr(self.runtime, "course_id", "") or "")

    def _outcomes(self):
        return sources.outcomes(self.outcomes, self._course_key())

    # ------------------------------------------------------------------ views
    def student_view(self, context=None):
        codes = self._outcomes()
        progress = practice_api.outcome_progress(self._user_id(), codes)
        titles = practice_api.outcome_titles(codes)
        context = {
            "title": self.i18n.gettext(self.display_name),
            "math_classes": MATH_CLASSES,
            "show_mastery": self.show_mastery,
            "rows": [(titles[row.outcome_code], row) for row in progress],
            "empty": not codes,
        }
        frag = Fragment(
            loader.render_django_template("templates/practice.html", context, i18n_service=self.i18n)
        )
        frag.add_css(loader.load_unicode("static/css/practice.css"))
        add_math(frag)
        frag.add_javascript(loader.load_unicode("static/js/practice.js"))
        frag.initialize_js("VnPracticeBlock")
        return frag

    def _question_html(self, question):
        content, _number = qbank_api.get_question_content(question.question_uuid, question.version)
        context = {
            "type": content.question_type,
            "stem": _safe(content.stem),
            "public": types.public(content.question_type, content.body, _safe),
            "review": question.review,
            "outcome": practice_api.outcome_titles([question.outcome_code])[question.outcome_code],
        }
        return loader.render_django_template("templates/question.html", context, i18n_service=self.i18n)

    # --------------------------------------------------------------- handlers
    @XBlock.json_handler
    def next_question(self, data, suffix=""):
        """The waiting question again, or the next one the model chooses; ``done`` when nothing is left."""
        if self.pending:
            question = practice_api.NextQuestion(**self.pending)
        else:
            codes = self._outcomes()
            question = practice_api.next_question(
                self._user_id(), codes, sources.banks(self.banks, self._course_key())
            )
            if question is None:
                progress = practice_api.outcome_progress(self._user_id(), codes)
                if codes and all(row.status == "mastered" for row in progress):
                    text = _("You have mastered every outcome here. Come back when a review is due.")
                else:
                    text = _("There are no questions for these outcomes yet: ask your teacher.")
                return {"done": True, "message": self.i18n.gettext(text)}
            self.pending = question.__dict__.copy()
        return {"done": False, "html": self._question_html(question), "question": question.question_uuid}

    @XBlock.json_handler
    def submit(self, data, suffix=""):
        """Grade the waiting question, update the model, and only now reveal the key and the explanation."""
        if not self.pending:
            return {"error": self.i18n.gettext(ERRORS["nothing"])}
        question = practice_api.NextQuestion(**self.pending)
        content, _number = qbank_api.get_question_content(question.question_uuid, question.version)
        try:
            response = types.read_response(content.question_type, content.body, data)
        except types.InvalidResponse as exc:
            return {"error": self.i18n.gettext(ERRORS[str(exc)])}
        score = types.grade(content.question_type, content.body, response, 1.0)
        correct = score.earned >= score.possible
        result = practice_api.record_answer(self._user_id(), question, correct, self._course_key())
        self.pending = {}
        title = practice_api.outcome_titles([question.outcome_code])[question.outcome_code]
        return {
            "type": content.question_type,
            "response": response,
            "correct": correct,
            "explanation": str(_safe(content.explanation)),
            "mastery": round(result.mastery, 3),
            "mastered": result.mastered,
            "just_mastered": result.just_mastered,
            "outcome": question.outcome_code,
            "outcome_title": title,
            **types.reveal(content.question_type, content.body),
        }

    # -------------------------------------------------------------- workbench
    @staticmethod
    def workbench_scenarios():
        return [
            (
                "Luyện tập thích ứng (Toán 6: phân số, số thập phân)",
                """<vertical_demo>
                  <vn_practice display_name="Luyện tập: phân số và số thập phân"
                    outcomes='["TOAN.6.1.1.1", "TOAN.6.1.1.2"]'/>
                </vertical_demo>""",
            ),
        ]
