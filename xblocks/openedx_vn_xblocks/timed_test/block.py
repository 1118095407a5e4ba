"""Timed online test block (bài kiểm tra trực tuyến): a test generated from a blueprint, sat online.

The teacher generates the test (ma trận đề → đề with its versions, in the assessment app) and puts its id in
this block. Each student gets a version; the server keeps the deadline and every answer, saved as it is given
through the assessment app's REST endpoints (``/vn/assessment/api/v1/attempts/<test>/…``), which the page's
code calls directly: one small request per answer instead of a course load per XBlock handler call. The block
renders the start page and names where the score goes: the assessment app gives the LMS gradebook every change
of it through edx-submissions, from the worker (ADR 0019); the block never calls ``runtime.publish``.
Keys and explanations reach the browser only when the review opens (``assessment.api.attempt_view``).
Assessment calls: ``exams.py``; texts of the page's code: ``texts.py``.
"""

from django.utils.html import escape, json_script
from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Float, Scope, String
from xblock.utils.resources import ResourceLoader
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from openedx_vn.core.math import MATH_CLASSES, add_math
from openedx_vn_xblocks.online_lesson.people import current_person, django_user
from openedx_vn_xblocks.timed_test import exams, texts

loader = ResourceLoader(__name__)

# The demo test `make dev` generates (config/devhost/demo_assessment.py gives it this id).
DEMO_EXAM_UUID = "f8cd6045-2b3d-4e76-9cf2-72a8522baea4"


def _(text):
    """Mark a string for extraction; it is translated at render time through the i18n service."""
    return text


MISSING = _("This test is not available: ask your teacher.")
# The assessment app's tables are missing (migrations not applied): staff are told what to run.
NOT_INSTALLED = _("This test is not available right now.")
NOT_INSTALLED_STAFF = _(
    "Tests cannot be shown: the tests app's tables are missing on this site. An operator must run "
    "./manage.py lms migrate (with Tutor: tutor local do init)."
)


