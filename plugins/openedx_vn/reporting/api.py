"""Public Python API of vn_reporting: teachers' digital-skills training (which courses count, who finished
them in which school year) and the digital-transformation evidence (QĐ 4725/QĐ-BGDĐT) per school and area.

Every report is scope-checked through ``schools.api.get_scope``: operators see every school, province
officers their province, commune officers their commune's schools, school leaders their schools. Teachers
and students get ``ReportingScopeError``.
"""

from fractions import Fraction
from functools import cache

import yaml
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

from openedx_vn.assessment import api as assessment_api
from openedx_vn.qbank import api as qbank_api
from openedx_vn.reporting.data import Criterion, EvidenceRow, TrainingCourseInfo, TrainingRow
from openedx_vn.reporting.models import TrainingCompletion, TrainingCourse
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api as teaching_api
from openedx_vn_data import data_file

__all__ = [
    "Criterion",
    "EvidenceRow",
    "ReportingError",
    "ReportingScopeError",
    "TrainingCourseInfo",
    "TrainingRow",
    "can_mark_courses",
    "criteria",
    "decision",
    "evidence_report",
    "list_training_courses",
    "mark_training_course",
    "record_completion",
    "training_report",
    "unmark_training_course",
]


class ReportingError(ValueError):
    """Bad input; the message (Vietnamese in the interface) names it."""


class ReportingScopeError(PermissionError):
    """The user may not read or change this report."""


# ------------------------------------------------------------------ training courses
def can_mark_courses(user):
    """True for operators, staff and province officers: they decide which courses train teachers."""
    scope = schools_api.get_scope(user)
    return scope.everything or bool(scope.province_codes)


def _course_key(value):
    try:
        return str(CourseKey.from_string(str(value).strip()))
    except InvalidKeyError:
        raise ReportingError(
            _("%(key)r is not a course key (write it as course-v1:Org+Code+Run)") % {"key": str(value)[:80]}
        ) from None


def mark_training_course(user, course_key, title=""):
    """Mark a course run as teachers' digital-skills training; returns its ``TrainingCourseInfo``.
    Raises ``ReportingScopeError`` (not an officer) or ``ReportingError`` (malformed key)."""
    if not can_mark_courses(user):
        raise ReportingScopeError(_("Only province officers and operators mark training courses."))
    key = _course_key(course_key)
    row, _created = TrainingCourse.objects.update_or_create(
        course_key=key, defaults={"title": str(title).strip()[:255], "marked_by": user.pk}
    )
    return TrainingCourseInfo(row.course_key, row.title)


def unmark_training_course(user, course_key):
    """Stop counting a course as training; completions already recorded stay. True when it was marked."""
    if not can_mark_courses(user):
        raise ReportingScopeError(_("Only province officers and operators mark training courses."))
    deleted, _rows = TrainingCourse.objects.filter(course_key=_course_key(course_key)).delete()
    return bool(deleted)


def list_training_courses():
    """``[TrainingCourseInfo]`` of the marked courses, by key."""
    return [TrainingCourseInfo(c.course_key, c.title) for c in TrainingCourse.objects.order_by("course_key")]


def record_completion(user_id, course_key, at, source):
    """Record that ``user_id`` passed ``course_key`` at ``at`` (aware), when it is a training course, in the
    school year holding that day (in the summer after a year: the next one). Idempotent per teacher × course ×
    school year. True when recorded."""
    key = str(course_key)
    if not TrainingCourse.objects.filter(course_key=key).exists():
        return False
    day = timezone.localdate(at)
    year = schools_api.current_school_year(on=day)
    if year is None:
        return False
    name = year.name
    if day > year.ends_on:
        # Summer training prepares the coming year (whether or not it is set up yet): it counts there.
        first = int(name[:4]) + 1
        name = f"{first}-{first + 1}"
    try:
        with transaction.atomic():
            _row, created = TrainingCompletion.objects.get_or_create(
                user_id=user_id,
                course_key=key,
                school_year=name,
                defaults={"completed_at": at, "source": source},
            )
    except IntegrityError:  # the other event for the same pass, at the same moment
        return False
    return created


# ------------------------------------------------------------------ scope and roll-up
def _schools(user, commune=None):
    """The schools of the user's report: officers' and operators' scope, or the schools a leader leads."""
    scope = schools_api.get_scope(user)
    officer = scope.everything or scope.province_codes or scope.commune_codes
    if not officer and not scope.led_school_codes:
        raise ReportingScopeError(_("These reports are for school leaders, officers and operators."))
    schools = schools_api.schools_in_scope(user, commune=commune or None)
    if commune:  # a commune's report, as its area page: the schools it manages, not the province's THPT
        schools = [s for s in schools if s.reports_to == "commune"]
    if not officer:
        schools = [s for s in schools if s.code in scope.led_school_codes]
    return schools


