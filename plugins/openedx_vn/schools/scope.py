"""Resolve a user's roles into the schools they may see and lead.

- operator role, or platform staff: everything;
- province officer: every school of the province (commune-managed ones too: the province rolls them up);
- commune officer: the schools of the commune that report to the commune (MN, TH, THCS and multi-level up to
  THCS); THPT and GDTX in the commune report to the province and are not theirs (NĐ 142/2025);
- school leader: their school, which they may also lead; teacher: their school, read only.
"""

from contextvars import ContextVar

from django.db.models import Q

from openedx_vn.core.permissions import is_platform_staff
from openedx_vn.core.queries import Compiled
from openedx_vn.schools import levels
from openedx_vn.schools.data import RoleInfo, Scope
from openedx_vn.schools.models import RoleAssignment, School

Role = RoleAssignment.Role


# Scopes resolved during the current request, by user: a page asks for its user's scope a dozen times (the
# shell's menu asks each app). Outside a request (tasks, commands, tests calling the API) nothing is kept.
_REQUEST_MEMO = ContextVar("openedx_vn_scope_memo", default=None)


def request_started(**kwargs):
    _REQUEST_MEMO.set({})


def request_finished(**kwargs):
    _REQUEST_MEMO.set(None)


def forget(**kwargs):
    """Roles or schools changed: scopes resolved earlier in this request no longer hold."""
    memo = _REQUEST_MEMO.get()
    if memo:
        memo.clear()


def resolve(user):
    """The ``Scope`` of a user (an anonymous or inactive user gets an empty one)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope(user_id=None)
    memo = _REQUEST_MEMO.get()
    if memo is None:
        return _resolve(user)
    key = (user.id, user.is_staff, user.is_active)
    if key not in memo:
        memo[key] = _resolve(user)
    return memo[key]


def _resolve(user):
    rows = role_rows(user.id)
    roles = tuple(role_info(row) for row in rows)
    everything = is_platform_staff(user) or any(row[0] == Role.OPERATOR for row in rows)
    provinces = frozenset(code for role, _s, _l, code in rows if role == Role.PROVINCE_OFFICER)
    communes = frozenset(code for role, _s, _l, code in rows if role == Role.COMMUNE_OFFICER)
    led = frozenset(school for role, school, _l, _c in rows if role == Role.SCHOOL_LEADER)
    taught = frozenset(school for role, school, _l, _c in rows if role == Role.TEACHER)
    return Scope(
        user_id=user.id,
        everything=everything,
        roles=roles,
        province_codes=provinces,
        commune_codes=communes,
        led_school_codes=led,
        taught_school_codes=taught,
        unit_schools=unit_schools,
    )


def units_filter(province_codes=(), commune_codes=()):
    """A ``Q`` on ``School``: every school of these provinces, and the schools reporting through these
    communes (not a THPT located in one: it reports to the province, NĐ 142/2025)."""
    query = Q(pk__in=())
    if province_codes:
        query |= Q(province__code__in=province_codes)
    if commune_codes:
        query |= Q(commune__code__in=commune_codes, reports_to=levels.COMMUNE)
    return query


def unit_schools(province_codes, commune_codes):
    """Codes of every school of these provinces and of the commune-managed schools of these communes."""
    rows = School.objects.filter(units_filter(province_codes, commune_codes))
    return frozenset(rows.values_list("code", flat=True))


# Read on every request of a signed-in user: compiled once (``core.queries``).
_ROLES = Compiled(
    lambda user_id: (
        RoleAssignment.objects.filter(user_id=user_id)
        .order_by("role", "id")
        .values_list("role", "school__code", "unit__level", "unit__code")
    )
)


def role_rows(user_id):
    """``(role, school code, unit level, unit code)`` of each role of a user, by role."""
    return _ROLES(user_id=int(user_id))


def role_info(row):
    """The ``RoleInfo`` of a ``role_rows`` row."""
    role, school_code, unit_level, unit_code = row
    if school_code:
        return RoleInfo(role, "school", school_code)
    if unit_code:
        return RoleInfo(role, unit_level, unit_code)
    return RoleInfo(role, None, None)


def schools_filter(own, province_codes, commune_codes):
    """A ``Q`` on ``School`` that keeps a scope's schools: its ``own`` school codes, and the schools of its
    units by the units held, not the list of their schools (a province officer's 630 codes made every query
    of theirs carry 630 parameters)."""
    return Q(code__in=own) | units_filter(province_codes, commune_codes)
