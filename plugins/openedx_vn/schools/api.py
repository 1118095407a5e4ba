"""Public Python API of the schools app: the organisation, school years, classes, teaching assignments, roles
and the scope every page and endpoint checks.

Two kinds of functions:

- **scope** functions take ``user`` (a Django user, or a ``Scope`` already resolved with ``get_scope`` when
  you call several in one request) and answer only within what that user may see;
- **look-ups** (``get_school``, ``list_schools``, ``list_classes``, ``list_assignments``, ...) do not check
  anything: they are for tasks and computations. A view that shows their result checks ``can_view_school``
  first, and answers 404 for a school out of scope, as for one that does not exist.

Roles: teacher and school leader (of a school), commune officer (of a commune-level unit), province officer
(of a province), operator (everything). Platform staff (``core.permissions.is_platform_staff``) see
everything.
"""

import functools

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from openedx_vn.core.queries import Compiled
from openedx_vn.schools import calendar, levels, names, units
from openedx_vn.schools import importing as _importing
from openedx_vn.schools import scope as _scope
from openedx_vn.schools import teachers as _teachers
from openedx_vn.schools.calendar import InvalidSchoolYear
from openedx_vn.schools.data import (
    AssignmentInfo,
    ClassInfo,
    ImportReport,
    Problem,
    RoleInfo,
    SchoolInfo,
    SchoolYearInfo,
    Scope,
    UnitInfo,
    UnitsLoad,
)
from openedx_vn.schools.importing import OrganisationImportError
from openedx_vn.schools.importing import templates as _templates
from openedx_vn.schools.models import (
    RoleAssignment,
    School,
    SchoolClass,
    SchoolYear,
    TeachingAssignment,
    Unit,
)
from openedx_vn.schools.units import UnknownProvince

__all__ = [
    "LEVELS",
    "ROLES",
    "SYSTEM_SCOPE",
    "AssignmentInfo",
    "ClassInfo",
    "ImportReport",
    "InvalidSchoolYear",
    "OrganisationImportError",
    "Problem",
    "RoleInfo",
    "SchoolInfo",
    "SchoolNotFound",
    "SchoolYearInfo",
    "SchoolsError",
    "Scope",
    "UnitInfo",
    "UnitsLoad",
    "UnknownProvince",
    "assigned_pairs",
    "can_import",
    "can_lead_school",
    "can_view_school",
    "classes_of_teacher",
    "current_school_year",
    "get_school",
    "get_school_year",
    "get_scope",
    "get_unit",
    "grant_role",
    "import_organisation",
    "import_template",
    "is_teacher",
    "class_sizes",
    "list_assignments",
    "list_classes",
    "list_roles",
    "list_school_years",
    "list_schools",
    "list_units",
    "load_units",
    "revoke_role",
    "schools_in_scope",
    "semester_of",
    "set_school_year",
    "teachers_of_school",
    "user_school_codes",
    "week_of",
]

LEVELS = levels.LEVELS  # preschool, primary, lower_secondary, upper_secondary, continuing
ROLES = tuple(
    RoleAssignment.Role.values
)  # teacher, school_leader, commune_officer, province_officer, operator
# The scope of console commands, tasks and demo loaders: everything, on nobody's behalf.
SYSTEM_SCOPE = Scope(user_id=None, everything=True)
_SCHOOL_ROLES = {"teacher", "school_leader"}
_UNIT_ROLES = {"commune_officer": Unit.Level.COMMUNE, "province_officer": Unit.Level.PROVINCE}


class SchoolsError(ValueError):
    """Invalid input to the schools API; the message says which value and why."""


class SchoolNotFound(SchoolsError, LookupError):
    """No such school (or, from a scope function, none the user may see: the two are not told apart)."""


# -------------------------------------------------------------------- scope
def get_scope(user):
    """The ``Scope`` of ``user``: roles, and the schools they may see and lead. Resolve it once per request
    and pass it to the other scope functions in place of the user."""
    return user if isinstance(user, Scope) else _scope.resolve(user)


def can_view_school(user, school_code):
    """True when ``user`` may read the school's data (classes, assignments, and later its share)."""
    return get_scope(user).sees_school(school_code)


def can_lead_school(user, school_code):
    """True when ``user`` leads the school (approves online sessions, edits plans): its school leaders,
    operators and platform staff. Officers see schools but do not lead them."""
    return get_scope(user).leads_school(school_code)