def _year_name(year):
    if year:
        return year
    current = schools_api.current_school_year()
    if current is None:
        raise ReportingError(_("No school year is set up yet."))
    return current.name


def _groups(schools):
    """Communes of the report with their schools (THPT schools report to the province: their own group)."""
    groups = {}
    for school in schools:
        key = (school.commune_code, school.commune_name) if school.reports_to == "commune" else ("", "")
        groups.setdefault(key, []).append(school)
    return sorted(groups.items(), key=lambda item: (item[0][0] == "", item[0][1]))


# ------------------------------------------------------------------ training report
def training_report(user, commune=None, year=None):
    """``(school rows, commune rows, total row)`` of teachers trained in ``year`` (default: the current school
    year) against all teachers of each school. A teacher of two schools counts in each, once in a total.
    Raises ``ReportingScopeError`` or ``ReportingError``."""
    schools = _schools(user, commune)
    name = _year_name(year)
    teachers = {s.code: {t[0] for t in schools_api.teachers_of_school(s.code)} for s in schools}
    everyone = set().union(*teachers.values()) if teachers else set()
    trained = set(
        TrainingCompletion.objects.filter(school_year=name, user_id__in=list(everyone)).values_list(
            "user_id", flat=True
        )
    )

    def row(code, school_name, commune_code, commune_name, ids):
        return TrainingRow(code, school_name, commune_code, commune_name, len(ids), len(ids & trained))

    rows = [row(s.code, s.name, s.commune_code, s.commune_name, teachers[s.code]) for s in schools]
    communes = [
        row("", "", key[0], key[1], set().union(*(teachers[s.code] for s in group)))
        for key, group in _groups(schools)
    ]
    return rows, communes, row("", "", "", "", everyone)


# ------------------------------------------------------------------ evidence (QĐ 4725)
@cache
def _criteria_file():
    return yaml.safe_load(data_file("reporting", "dti_criteria.yaml").read_text(encoding="utf-8"))


def decision():
    """The decision the criteria come from: ``{"reference", "date", "title"}``."""
    return dict(_criteria_file()["decision"])


def criteria():
    """``[Criterion]`` our figures answer, as shipped (numbers and texts unverified until an operator
    corrects the data file)."""
    return [
        Criterion(
            key=c["key"],
            number=str(c["number"]) if c.get("number") is not None else None,
            text=c["text"],
            verified=bool(c.get("verified")),
            figures=tuple(c["figures"]),
        )
        for c in _criteria_file()["criteria"]
    ]


def evidence_report(user, commune=None, year=None):
    """``(school rows, commune rows, total row)`` of the figures each criterion cites, per school and rolled
    up: online periods against planned (teaching.api), teachers trained (this app), questions in the school
    banks (qbank.api), online tests held and students who sat them (assessment.api)."""
    schools = _schools(user, commune)
    name = _year_name(year)
    codes = [s.code for s in schools]
    summary = teaching_api.schools_summary(user, commune or None, year=name)
    shares = {r.school_code: r.overall.figure for r in summary}
    questions = qbank_api.questions_per_school(codes)
    tests = assessment_api.online_tests_per_school(codes, name)
    training = {r.school_code: r for r in training_report(user, commune, name)[0]}

    def figures(group):
        planned = sum(shares[s.code].planned for s in group if s.code in shares)
        online = sum(shares[s.code].online for s in group if s.code in shares)
        teachers = sum(training[s.code].teachers for s in group)
        trained = sum(training[s.code].trained for s in group)
        return {
            "online_planned": planned,
            "online_periods": online,
            "online_share": _ratio(online, planned),
            "training_share": _ratio(trained, teachers),
            "bank_questions": sum(questions.get(s.code, 0) for s in group),
            "online_tests": sum(tests.get(s.code, (0, 0))[0] for s in group),
            "students_tested": sum(tests.get(s.code, (0, 0))[1] for s in group),
        }

    rows = [EvidenceRow(s.code, s.name, s.commune_code, s.commune_name, figures([s])) for s in schools]
    communes = [EvidenceRow("", "", key[0], key[1], figures(group)) for key, group in _groups(schools)]
    return rows, communes, EvidenceRow("", "", "", "", figures(schools))


def _ratio(part, whole):
    return Fraction(part, whole) if whole else None
