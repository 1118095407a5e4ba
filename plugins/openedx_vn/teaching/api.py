"""Public Python API of the teaching app: enrolment copies, teaching plans, online sessions, the share.

Functions that return data take the user (a Django user, or a ``schools.api.Scope``) and answer within their
scope: ``ScopeError`` when the object is not theirs to see (views answer 404), ``SessionPermissionError`` /
``ActionError`` when they see it but may not do that (403). ``user=None`` on ``set_plan``/``list_plans`` and
the block functions is a trusted caller (a command, a task, the lesson block's server side).
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

from openedx_vn.core.compat import get_course_title
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import (
    access,
    areas,
    blocks,
    importing,
    organisation,
    plans,
    policies,
    recompute,
    sessions,
    shares,
)
from openedx_vn.teaching.data import (
    AreaReport,
    AreaRow,
    ClassRow,
    EnrollmentChange,
    EnrollmentSummary,
    Evidence,
    ImportProblem,
    ImportReport,
    PlanInfo,
    PolicyChangeInfo,
    PolicyInfo,
    RecomputeCounts,
    SchoolGrid,
    SchoolShareRow,
    SchoolSummary,
    SessionInfo,
    ShareCellInfo,
    ShareFigure,
    ShareStatus,
    ShareSummary,
    TeacherRow,
    TrendPoint,
    UnitSummary,
)
from openedx_vn.teaching.errors import (
    ActionError,
    PlanError,
    ScopeError,
    SessionError,
    SessionImportError,
    SessionPermissionError,
    TeachingError,
)
from openedx_vn.teaching.models import EnrollmentRecord
from openedx_vn.teaching.organisation import UnknownYear
from openedx_vn.teaching.policy import PolicyError

__all__ = [
    "ActionError",
    "AreaReport",
    "AreaRow",
    "ClassRow",
    "EnrollmentChange",
    "EnrollmentSummary",
    "Evidence",
    "ImportProblem",
    "ImportReport",
    "PlanError",
    "PlanInfo",
    "PolicyError",
    "PolicyChangeInfo",
    "PolicyInfo",
    "RecomputeCounts",
    "SchoolGrid",
    "SchoolShareRow",
    "SchoolSummary",
    "ScopeError",
    "SessionError",
    "SessionImportError",
    "SessionInfo",
    "SessionPermissionError",
    "ShareCellInfo",
    "ShareFigure",
    "ShareStatus",
    "ShareSummary",
    "TeacherRow",
    "TeachingError",
    "TrendPoint",
    "UnitSummary",
    "UnknownYear",
    "approve_session",
    "can_edit_policy",
    "can_recompute",
    "class_subject_grid",
    "create_session",
    "delete_plan",
    "delete_session",
    "enqueue_recompute",
    "get_enrollment_summary",
    "get_policy",
    "get_session",
    "import_sessions",
    "list_enrollment_summaries",
    "list_plans",
    "list_sessions",
    "record_attendance",
    "record_block_session",
    "record_enrollment",
    "recompute_shares",
    "reject_session",
    "remove_block_sessions",
    "school_summary",
    "schools_summary",
    "session_import_template",
    "set_plan",
    "policy_scope_for",
    "set_policy",
    "submit_session",
    "teacher_overview",
    "unit_summary",
    "area_report",
    "update_session",
    "weekly_trend",
    "lessons_attended",
]


def _course_key(value):
    try:
        return value if isinstance(value, CourseKey) else CourseKey.from_string(str(value))
    except InvalidKeyError as exc:
        raise TeachingError(_("Not a course run key: {value!r}").format(value=value)) from exc


def record_enrollment(change):
    """Create or update the enrolment record for ``change`` (an ``EnrollmentChange``).

    Idempotent: the same change applied twice leaves one record. Returns True when a record was created.
    """
    _, created = EnrollmentRecord.objects.update_or_create(
        user_id=change.user_id,
        course_key=_course_key(change.course_key),
        defaults={
            "username": change.username,
            "mode": change.mode,
            "is_active": change.is_active,
        },
        create_defaults={
            "username": change.username,
            "mode": change.mode,
            "is_active": change.is_active,
            "enrolled_at": change.at,
        },
    )
    return created


def _summaries(records):
    rows = (
        records.values("course_key")
        .annotate(total=Count("id"), active=Count("id", filter=Q(is_active=True)))
        .order_by("course_key")
    )
    return [
        EnrollmentSummary(
            course_key=str(row["course_key"]),
            course_title=get_course_title(row["course_key"]),
            active=row["active"],
            total=row["total"],
        )
        for row in rows
    ]


def get_enrollment_summary(course_key):
    """Return an ``EnrollmentSummary`` of a course run; raise ``TeachingError`` for a malformed key."""
    key = _course_key(course_key)
    found = _summaries(EnrollmentRecord.objects.filter(course_key=key))
    return found[0] if found else EnrollmentSummary(str(key), get_course_title(key), active=0, total=0)


def list_enrollment_summaries():
    """Return an ``EnrollmentSummary`` for every course run with enrolment records, by course key."""
    return _summaries(EnrollmentRecord.objects.all())


# ------------------------------------------------------------------------------------------------ plans
def set_plan(class_id, subject_code, year=None, planned_periods=None, planned_online_periods=None, user=None):
    """Create or replace a class × subject's plan; ``planned_periods`` defaults to the curriculum's yearly
    periods of the grade and subject (current program version). ``user`` must lead the school (None: a
    trusted caller). Returns ``PlanInfo``; raises ``PlanError`` naming each wrong field."""
    return plans.set_plan(class_id, subject_code, year, planned_periods, planned_online_periods, user)


def delete_plan(class_id, subject_code, user=None):
    """Remove a plan; True when there was one."""
    return plans.delete_plan(class_id, subject_code, user)


def list_plans(school_code, year=None, user=None):
    """``[PlanInfo]`` of a school in a year (default: current), by class and subject; with ``user``, what
    they may see (``ScopeError`` otherwise; a teacher: their own assignments)."""
    return plans.list_plans(school_code, year, user)


# --------------------------------------------------------------------------------------------- sessions
def record_block_session(
    usage_key,
    course_key,
    class_ids,
    subject_code,
    teacher_user_id,
    starts_at,
    periods,
    mode,
    form,
    meeting_url="",
):
    """Create or update the online-lesson block's session of each class (idempotent per usage key × class);
    returns ``[SessionInfo]`` (status "recorded"; counted once attendance meets the policy). Raises
    ``SessionError`` naming the wrong field (a date outside the class's school year, say)."""
    return blocks.record_block(
        usage_key,
        course_key,
        class_ids,
        subject_code,
        teacher_user_id,
        starts_at,
        periods,
        mode,
        form,
        meeting_url,
    )


def remove_block_sessions(usage_key, class_ids=None):
    """Remove a block's sessions (of ``class_ids``, default all) and their attendance; returns how many."""
    return blocks.remove_block(usage_key, class_ids)


def record_attendance(usage_key, user_id, class_id=None):
    """Record a student's visit to a block session (idempotent per usage key × student). ``class_id``: the
    student's class, needed when the block serves several. Raises ``SessionError``."""
    blocks.record_visit(usage_key, user_id, class_id)


def create_session(user, **fields):
    """A manual session in draft: ``class_id, subject_code, starts_at, periods, mode, form, attendance, url,
    recording`` (and ``teacher_user_id`` for a school leader entering a teacher's session). Raises
    ``SessionError`` (a wrong field, or the same class, subject and start recorded already)."""
    return sessions.create(user, fields)


def update_session(user, session_id, **fields):
    """Edit a draft or rejected session (it goes back to draft)."""
    return sessions.update(user, session_id, fields)


def submit_session(user, session_id):
    """Draft or rejected → submitted, by its teacher or the school leader."""
    return sessions.submit(user, session_id)


def approve_session(user, session_id):
    """Submitted → approved: it counts. Only the school's leader (``SessionPermissionError`` otherwise)."""
    return sessions.approve(user, session_id)


def reject_session(user, session_id, reason):
    """Submitted → rejected with a reason. Only the school's leader."""
    return sessions.reject(user, session_id, reason)


def delete_session(user, session_id):
    """Delete a manual or imported session (its teacher before approval, the school leader always)."""
    sessions.delete(user, session_id)


def get_session(user, session_id):
    """``SessionInfo`` of a session in the user's scope; ``ScopeError`` otherwise."""
    return sessions.get(user, session_id)


def list_sessions(
    user,
    school_code=None,
    class_id=None,
    status=None,
    year=None,
    teacher_user_id=None,
    subject_code=None,
    limit=500,
    offset=0,
):
    """``[SessionInfo]`` in the user's scope, newest first, filtered; ``limit`` rows from ``offset``."""
    return sessions.listing(
        user, school_code, class_id, status, year, teacher_user_id, subject_code, limit, offset
    )


def import_sessions(content, filename, user, dry_run=False):
    """Import sessions from CSV/XLSX bytes, all or nothing; they wait for the leader's approval. Returns
    ``ImportReport``; raises ``SessionImportError`` whose ``problems`` name file, row and column."""
    return importing.run(content, filename, user, dry_run)


def session_import_template(kind="xlsx"):
    """``(bytes, content type, filename)`` of the session import template ("xlsx" or "csv")."""
    return importing.template(kind)


# ----------------------------------------------------------------------------------------------- policy
def get_policy(year=None, province_code="", commune_code=""):
    """``PolicyInfo`` of a school year (default: the current one) in a scope: the deployment default, a
    province, or a commune (its override, or what it inherits). The policy is not secret. Raises
    ``PolicyError`` (field "province"/"commune") for an unknown unit."""
    name = organisation.year_info(year).name
    try:
        return policies.info(name, province_code, commune_code)
    except schools_api.SchoolsError as exc:
        field = "commune" if commune_code else "province"
        raise PolicyError(
            _("%(field)s: no such unit %(code)r") % {"field": field, "code": commune_code or province_code},
            field,
        ) from exc


def can_edit_policy(user, province_code="", commune_code=""):
    """Who changes a scope's policy: the deployment default, operators and platform staff; a province's
    policy and its communes' overrides, also that province's officers (an officer of another province, a
    commune officer, a leader or a teacher: never)."""
    scope = access.scope_of(user)
    if scope.everything:
        return True
    if commune_code:
        unit = schools_api.get_unit(commune_code, "commune")
        return unit is not None and unit.parent_code in scope.province_codes
    return bool(province_code) and province_code in scope.province_codes


def policy_scope_for(user, province_code="", commune_code=""):
    """The scope a policy request is about: as given, or, when none is given, the province of an officer of
    exactly one province (an operator's: the deployment default)."""
    if province_code or commune_code:
        return province_code, commune_code
    scope = access.scope_of(user)
    if not scope.everything and len(scope.province_codes) == 1:
        return next(iter(scope.province_codes)), ""
    return "", ""


def set_policy(user, year, data, province_code="", commune_code=""):
    """Store the policy of a school year in a scope (``Policy.as_dict()`` shape, every school level with a
    target above 0 and at most 100%); ``PolicyError`` names the wrong field, ``ActionError`` refuses a user
    who may not change that scope. The change (who, when, before, after) is kept and audited. When the
    counting rules change the year's figures turn provisional and a recompute is queued."""
    province_code, commune_code = policy_scope_for(user, province_code, commune_code)
    get_policy(year, province_code, commune_code)  # unknown year or unit: named
    if not can_edit_policy(user, province_code, commune_code):
        raise ActionError(_("Only the officers of this province and operators change this policy"))
    name = organisation.year_info(year).name
    user_id = getattr(access.scope_of(user), "user_id", None)
    info, recount = policies.save(name, data, user_id, province_code, commune_code)
    if recount:
        transaction.on_commit(lambda: _queue(name))
    return info


# ----------------------------------------------------------------------------------------------- shares
def class_subject_grid(user, school_code, year=None, on=None):
    """``SchoolGrid`` of a school (a teacher: their own class × subjects); ``on``: the day read (today)."""
    return shares.class_subject_grid(user, school_code, year, on)


def school_summary(user, school_code, year=None, on=None):
    """``SchoolSummary``: per level and overall, for the school's leaders, officers and operators."""
    return shares.school_summary(user, school_code, year, on)


def schools_summary(user, unit_code=None, level=None, year=None, order="gap", on=None):
    """``[SchoolShareRow]`` of the schools in the user's scope (in a commune or province), furthest behind
    their target first."""
    return shares.schools_summary(user, unit_code, level, year, order, on)


def area_report(user, unit_code, year=None, on=None):
    """``AreaReport`` of a commune or ward, or a province: totals per level against the targets, its communes
    (province), schools, status counts, weekly trend per level, the schools furthest behind. Raises
    ``ScopeError``."""
    return areas.area_report(user, unit_code, year, on)


def unit_summary(user, unit_code=None, year=None, on=None):
    """``UnitSummary`` of a commune (its schools reporting to it) or a province, per level and overall."""
    return shares.unit_summary(user, unit_code, year, on)


def weekly_trend(user, school_code=None, class_id=None, year=None, on=None):
    """``[TrendPoint]``: the cumulative share of a school or class week by week."""
    return shares.weekly_trend(user, school_code, class_id, year, on)


def teacher_overview(user, year=None, on=None):
    """``[TeacherRow]``: the user's own classes × subjects with their shares and sessions by status."""
    return shares.teacher_overview(user, year, on)


def recompute_shares(year=None):
    """Recompute a school year's cells from scratch (default: the current year); ``RecomputeCounts``."""
    return recompute.recompute(year)


def can_recompute(user):
    """Operators and platform staff start a recompute."""
    return access.scope_of(user).everything


def enqueue_recompute(user, year=None):
    """Queue the Celery recompute of a year for an operator; returns ``(task id, year name)``."""
    if not can_recompute(user):
        raise ActionError(_("Only operators start a recompute"))
    name = organisation.year_info(year).name
    return _queue(name), name


def _queue(year):
    from openedx_vn.teaching.tasks import recompute_shares as task  # noqa: PLC0415 - tasks import this module

    return task.delay(year).id


def lessons_attended(user_id):
    """The online lessons a student attended (block visits), oldest first: ``(starts_at, subject_code)``
    pairs, for the student's and parents' progress pages (practice app)."""
    from openedx_vn.teaching.models import SessionAttendance  # noqa: PLC0415

    rows = SessionAttendance.objects.filter(user_id=int(user_id)).order_by("session__starts_at")
    return list(rows.values_list("session__starts_at", "session__subject_code"))