def can_import(user):
    """True for operators, platform staff and province officers (who import only into their province)."""
    scope = get_scope(user)
    return scope.everything or bool(scope.province_codes)


def user_school_codes(user, roles=("teacher", "school_leader")):
    """Codes of the schools where ``user`` holds one of ``roles`` directly (not through a commune/province).

    E.g. the question bank: "a school bank is edited by that school's teachers".
    """
    scope = get_scope(user)
    return frozenset(r.scope_code for r in scope.roles if r.role in roles and r.scope_level == "school")


def schools_in_scope(user, level=None, commune=None, unit=None):
    """The schools ``user`` may see, by code; filter by ``level`` (one of ``LEVELS``) and/or a commune.
    ``unit``: only the schools a commune or province reports for (a province: all its schools; a commune:
    those reporting through it, NĐ 142/2025)."""
    scope = get_scope(user)
    if scope.is_empty:
        return []
    if scope.everything:
        return _schools(level, unit=unit, commune=commune)
    own = sorted(scope.led_school_codes | scope.taught_school_codes)
    units = {"provinces": sorted(scope.province_codes), "communes": sorted(scope.commune_codes)}
    return _schools(level, own=own, **units, unit=unit, commune=commune)


def list_roles(user_id):
    """The ``RoleInfo`` of a platform user id."""
    return [_scope.role_info(row) for row in _scope.role_rows(user_id)]


def grant_role(user_id, role, scope_code=None, by=None):
    """Give a platform user a role: a school code for teacher/school_leader, a commune or province code for
    the officers, nothing for operator. Idempotent; returns True when the role was new. A new role is
    recorded in the audit trail (``by``: who granted it; None for the system) in the same transaction.
    Raises ``SchoolsError``."""
    filters = _role_filters(role, scope_code)
    user_id = getattr(user_id, "id", user_id)
    with transaction.atomic():
        _, created = RoleAssignment.objects.get_or_create(user_id=user_id, role=role, **filters)
        if created:
            _audit_role(by, "role.granted", user_id, role, filters, None, {"role": role, "scope": scope_code})
    return created


def revoke_role(user_id, role, scope_code=None, by=None):
    """Take a role away; returns True when there was one (recorded in the audit trail). Raises
    ``SchoolsError`` for a bad role or scope."""
    filters = _role_filters(role, scope_code)
    user_id = getattr(user_id, "id", user_id)
    with transaction.atomic():
        deleted, _ = RoleAssignment.objects.filter(user_id=user_id, role=role, **filters).delete()
        if deleted:
            _audit_role(by, "role.revoked", user_id, role, filters, {"role": role, "scope": scope_code}, None)
    return bool(deleted)


def _audit_role(by, action, user_id, role, filters, before, after):
    from openedx_vn.audit import api as audit_api  # noqa: PLC0415 - the audit app reads schools.api

    school, unit = filters["school"], filters["unit"]
    place = {}
    if school is not None:
        place["school_code"] = school.code
    elif unit is not None and unit.level == Unit.Level.COMMUNE:
        place["commune_code"] = unit.code
    elif unit is not None:
        place["province_code"] = unit.code
    audit_api.record(by, action, "user", user_id, before=before, after=after, **place)


# ------------------------------------------------------------------------------------ who is a teacher
def is_teacher(user):
    """True when ``user`` (or a resolved ``Scope``) gets the teacher tools: question banks, blueprints and
    tests (ADR 0012). A teacher is named by a teaching assignment, an explicit grant of the teacher role, or
    is course staff/instructor of a course linked to a school; operators and platform staff count too. Being
    signed in, owning a bank or having one shared with you is not enough."""
    return _teachers.is_teacher(get_scope(user), None if isinstance(user, Scope) else user)


def _role_filters(role, scope_code):
    if role not in ROLES:
        raise SchoolsError(
            gettext("{role!r} is not a role: {roles}").format(role=role, roles=", ".join(ROLES))
        )
    if role in _SCHOOL_ROLES:
        school = School.objects.filter(code=scope_code).first()
        if school is None:
            raise SchoolNotFound(
                gettext("A {role} needs a school: {code!r} is not a school code").format(
                    role=role, code=scope_code
                )
            )
        return {"school": school, "unit": None}
    if role in _UNIT_ROLES:
        unit = Unit.objects.filter(level=_UNIT_ROLES[role], code=scope_code).first()
        if unit is None:
            raise SchoolsError(
                gettext("A {role} needs a {level} code: {code!r} is not one").format(
                    role=role, level=_UNIT_ROLES[role], code=scope_code
                )
            )
        return {"school": None, "unit": unit}
    if scope_code:
        raise SchoolsError(gettext("An operator sees everything: give no scope"))
    return {"school": None, "unit": None}


