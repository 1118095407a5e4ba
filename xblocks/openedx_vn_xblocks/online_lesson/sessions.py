"""The lesson's only door to the apps: the course link (curriculum.api), the classes (schools.api), and the
online sessions and attendance (teaching.api).

Problems that keep a lesson from counting are returned as (source text, values) pairs: the block translates
them through its i18n service, so Studio and the LMS show them in the author's language.
"""

import unicodedata
from dataclasses import dataclass

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api as teaching_api
from openedx_vn_xblocks.online_lesson import schedule


def _(text):
    """Mark a string for extraction; the block translates it through the i18n service."""
    return text


NOT_LINKED = _(
    "Link this course to a school and classes first: until then this lesson does not count towards the "
    "online-teaching share."
)


class NotRecorded(Exception):
    """The session or the attendance could not be recorded; ``text`` (source) and ``values`` say why."""

    def __init__(self, text, **values):
        super().__init__(text.format(**values))
        self.text, self.values = text, values


@dataclass(frozen=True)
class CourseClasses:
    """The course run of a lesson, its link and the classes found for it, with what is wrong."""

    course_key: str | None
    link: object | None  # curriculum CourseLinkInfo
    classes: tuple = ()  # schools ClassInfo, in the link's order
    warnings: tuple = ()  # (source text, values)


def _stable(key):
    """The key as the LMS writes it: Studio's keys carry the draft branch and a version, which would make
    the session recorded on save (Studio) and the attendance (LMS) name two different blocks."""
    if hasattr(key, "version_agnostic"):
        key = key.version_agnostic()
    if hasattr(key, "for_branch"):
        key = key.for_branch(None)
    return str(key)


def usage_key_of(block):
    return _stable(block.scope_ids.usage_id)


def course_key_of(block):
    """The course run key of a block: from its usage key in the LMS and Studio, else the runtime's
    ``course_id`` (the LMS sets it on every block; the SDK workbench sets a fixed one when it renders)."""
    key = getattr(block.scope_ids.usage_id, "course_key", None) or getattr(block, "course_id", None)
    return _stable(key) if key else None


def _name(text):
    return unicodedata.normalize("NFC", text).strip().casefold()


def course_classes(block):
    """``CourseClasses`` of the block's course; never raises for a course that is not set up yet."""
    key = course_key_of(block)
    link = None
    if key:
        try:
            link = curriculum_api.get_course_link(key)
        except curriculum_api.InvalidCourseLink:
            link = None  # not a course run (a content library): nothing to link
    if link is None:
        return CourseClasses(key, None, warnings=((NOT_LINKED, {}),))
    try:
        known = {_name(c.name): c for c in schools_api.list_classes(link.school_code, link.school_year)}
    except schools_api.SchoolsError:
        known = {}
    classes = tuple(known[_name(name)] for name in link.class_names if _name(name) in known)
    missing = [name for name in link.class_names if _name(name) not in known]
    warnings = ()
    if missing:
        text = _(
            "These classes of the course link are not in the class list of school {school} for {year}: "
            "{names}. The lesson does not count for them."
        )
        warnings = (
            (text, {"school": link.school_code, "year": link.school_year, "names": ", ".join(missing)}),
        )
    return CourseClasses(key, link, classes, warnings)


def subject_problem(block, code):
    """(source text, values) when ``code`` is not a subject the lesson can count for; None when it is (or
    when it is empty: the course link's subject is used)."""
    if not code:
        return None
    link = course_classes(block).link
    try:
        offered = curriculum_api.get_subjects(
            grade=link.grade if link else None, version=link.version_key if link else None
        )
    except curriculum_api.CurriculumError:
        return None  # no program loaded: nothing to check against
    if any(subject.code == code for subject in offered):
        return None
    if link:
        return _("{code} is not taught in grade {grade}"), {"code": code, "grade": link.grade}
    return _("{code} is not a subject of the curriculum (e.g. TOAN, NGUVAN)"), {"code": code}


def record_block_sessions(block, teacher_user_id):
    """Record (or update) the lesson as an online session of each linked class, taught by ``teacher_user_id``
    (None: unknown); returns teaching's ``SessionInfo`` list. Raises ``NotRecorded`` when the course is not
    linked, the teacher unknown or the settings wrong."""
    found = course_classes(block)
    if found.link is None:
        raise NotRecorded(NOT_LINKED)
    if not found.classes:
        text, values = found.warnings[0]
        raise NotRecorded(text, **values)
    if teacher_user_id is None:
        raise NotRecorded(_("The session was not recorded: sign in as the course's teacher."))
    try:
        starts_at = schedule.starts_at(block.lesson_date, block.start_time)
    except schedule.Invalid as exc:
        raise NotRecorded(str(exc)) from exc
    try:
        return teaching_api.record_block_session(
            usage_key=block.usage_key,
            course_key=found.course_key,
            class_ids=[c.id for c in found.classes],
            subject_code=block.subject_code or found.link.subject_code,
            teacher_user_id=teacher_user_id,
            starts_at=starts_at,
            periods=block.periods,
            mode=block.mode,
            form=block.form,
            meeting_url=block.meeting_link,
        )
    except teaching_api.TeachingError as exc:
        raise NotRecorded(_("The session was not recorded: {reason}"), reason=str(exc)) from exc


def record_attendance(block, user_id, class_id=None):
    """Record that ``user_id`` (of class ``class_id`` when the lesson serves several) attended the lesson;
    idempotent. Raises ``NotRecorded`` when teaching refuses it (e.g. no session recorded yet)."""
    try:
        teaching_api.record_attendance(block.usage_key, user_id, class_id=class_id)
    except teaching_api.TeachingError as exc:  # its reason is for the teacher, not the student
        raise NotRecorded(_("Attendance is not open yet: tell your teacher.")) from exc


def attendance_by_class(block, user, found=None):
    """For the teacher ``user`` (a Django user): [{"name", "size", "present", "recorded", "counted"}] of each
    linked class, in the link's order, as teaching.api lets this user see them (scope-checked there); raises
    ``NotRecorded`` when the user may not see the linked school at all."""
    found = found or course_classes(block)
    if not found.classes:
        return []
    if user is None or not schools_api.can_view_school(user, found.link.school_code):
        raise NotRecorded(
            _("Ask the leader of school {school} for the teacher role to see this lesson's attendance."),
            school=found.link.school_code,
        )
    subject = block.subject_code or found.link.subject_code
    rows = []
    for info in found.classes:
        listed = teaching_api.list_sessions(user, class_id=info.id, subject_code=subject)
        session = next((s for s in listed if s.usage_key == block.usage_key), None)
        rows.append(
            {
                "name": info.name,
                "size": info.size,
                "present": (session.evidence.attendance or 0) if session else 0,
                "recorded": session is not None,
                "counted": bool(session and session.counted),
            }
        )
    return rows
