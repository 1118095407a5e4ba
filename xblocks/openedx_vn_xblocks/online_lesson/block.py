"""Online lesson block (bài học trực tuyến, TT 09/2021): one online lesson of a course unit.

The teacher sets when it happens, the periods it counts towards the online-teaching share, the mode (live
or self-paced), the form (supporting or replacing in-person teaching) and how students join: a meeting link
(https) or an LTI 1.3 tool. Students' visits (self-paced) or joins (live) are recorded as attendance; saving
the settings in Studio records the lesson as an online session of every class linked to the course. All of
that goes through ``sessions.py`` (teaching, curriculum and schools APIs); dates and links: ``schedule.py``.

LTI 1.3: the block does not speak LTI. The author puts lti-consumer-xblock's ``lti_consumer`` component in the
same unit and picks it here; its own view launches the tool. Our "Join" button records attendance and then
presses that component's launch button (or scrolls to its inline frame). See ``lti.py`` and README.md for
why this is the least coupled choice that works in the LMS.
"""

from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Boolean, Integer, Scope, String
from xblock.utils.resources import ResourceLoader
from xblock.utils.studio_editable import StudioEditableXBlockMixin
from xblock.validation import ValidationMessage

from openedx_vn_xblocks.online_lesson import lti, schedule, sessions
from openedx_vn_xblocks.online_lesson.people import current_person, django_user, person_of_user

loader = ResourceLoader(__name__)

LIVE, SELF_PACED = "live", "self_paced"
SUPPORTING, REPLACING = "supporting", "replacing"
MAX_PERIODS = 10  # more than a school day holds: a typo, not a lesson
MAX_MINUTES = 600


def _(text):
    """Mark a string for extraction; it is translated at render time through the i18n service."""
    return text


MODES = {LIVE: _("Live (students and teacher online at the same time)"), SELF_PACED: _("Self-paced")}
FORMS = {
    SUPPORTING: _("Supporting in-person teaching"),
    REPLACING: _("Replacing in-person teaching"),
}
MODE_TITLES = {LIVE: _("Live online lesson"), SELF_PACED: _("Self-paced online lesson")}


def _choices(labels):
    return lambda block: [
        {"display_name": block.i18n.gettext(text), "value": key} for key, text in labels.items()
    ]


def _tool_choices(block):
    none = [{"display_name": block.i18n.gettext(_("No LTI tool")), "value": ""}]
    return none + [{"display_name": f"{name} ({ref})", "value": ref} for ref, name in lti.choices(block)]