# ------------------------------------------------------------- organisation
def load_units(province_codes, legacy_districts=False):
    """Copy provinces (codes like "22") and their communes, wards and special zones from the
    `vietnam-provinces` package; with ``legacy_districts`` also their pre-2025 districts. Idempotent.
    Returns ``UnitsLoad``; raises ``UnknownProvince`` (nothing stored)."""
    return UnitsLoad(**units.load(province_codes, legacy_districts))


def list_units(level=None, parent_code=None):
    """Units we hold, by level and code; ``level`` is province, commune or district."""
    rows = Unit.objects.select_related("parent").order_by("level", "code")
    if level:
        rows = rows.filter(level=level)
    if parent_code:
        rows = rows.filter(parent__code=parent_code, parent__level=Unit.Level.PROVINCE)
    return [UnitInfo(u.code, u.level, u.kind, u.name, u.parent.code if u.parent_id else None) for u in rows]


def get_unit(code, level=None):
    """The ``UnitInfo`` of a unit code (of ``level`` when given: province, commune, district), or None."""
    rows = Unit.objects.select_related("parent").filter(code=code)
    if level:
        rows = rows.filter(level=level)
    unit = rows.first()
    if unit is None:
        return None
    return UnitInfo(unit.code, unit.level, unit.kind, unit.name, unit.parent.code if unit.parent_id else None)


def _schools(level=None, own=None, provinces=None, communes=None, unit=None, commune=None, province=None):
    """``SchoolInfo`` by code: of a level, and of the schools ``own`` with the schools of ``provinces`` and
    ``communes`` (None: every school), a unit (``scope.units_filter``), a commune or a province."""
    if level and level not in LEVELS:
        raise SchoolsError(
            gettext("{level!r} is not a level: {levels}").format(level=level, levels=", ".join(LEVELS))
        )
    every = own is None
    lists = {} if every else {"own": own, "provinces": provinces or [], "communes": communes or []}
    places = {"unit": unit or None, "commune": commune or None, "province": province or None}
    rows = _SCHOOLS[level or None](every=every, **lists, **places)
    # Plain value rows, not model objects: an officer's pages list a province's 630 schools per request.
    return [_school_row(row) for row in rows]


_SCHOOL_VALUES = ("code", "name", *LEVELS, "commune__code", "commune__name", "province__code")
_SCHOOL_VALUES += ("province__name", "reports_to", "legacy_district__code")


def _schools_query(level, every, unit, commune, province, own=(), provinces=(), communes=()):
    rows = School.objects.all()
    if not every:
        rows = rows.filter(_scope.schools_filter(own, provinces, communes))
    if unit is not None:
        rows = rows.filter(_scope.units_filter([unit], [unit]))
    if level:
        rows = rows.filter(**{level: True})
    if commune is not None:
        rows = rows.filter(commune__code=commune)
    if province is not None:
        rows = rows.filter(province__code=province)
    return rows.order_by("code").values_list(*_SCHOOL_VALUES)


# Officers' lists and pages read their schools on every request: compiled once per level (``core.queries``).
_SCHOOLS = {level: Compiled(functools.partial(_schools_query, level)) for level in (None, *LEVELS)}
_SCHOOL = Compiled(lambda code: School.objects.filter(code=code).values_list(*_SCHOOL_VALUES))


def _school_row(row):
    """``SchoolInfo`` of a ``_SCHOOL_VALUES`` row."""
    code, name, *flags = row[: 2 + len(LEVELS)]
    levels_held = tuple(level for level, held in zip(LEVELS, flags, strict=True) if held)
    return SchoolInfo(code, name, levels_held, *row[2 + len(LEVELS) :])


def get_school(code):
    """The ``SchoolInfo`` of a MOET code; raises ``SchoolNotFound``. No scope check."""
    rows = _SCHOOL(code=code)  # every share page of a school reads it
    if not rows:
        raise SchoolNotFound(gettext("No school {code!r}").format(code=code))
    return _school_row(rows[0])