@XBlock.needs("i18n")
@XBlock.wants("user")
class TimedTestBlock(StudioEditableXBlockMixin, XBlock):
    """A timed test of the assessment app, sat online; graded out of 10 by the national rules."""

    display_name = String(display_name=_("Display name"), default=_("Online test"), scope=Scope.settings)
    exam_uuid = String(
        display_name=_("Test"),
        help=_("The id of a test generated from a blueprint (shown on the test's page in the tests app)."),
        default="",
        scope=Scope.settings,
    )
    weight = Float(
        display_name=_("Weight"),
        help=_("How many points the test is worth in the course grade; empty: its score out of 10."),
        default=None,
        scope=Scope.settings,
        values={"min": 0},
    )

    has_score = True
    icon_class = "problem"
    editable_fields = ("display_name", "exam_uuid", "weight")

    def max_score(self):
        """10, or 0 while no existing test is set (a misplaced block must not lower anyone's grade)."""
        return exams.max_score(self.exam_uuid)

    @property
    def i18n(self):
        return self.runtime.service(self, "i18n")

    def ugettext(self, text):  # the Studio editor's translation hook
        return self.i18n.gettext(text)

    # ------------------------------------------------------------------ views
    def student_view(self, context=None):
        """The start page; the attempt page and the result are built by the page's code from the REST
        answers. The attempt learns here (and at the start, through the ticket) where its score goes."""
        person = current_person(self)
        try:
            info = exams.summary(self.exam_uuid)
        except exams.NotInstalled:
            return self._missing(NOT_INSTALLED_STAFF if person.is_staff else NOT_INSTALLED)
        if info is None:
            return self._missing()
        user = django_user(person)
        place = exams.place_of(self)
        attempt = exams.attempt_of(info.uuid, person.user_id)
        if user is not None and attempt is not exams.NO_ATTEMPT:
            exams.link_gradebook(info.uuid, user, place)
        config = {
            "exam": info.uuid,
            "user_id": person.user_id,
            "username": user.get_username() if user else "",
            "state": attempt.status,
            "urls": exams.urls(info.uuid),
            "ticket": exams.ticket(info.uuid, person.user_id, place),
            "closes_at": exams.format_moment(info.closes_at),
            "decimal_separator": exams.decimal_separator(info),
            "require_fullscreen": info.require_fullscreen,
            **texts.translated(self.i18n.gettext),
        }
        frag = self._render(info, attempt, config, signed_in=person.user_id is not None)
        add_math(frag)  # before the block's code, which typesets with it
        for script in (
            "timed_test_saving.js",
            "timed_test_review.js",
            "timed_test_integrity.js",
            "timed_test.js",
        ):
            frag.add_javascript(loader.load_unicode(f"static/js/{script}"))
        frag.initialize_js("VnTimedTestBlock")
        return frag

    def author_view(self, context=None):
        """Studio: the test's title, time and window, without starting anything."""
        try:
            info = exams.summary(self.exam_uuid)
        except exams.NotInstalled:
            return self._missing(NOT_INSTALLED_STAFF)
        if info is None:
            return self._missing()
        return self._render(info, exams.NO_ATTEMPT, None, signed_in=False, preview=True)

    def _missing(self, message=MISSING):
        text = escape(self.i18n.gettext(message))
        return Fragment(f'<div class="vn-timed-test"><p class="vn-tt-missing">{text}</p></div>')

    def _render(self, info, attempt, config, signed_in, preview=False):
        gettext = self.i18n.gettext
        separator = exams.decimal_separator(info)
        context = {
            "title": gettext(self.display_name),
            "exam": info,
            "minutes": gettext(_("%(minutes)s minutes")) % {"minutes": info.minutes},
            "window": self._window(info),
            "state": attempt.status,
            "closed": attempt.closed,
            "can_start": exams.is_open(info),
            "signed_in": signed_in,
            "preview": preview,
            "score": exams.decimal_text(attempt.score, separator),
            "config": json_script(config, f"vn-tt-config-{self._dom_id()}") if config else "",
            "math_classes": MATH_CLASSES,
            "require_fullscreen": info.require_fullscreen,
            "offline_seconds": exams.LONG_OFFLINE_SECONDS,
        }
        frag = Fragment(
            loader.render_django_template("templates/timed_test.html", context, i18n_service=self.i18n)
        )
        frag.add_css(loader.load_unicode("static/css/timed_test.css"))
        return frag

    def _dom_id(self):
        return "".join(c if c.isalnum() else "-" for c in str(self.scope_ids.usage_id))

    def _window(self, info):
        """When students may start: "from … to …", "until …", "from …"; "" when at any time."""
        gettext = self.i18n.gettext
        start, end = exams.format_moment(info.opens_at), exams.format_moment(info.closes_at)
        if start and end:
            return gettext(_("from %(start)s to %(end)s")) % {"start": start, "end": end}
        if end:
            return gettext(_("until %(end)s")) % {"end": end}
        if start:
            return gettext(_("from %(start)s")) % {"start": start}
        return ""

    # ----------------------------------------------------------------- Studio
    def clean_studio_edits(self, data):
        for name in ("display_name", "exam_uuid"):
            if isinstance(data.get(name), str):
                data[name] = data[name].strip()

    def validate_field_data(self, validation, data):
        """Every problem is an error naming its field: "Test: there is no test with this id."."""
        for field, text in self._field_problems(data):
            label = self.i18n.gettext(self.fields[field].display_name)
            validation.add(ValidationMessage(ValidationMessage.ERROR, f"{label}: {self.i18n.gettext(text)}"))

    def _field_problems(self, data):
        found = []
        if not (data.display_name or "").strip():
            found.append(("display_name", _("give the test a name")))
        exam = (data.exam_uuid or "").strip()
        if not exam:
            found.append(("exam_uuid", _("paste the id of a test generated from a blueprint")))
        else:
            try:
                if exams.summary(exam) is None:
                    found.append(("exam_uuid", _("there is no test with this id")))
            except exams.NotInstalled:
                found.append(
                    ("exam_uuid", _("the tests app's tables are missing: run ./manage.py lms migrate"))
                )
        weight = data.weight
        if weight is not None and (
            isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0
        ):
            found.append(("weight", _("a number of points, 0 or more")))
        return found

    # -------------------------------------------------------------- workbench
    @staticmethod
    def workbench_scenarios():
        # Sign in at /accounts/login/ as hocsinh1 (or hocsinh2) and open the scenario with ?student=hocsinh1:
        # the page's REST calls act for the signed-in user, the block for ?student=.
        return [
            (
                "Bài kiểm tra trực tuyến (Toán 10, đề demo)",
                f"""<vertical_demo>
                  <vn_timed_test display_name="Kiểm tra giữa học kì I – Toán 10"
                      exam_uuid="{DEMO_EXAM_UUID}" weight="10"/>
                </vertical_demo>""",
            ),
        ]