@XBlock.needs("i18n")
@XBlock.wants("user")
class OnlineLessonBlock(StudioEditableXBlockMixin, XBlock):
    """An online lesson students join or study, counted towards the class's online-teaching share."""

    display_name = String(display_name=_("Display name"), default=_("Online lesson"), scope=Scope.settings)
    subject_code = String(
        display_name=_("Subject"),
        help=_(
            "Curriculum code of the subject, e.g. TOAN; leave empty for the subject the course is linked to."
        ),
        default="",
        scope=Scope.settings,
    )
    lesson_date = String(
        display_name=_("Date"), help=_("dd/mm/yyyy, e.g. 16/03/2026"), default="", scope=Scope.settings
    )
    start_time = String(
        display_name=_("Start time"),
        help=_("hh:mm, Vietnam time (needed for a live lesson), e.g. 07:30"),
        default="",
        scope=Scope.settings,
    )
    duration = Integer(
        display_name=_("Duration (minutes)"),
        default=45,
        scope=Scope.settings,
        values={"min": 1, "max": MAX_MINUTES},
    )
    periods = Integer(
        display_name=_("Periods counted"),
        help=_("How many periods of the subject this lesson counts for in the online-teaching share."),
        default=1,
        scope=Scope.settings,
        values={"min": 1, "max": MAX_PERIODS},
    )
    mode = String(display_name=_("Mode"), default=LIVE, scope=Scope.settings, values_provider=_choices(MODES))
    form = String(
        display_name=_("Form"),
        help=_(
            "TT 09/2021: online teaching supports in-person lessons, or replaces them if students can't come."
        ),
        default=SUPPORTING,
        scope=Scope.settings,
        values_provider=_choices(FORMS),
    )
    meeting_link = String(
        display_name=_("Meeting link"),
        help=_("https address of the online class (Zoom, Google Meet, Microsoft Teams...)."),
        default="",
        scope=Scope.settings,
    )
    lti_tool = String(
        display_name=_("LTI 1.3 tool"),
        help=_(
            "An LTI component (LTI Consumer) in this unit that opens the online class, instead of a link."
        ),
        default="",
        scope=Scope.settings,
        values_provider=_tool_choices,
    )
    note = String(
        display_name=_("Note for students"),
        help=_("What to study and do, e.g. for a self-paced lesson: watch the video, then do the exercises."),
        default="",
        scope=Scope.settings,
        multiline_editor=True,
    )

    attended = Boolean(default=False, scope=Scope.user_state)
    # The student's class when the course serves several: asked once, then kept for every online lesson
    # (preferences: one value per student for all blocks of this type). The platform has no class roster.
    student_class = Integer(default=None, scope=Scope.preferences)

    icon_class = "video"
    editable_fields = (
        "display_name",
        "subject_code",
        "lesson_date",
        "start_time",
        "duration",
        "periods",
        "mode",
        "form",
        "meeting_link",
        "lti_tool",
        "note",
    )

    @property
    def i18n(self):
        return self.runtime.service(self, "i18n")

    def ugettext(self, text):  # the Studio editor's translation hook
        return self.i18n.gettext(text)

    @property
    def usage_key(self):
        """The key teaching.api files the sessions and attendance under (the same in Studio and the LMS)."""
        return sessions.usage_key_of(self)

    # ------------------------------------------------------------------ views
    def student_view(self, context=None):
        return self._render(preview=False)

    def author_view(self, context=None):
        """Studio: what students see, without recording anything, and the teacher's panel."""
        return self._render(preview=True)

    def _render(self, preview):
        gettext = self.i18n.gettext
        person = current_person(self)
        staff = preview or person.is_staff
        join, tool = self._join()
        context = {
            "block": self,
            "title": gettext(self.display_name),
            "kind": gettext(MODE_TITLES.get(self.mode, MODE_TITLES[LIVE])),
            "live": self.mode == LIVE,
            "when": self._when(),
            "periods": self.i18n.ngettext("{count} period", "{count} periods", self.periods).format(
                count=self.periods
            ),
            "join": join,
            "link": self.meeting_link if join == "link" else "",
            "tool_usage": str(tool.scope_ids.usage_id) if tool else "",
            # Self-paced lessons count a visit; so does a live lesson whose tool opens inline with the page.
            "attend_on_view": self.mode == SELF_PACED or getattr(tool, "launch_target", "") == "iframe",
            "attended": self.attended,
            "class_choices": [] if preview or self.attended else self._class_choices(),
            "preview": preview,
            "teacher": self._teacher_panel(person) if staff else None,
        }
        frag = Fragment(
            loader.render_django_template("templates/online_lesson.html", context, i18n_service=self.i18n)
        )
        frag.add_css(loader.load_unicode("static/css/online_lesson.css"))
        frag.add_javascript(loader.load_unicode("static/js/online_lesson.js"))
        frag.initialize_js("VnOnlineLessonBlock")
        return frag

    def _class_choices(self):
        """The linked classes to choose from, when the student must say which is theirs; else []."""
        classes = sessions.course_classes(self).classes
        if len(classes) < 2 or self.student_class in {c.id for c in classes}:
            return []
        return [{"id": c.id, "name": c.name} for c in classes]

    def _student_class(self, chosen, classes):
        """The class the attendance counts for: the only linked class, or the student's (chosen now or
        before) when it is one of the linked classes; None when the student must choose."""
        ids = [c.id for c in classes]
        if len(ids) == 1:
            return ids[0]
        for candidate in (chosen, self.student_class):
            if isinstance(candidate, int) and not isinstance(candidate, bool) and candidate in ids:
                return candidate
        return None

    def _join(self):
        """How students join: ("link" | "lti" | "", the LTI component or None)."""
        if self.lti_tool:
            tool = lti.find_tool(self, self.lti_tool)
            if tool is not None and not lti.problems(tool):
                return "lti", tool
            return "", None
        return ("link" if self.meeting_link else ""), None

    def _when(self):
        """{"date": "16/03/2026", "start": "07:30", "end": "08:15", "minutes": 45}; {} when not set right."""
        try:
            start = schedule.starts_at(self.lesson_date, self.start_time)
        except schedule.Invalid:
            return {}
        end = schedule.ends_at(start, self.duration)
        timed = bool(self.start_time.strip())
        return {
            "date": schedule.format_date(start),
            "start": schedule.format_time(start) if timed else "",
            "end": schedule.format_time(end) if timed else "",
            "minutes": self.duration,
        }

    def _teacher_panel(self, person):
        """Teacher-only data: the form, each class's attendance so far, what stops the lesson counting."""
        gettext = self.i18n.gettext
        found = sessions.course_classes(self)
        warnings = [gettext(text).format(**values) for text, values in found.warnings]
        try:
            classes = sessions.attendance_by_class(self, django_user(person), found)
        except sessions.NotRecorded as exc:
            classes = []
            warnings.append(gettext(exc.text).format(**exc.values))
        return {
            "form": gettext(FORMS.get(self.form, FORMS[SUPPORTING])),
            "classes": classes,
            "warnings": warnings,
        }

    # --------------------------------------------------------------- handlers
    @XBlock.json_handler
    def attend(self, data, suffix=""):
        """Record the current student's attendance once (idempotent here and in teaching.api)."""
        gettext = self.i18n.gettext
        person = current_person(self)
        if self.attended:
            return {"recorded": True, "message": gettext(_("Your attendance is recorded."))}
        if person.user_id is None:
            return {"recorded": False, "message": gettext(_("Sign in so that your attendance is recorded."))}
        if person.is_staff:
            return {"recorded": False, "message": ""}  # teachers are not counted as present
        classes = sessions.course_classes(self).classes
        class_id = self._student_class(data.get("class_id") if isinstance(data, dict) else None, classes)
        if class_id is None and len(classes) > 1:
            return {
                "recorded": False,
                "choose_class": True,
                "message": gettext(_("Choose your class first.")),
            }
        try:
            sessions.record_attendance(self, person.user_id, class_id)
        except sessions.NotRecorded as exc:
            return {"recorded": False, "message": gettext(exc.text).format(**exc.values)}
        self.attended = True
        if class_id is not None:
            self.student_class = class_id
        return {"recorded": True, "message": gettext(_("Your attendance is recorded."))}

    @XBlock.json_handler
    def record_session(self, data, suffix=""):
        """Course staff: record the session of every linked class now (e.g. after linking the course)."""
        person = current_person(self)
        if not person.is_staff or person.user_id is None:
            raise JsonHandlerError(403, self.i18n.gettext(_("Only the course's teachers can do this.")))
        return self._record_sessions(person.user_id)

    @XBlock.json_handler
    def submit_studio_edits(self, data, suffix=""):
        """Studio's editor: save the settings (the mixin validates them), then record the sessions."""
        result = StudioEditableXBlockMixin.submit_studio_edits.__wrapped__(self, data, suffix)
        return {**result, **self._record_sessions(current_person(self).user_id)}

    def editor_saved(self, user, old_metadata, old_content):
        """Studio's other save path (OLX/advanced editor) calls this hook with the Django user."""
        self._record_sessions(person_of_user(user).user_id)

    def _record_sessions(self, teacher_user_id):
        try:
            recorded = sessions.record_block_sessions(self, teacher_user_id)
        except sessions.NotRecorded as exc:
            return {"sessions": 0, "message": self.i18n.gettext(exc.text).format(**exc.values)}
        count = len(recorded)
        text = self.i18n.ngettext(
            "The session is recorded for {count} class.",
            "The session is recorded for {count} classes.",
            count,
        )
        return {"sessions": count, "message": text.format(count=count)}

    # ----------------------------------------------------------------- Studio
    def clean_studio_edits(self, data):
        for name in ("display_name", "subject_code", "meeting_link", "lti_tool"):
            if name in data and isinstance(data[name], str):
                data[name] = data[name].strip()
        if isinstance(data.get("subject_code"), str):
            data["subject_code"] = data["subject_code"].upper()
        if "lesson_date" in data:
            data["lesson_date"] = schedule.normalise_date(data["lesson_date"])
        if "start_time" in data:
            data["start_time"] = schedule.normalise_time(data["start_time"])

    def validate_field_data(self, validation, data):
        """Every problem is an error naming its field: "Date: write the date as dd/mm/yyyy, …"."""
        for field, text in self._field_problems(data):
            label = self.i18n.gettext(self.fields[field].display_name)
            validation.add(ValidationMessage(ValidationMessage.ERROR, f"{label}: {text}"))

    def validate(self):
        """Studio's unit page: the field errors, plus what keeps the lesson from counting (warnings)."""
        validation = super().validate()
        for text, values in sessions.course_classes(self).warnings:
            message = self.i18n.gettext(text).format(**values)
            validation.add(ValidationMessage(ValidationMessage.WARNING, message))
        return validation

    def _field_problems(self, data):
        """(field, translated problem) for each wrong value of ``data`` (the block or the editor's values)."""
        gettext = self.i18n.gettext
        found = []
        if not (data.display_name or "").strip():
            found.append(("display_name", gettext(_("give the lesson a name"))))
        subject_problem = sessions.subject_problem(self, data.subject_code)
        if subject_problem:
            found.append(("subject_code", gettext(subject_problem[0]).format(**subject_problem[1])))
        try:
            schedule.parse_date(data.lesson_date)
        except schedule.Invalid as exc:
            found.append(("lesson_date", gettext(str(exc))))
        if (data.start_time or "").strip() or data.mode == LIVE:
            try:
                schedule.parse_time(data.start_time)
            except schedule.Invalid as exc:
                found.append(("start_time", gettext(str(exc))))
        found += self._number_problems(data)
        if data.mode not in MODES:
            found.append(("mode", gettext(_("choose live or self-paced"))))
        if data.form not in FORMS:
            found.append(("form", gettext(_("choose supporting or replacing in-person teaching"))))
        if data.meeting_link:
            try:
                schedule.check_link(data.meeting_link)
            except schedule.Invalid as exc:
                found.append(("meeting_link", gettext(str(exc))))
        if data.lti_tool:
            if data.meeting_link:
                found.append(
                    ("lti_tool", gettext(_("choose either a meeting link or an LTI tool, not both")))
                )
            for what, text in lti.problems(lti.find_tool(self, data.lti_tool)):
                where = f"{gettext(what)}: " if what else ""
                found.append(("lti_tool", where + gettext(text)))
        elif data.mode == LIVE and not data.meeting_link:
            found.append(("meeting_link", gettext(_("a live lesson needs a meeting link or an LTI tool"))))
        return found

    def _number_problems(self, data):
        gettext = self.i18n.gettext
        found = []
        for field, low, high in (("duration", 1, MAX_MINUTES), ("periods", 1, MAX_PERIODS)):
            value = getattr(data, field)
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                message = gettext(_("a whole number from {low} to {high}")).format(low=low, high=high)
                found.append((field, message))
        return found

    # -------------------------------------------------------------- workbench
    @staticmethod
    def workbench_scenarios():
        return [
            (
                "Bài học trực tuyến trực tiếp (Toán 6, có đường link)",
                """<vertical_demo>
                  <vn_online_lesson display_name="Ôn tập phân số" subject_code="TOAN"
                      lesson_date="16/03/2026" start_time="07:30" duration="45" periods="1"
                      mode="live" form="supporting" meeting_link="https://meet.google.com/abc-defg-hij"
                      note="Chuẩn bị vở ghi và máy tính cầm tay."/>
                </vertical_demo>""",
            ),
            (
                "Bài học trực tuyến tự học (Ngữ văn 6)",
                """<vertical_demo>
                  <vn_online_lesson display_name="Đọc hiểu: Bài học đường đời đầu tiên" subject_code="NGUVAN"
                      lesson_date="18/03/2026" duration="90" periods="2" mode="self_paced" form="replacing"
                      note="Xem video bài giảng, đọc văn bản trong sách giáo khoa, trả lời câu hỏi."/>
                </vertical_demo>""",
            ),
        ]