def list_schools(level=None, commune=None, province=None):
    """Every school, by code, optionally of a level, commune or province. No scope check."""
    return _schools(level, commune=commune, province=province)


# ------------------------------------------------------------- school years
def set_school_year(name, starts_on, ends_on, weeks, semester2_starts_on):
    """Create or update a school year ("2025-2026"); returns ``SchoolYearInfo``.
    Raises ``InvalidSchoolYear``."""
    calendar.check(name, starts_on, ends_on, weeks, semester2_starts_on)
    row, _ = SchoolYear.objects.update_or_create(
        name=name,
        defaults={
            "starts_on": starts_on,
            "ends_on": ends_on,
            "weeks": weeks,
            "semester2_starts_on": semester2_starts_on,
        },
    )
    return calendar.info(row)


def list_school_years():
    """Every school year, newest first."""
    return [calendar.info(row) for row in SchoolYear.objects.order_by("-starts_on")]


def get_school_year(name):
    """The ``SchoolYearInfo`` named ``name``; raises ``SchoolsError``."""
    rows = _YEAR_NAMED(name=name)
    if not rows:
        raise SchoolsError(gettext("No school year {name!r}").format(name=name))
    return SchoolYearInfo(*rows[0])


def current_school_year(on=None):
    """The school year holding ``on`` (default: today in the site's time zone); in the summer between two
    years, the one that ended last. None when no year started on or before that day."""
    day = on or timezone.localdate()
    rows = _YEAR_ON(day=day)
    return SchoolYearInfo(*rows[0]) if rows else None


# Every share page reads its year: compiled once (``core.queries``), as ``SchoolYearInfo`` fields.
_YEAR_VALUES = ("name", "starts_on", "ends_on", "weeks", "semester2_starts_on")
_YEAR_NAMED = Compiled(lambda name: SchoolYear.objects.filter(name=name).values_list(*_YEAR_VALUES)[:1])
_YEAR_ON = Compiled(
    lambda day: (
        SchoolYear.objects.filter(starts_on__lte=day).order_by("-starts_on").values_list(*_YEAR_VALUES)[:1]
    )
)


def _year(year, day=None):
    if year is None:
        found = current_school_year(day)
        if found is None:
            raise SchoolsError(gettext("No school year yet: create one (manage.py set_school_year)"))
        return found
    return year if isinstance(year, SchoolYearInfo) else get_school_year(year)


def week_of(day, year=None):
    """Week number of ``day`` in its school year (or in ``year``, a name): week 1 is the Monday-to-Sunday week
    of the first day. None outside the year."""
    return calendar.week_of(_year(year, day), day)


def semester_of(day, year=None):
    """1 or 2 for ``day`` in its school year (or in ``year``); None outside the year."""
    return calendar.semester_of(_year(year, day), day)


# ---------------------------------------------------- classes & assignments
def _class_info(row):
    return ClassInfo(row.pk, row.school.code, row.year.name, row.grade, row.name, row.size)


_CLASS_VALUES = ("pk", "school__code", "year__name", "grade", "name", "size")


def list_classes(school_code, year=None, grade=None):
    """Classes of a school in a school year (default: the current one), by grade and name (6A2 before 6A10).
    No scope check."""
    year_name = _year(year).name
    if grade:
        rows = SchoolClass.objects.filter(school__code=school_code, year__name=year_name, grade=grade)
        rows = rows.values_list(*_CLASS_VALUES)
    else:  # a school's grid reads its classes on every request
        rows = _CLASSES(school=school_code, year=year_name)
    return sorted((ClassInfo(*row) for row in rows), key=lambda c: names.class_key(c.grade, c.name))


_CLASSES = Compiled(
    lambda school, year: SchoolClass.objects.filter(school__code=school, year__name=year).values_list(
        *_CLASS_VALUES
    )
)


def class_sizes(year=None):
    """``{class id: number of students}`` of every class in a school year (default: the current one), in one
    query. No scope check."""
    return dict(SchoolClass.objects.filter(year__name=_year(year).name).values_list("pk", "size"))


def assigned_pairs(school_code, year):
    """``{(class id, subject code)}`` assigned in a school in a school year (a name), in one query (a school's
    grid shows the assigned pairs that have no plan yet). No scope check."""
    return set(_ASSIGNED(school=school_code, year=year))


