"""Teaching plans: per class × subject × school year, the planned periods (default: the curriculum's yearly
periods for the grade and subject, in the current program version) and the planned online periods."""

from django.db import transaction
from django.utils.translation import gettext as _

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.teaching import access, cells, organisation
from openedx_vn.teaching.data import PlanInfo
from openedx_vn.teaching.errors import PlanError
from openedx_vn.teaching.models import TeachingPlan


def info(row):
    return PlanInfo(
        id=row.pk,
        class_id=row.class_id,
        class_name=row.class_name,
        school_code=row.school_code,
        year=row.year,
        grade=row.grade,
        level=row.level,
        subject_code=row.subject_code,
        planned_periods=row.planned_periods,
        planned_online_periods=row.planned_online_periods,
        program_version=row.program_version,
    )


def _count(value, name, errors, minimum):
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors[name] = _("%(value)r is not a whole number") % {"value": value}
        return None
    if not minimum <= number <= 2000:
        errors[name] = _("%(number)s is not between %(minimum)s and 2000") % {
            "number": number,
            "minimum": minimum,
        }
        return None
    return number


def _default_periods(subject_code, grade, errors):
    try:
        version = curriculum_api.get_current_version().key
        return curriculum_api.get_yearly_periods(subject_code, grade, version), version
    except curriculum_api.CurriculumError as exc:
        errors["planned_periods"] = _(
            "no default from the curriculum (%(problem)s): give the planned periods"
        ) % {"problem": exc}
        return None, ""


@transaction.atomic
def set_plan(class_id, subject_code, year=None, planned_periods=None, planned_online_periods=None, user=None):
    """Create or replace the plan of a class × subject; returns ``PlanInfo``.

    ``user`` None is a trusted caller (a command, a task); otherwise the user must lead the school. Raises
    ``PlanError`` naming each wrong field, ``ScopeError``/``ActionError`` for users out of scope.
    """
    errors = {}
    try:
        keys = organisation.class_keys(class_id)
    except organisation.UnknownClass as exc:
        raise PlanError.of({"class_id": str(exc)}) from exc
    if user is not None:
        scope = access.scope_of(user)
        access.readable_school(scope, keys.school_code, keys.year)
        if not access.leads(scope, keys.school_code):
            raise access.ActionError(_("Only the school leader sets the teaching plan"))
    subject_code = str(subject_code or "").strip().upper()
    if not subject_code:
        errors["subject_code"] = _("give the subject code (TOAN, NGUVAN, ...)")
    if year is not None and str(year) != keys.year:
        errors["year"] = _("class %(class)s belongs to school year %(year)s, not %(other)s") % {
            "class": keys.class_name,
            "year": keys.year,
            "other": year,
        }
    planned = _count(planned_periods, "planned_periods", errors, 1)
    online = _count(planned_online_periods, "planned_online_periods", errors, 0)
    version = ""
    if planned is None and "planned_periods" not in errors and subject_code:
        planned, version = _default_periods(subject_code, keys.grade, errors)
    if planned is not None and online is not None and online > planned:
        errors["planned_online_periods"] = _("%(online)s is more than the %(planned)s planned periods") % {
            "online": online,
            "planned": planned,
        }
    if errors:
        raise PlanError.of(errors)
    row, _created = TeachingPlan.objects.update_or_create(
        class_id=keys.class_id,
        subject_code=subject_code,
        defaults={
            **keys.org_fields(),
            "class_name": keys.class_name,
            "planned_periods": planned,
            "planned_online_periods": online,
            "program_version": version,
            "updated_by_user_id": getattr(user, "id", None),
        },
    )
    cells.set_planned(keys.org_fields() | {"subject_code": subject_code}, planned)
    return info(row)


@transaction.atomic
def delete_plan(class_id, subject_code, user=None):
    """Remove a plan (the cell keeps its sessions, without a plan: provisional). Returns True if one was."""
    row = TeachingPlan.objects.filter(class_id=class_id, subject_code=str(subject_code).upper()).first()
    if row is None:
        return False
    if user is not None:
        scope = access.scope_of(user)
        access.readable_school(scope, row.school_code, row.year)
        if not access.leads(scope, row.school_code):
            raise access.ActionError(_("Only the school leader changes the teaching plan"))
    keys = {name: getattr(row, name) for name in cells.ORG_FIELDS}
    row.delete()
    cells.set_planned(keys, 0)
    cells.drop_if_orphan(keys)
    return True


def list_plans(school_code, year=None, user=None):
    """Plans of a school in a year (default: the current one), by class then subject. With ``user``, only
    what they may see (``ScopeError`` for a school out of scope; teachers: their own assignments)."""
    year_name = organisation.year_info(year).name
    rows = TeachingPlan.objects.filter(year=year_name, school_code=school_code)
    pairs = None
    if user is not None:
        _school, pairs = access.readable_school(access.scope_of(user), school_code, year_name)
    plans = [info(row) for row in rows if pairs is None or (row.class_id, row.subject_code) in pairs]
    order = {c.class_id: i for i, c in enumerate(organisation.classes_of_school(school_code, year_name))}
    return sorted(plans, key=lambda p: (order.get(p.class_id, len(order)), p.subject_code))