_ASSIGNED = Compiled(
    lambda school, year: TeachingAssignment.objects.filter(
        school_class__school__code=school, school_class__year__name=year
    ).values_list("school_class_id", "subject_code")
)


_ASSIGNMENT_VALUES = (
    "school_class__school__code",
    "school_class__year__name",
    "school_class_id",
    "school_class__name",
    "school_class__grade",
    "subject_code",
    "teacher_user_id",
)


def list_assignments(school_code=None, year=None, teacher_user_id=None, class_id=None, with_names=True):
    """Teaching assignments, by class then subject, filtered by school, year (default: current), teacher or
    class. ``with_names=False``: no look-up of the teachers' usernames and names (None), for readers that
    never show them (a school's grid). No scope check."""
    rows = TeachingAssignment.objects.filter(school_class__year__name=_year(year).name)
    if school_code:
        rows = rows.filter(school_class__school__code=school_code)
    if teacher_user_id is not None:
        rows = rows.filter(teacher_user_id=teacher_user_id)
    if class_id is not None:
        rows = rows.filter(school_class_id=class_id)
    rows = list(rows.values_list(*_ASSIGNMENT_VALUES))  # plain rows, no model objects
    people = _people({row[-1] for row in rows}) if with_names else {}
    infos = [AssignmentInfo(*row, *people.get(row[-1], (None, None))) for row in rows]
    return sorted(
        infos, key=lambda a: (a.school_code, names.class_key(a.grade, a.class_name), a.subject_code)
    )


def classes_of_teacher(user, year=None):
    """The classes ``user`` teaches in a school year (default: the current one), by school, grade, name."""
    user_id = user.user_id if isinstance(user, Scope) else getattr(user, "id", None)
    if user_id is None:
        return []
    rows = SchoolClass.objects.filter(year__name=_year(year).name, assignments__teacher_user_id=user_id)
    rows = rows.distinct().select_related("school", "year")
    return sorted(
        (_class_info(row) for row in rows), key=lambda c: (c.school_code, names.class_key(c.grade, c.name))
    )


def teachers_of_school(school_code):
    """``(user id, username, full name)`` of the school's teachers, in Vietnamese order (given name first)."""
    ids = RoleAssignment.objects.filter(role="teacher", school__code=school_code).values_list(
        "user_id", flat=True
    )
    users = get_user_model().objects.filter(pk__in=list(ids))
    users = sorted(users, key=lambda u: names.person_key(u.first_name, u.last_name, u.username))
    return [(u.pk, u.username, _full_name(u)) for u in users]


def _full_name(user):
    # Vietnamese order: family and middle names, then the given name ("Nguyễn Thị Lan").
    return " ".join(part for part in (user.last_name, user.first_name) if part) or user.username


def _people(user_ids):
    users = get_user_model().objects.filter(pk__in=list(user_ids))
    return {user.pk: (user.username, _full_name(user)) for user in users}


# ------------------------------------------------------------------ imports
def import_organisation(files, user, dry_run=False):
    """Import schools, classes and teaching assignments from ``[(filename, bytes)]``: one .xlsx workbook
    with sheets "schools", "classes", "assignments" (any may be left out), or CSV files, one per table, told
    apart by name or header. ``user`` (or a ``Scope``) must pass ``can_import``; province officers import
    only into their province. All or nothing: raises ``OrganisationImportError`` naming each problem's file,
    sheet, row and column, and stores nothing. Raises ``PermissionError`` for a user who may not import.
    Returns ``ImportReport``."""
    scope = get_scope(user)
    if not can_import(scope):
        raise PermissionError(gettext("Only operators and province officers import the organisation"))
    with transaction.atomic():
        return _importing.run(files, scope, dry_run=dry_run)


def import_template(kind="xlsx"):
    """``(bytes, content type, filename)`` of an import template: "xlsx" (three sheets) or the CSV of one
    table ("schools", "classes", "assignments")."""
    if kind == "xlsx":
        return _templates.workbook(), _templates.XLSX, "schools-import-template.xlsx"
    if kind not in ("schools", "classes", "assignments"):
        raise SchoolsError(gettext("No template {kind!r}").format(kind=kind))
    return _templates.csv_file(kind), "text/csv; charset=utf-8", f"schools-import-{kind}.csv"
