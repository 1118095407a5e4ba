"""The policy of each school year and scope, stored as data (``PolicyVersion``).

Scopes: the deployment default, a province, a commune's override. A school reads the override of its commune
(only when it reports to the commune: a THPT in the commune is the province's), else its province's policy,
else the default. A year gets its own copy of the shipped default the first time it is read, so a later
default (an upgrade) never rewrites that year's statuses. Every save is kept (``PolicyChange``: who, when,
before, after) and recorded in the audit trail, in the same transaction.
"""

from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext

from openedx_vn.audit import api as audit_api
from openedx_vn.core.queries import Compiled
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching.data import PolicyChangeInfo, PolicyInfo
from openedx_vn.teaching.models import PolicyChange, PolicyVersion
from openedx_vn.teaching.policy import default_policy, parse_policy

DEFAULT, PROVINCE, COMMUNE = "default", "province", "commune"
# ``reports_to`` of the schools the province manages (THPT, GDTX: NĐ 142/2025): no commune override for them.
_PROVINCE_MANAGED = "province"


class StoredPolicy(NamedTuple):
    """A ``PolicyVersion`` row as the readers use it."""

    pk: int
    province_code: str
    commune_code: str
    data: dict
    stale: bool
    updated_at: object  # datetime
    updated_by_user_id: int | None


# Every share page reads its year's policies: compiled once (``core.queries``).
_STORED = Compiled(lambda year: PolicyVersion.objects.filter(year=year).values_list(*StoredPolicy._fields))


def _default_row(year):
    row = PolicyVersion.objects.filter(year=year, province_code="", commune_code="").first()
    if row is None:
        row, _ = PolicyVersion.objects.get_or_create(
            year=year, province_code="", commune_code="", defaults={"data": default_policy().as_dict()}
        )
    return StoredPolicy(*(getattr(row, name) for name in StoredPolicy._fields))


class PolicySet:
    """Every policy of a year, read once: ``for_place`` picks the one a school or unit follows."""

    def __init__(self, year):
        self.year = year
        self._rows = {
            (r.province_code, r.commune_code): r for r in map(StoredPolicy._make, _STORED(year=year))
        }
        if ("", "") not in self._rows:  # the year's first read: its copy of the default
            self._rows[("", "")] = _default_row(year)
        self._parsed = {}

    def row_for(self, province_code="", commune_code="", reports_to=""):
        """The stored row a place follows: commune override > province > default."""
        if commune_code and reports_to != _PROVINCE_MANAGED:
            row = self._rows.get((province_code, commune_code))
            if row is not None:
                return row
        return self._rows.get((province_code or "", "")) or self._rows[("", "")]

    def for_place(self, province_code="", commune_code="", reports_to=""):
        """The ``Policy`` of a place (see ``row_for``)."""
        row = self.row_for(province_code, commune_code, reports_to)
        if row.pk not in self._parsed:
            self._parsed[row.pk] = parse_policy(row.data)
        return self._parsed[row.pk]

    def for_school(self, school):
        """The ``Policy`` of a ``SchoolInfo`` (or anything with province_code, commune_code, reports_to)."""
        return self.for_place(school.province_code, school.commune_code, school.reports_to)

    @property
    def key(self):
        """What the year's figures depend on in its policies, as a hashable value: each stored row and when
        it last changed."""
        return tuple(sorted((place, row.pk, row.updated_at, row.stale) for place, row in self._rows.items()))

    @property
    def stale(self):
        return any(row.stale for row in self._rows.values())


def policy_set(year):
    """The ``PolicySet`` of a school year."""
    return PolicySet(year)


def get(year, province_code="", commune_code="", reports_to=""):
    """The ``Policy`` a place follows in a school year (default: the deployment's)."""
    return PolicySet(year).for_place(province_code, commune_code, reports_to)


def scope_of_place(province_code="", commune_code=""):
    """``(scope level, province code, commune code)`` of a place given by a province or a commune code;
    raises ``schools_api.SchoolsError`` naming an unknown unit."""
    if commune_code:
        unit = schools_api.get_unit(commune_code, "commune")
        if unit is None:
            raise schools_api.SchoolsError(
                gettext("commune: {code!r} is not a commune code").format(code=commune_code)
            )
        return COMMUNE, unit.parent_code, unit.code
    if province_code:
        if schools_api.get_unit(province_code, "province") is None:
            raise schools_api.SchoolsError(
                gettext("province: {code!r} is not a province code").format(code=province_code)
            )
        return PROVINCE, province_code, ""
    return DEFAULT, "", ""


def info(year, province_code="", commune_code=""):
    """The ``PolicyInfo`` of a scope of a school year: its own policy, or the one it inherits."""
    level, province_code, commune_code = scope_of_place(province_code, commune_code)
    policies = PolicySet(year)
    own = PolicyVersion.objects.filter(
        year=year, province_code=province_code, commune_code=commune_code
    ).first()
    if level == DEFAULT:
        own = policies.row_for()
    row = own or policies.row_for(province_code, commune_code)
    return PolicyInfo(
        year=year,
        policy=parse_policy(row.data).as_dict(),
        is_default=row.updated_by_user_id is None and not row.province_code,
        stale=policies.stale,
        updated_at=row.updated_at,
        updated_by_user_id=row.updated_by_user_id,
        scope=level,
        province_code=province_code,
        commune_code=commune_code,
        inherited_from="" if own else (PROVINCE if row.province_code else DEFAULT),
        changes=_changes(own) if own else (),
    )


def _changes(row, limit=50):
    changes = list(PolicyChange.objects.filter(policy_id=row.pk).order_by("-at", "-id")[:limit])
    users = {u.pk: u.username for u in get_user_model().objects.filter(pk__in={c.user_id for c in changes})}
    return tuple(
        PolicyChangeInfo(
            at=c.at, user_id=c.user_id, username=users.get(c.user_id), before=c.before, after=c.after
        )
        for c in changes
    )


def is_stale(year):
    """True while a change of the counting rules waits for the recompute (figures are provisional)."""
    return PolicyVersion.objects.filter(year=year, stale=True).exists()


@transaction.atomic
def save(year, data, user_id=None, province_code="", commune_code=""):
    """Validate (``PolicyError`` naming the field: every school level with a target above 0 and at most 100%)
    and store the policy of a scope of a school year, with its change (who, when, before, after) and an audit
    entry. Returns ``(PolicyInfo, recount)``: ``recount`` is True when the counting rules changed, so the
    counted sessions must be recomputed (the caller queues it; the year's figures turn provisional)."""
    policy = parse_policy(data, complete=True)
    level, province_code, commune_code = scope_of_place(province_code, commune_code)
    current = PolicySet(year).row_for(province_code, commune_code)
    before = parse_policy(current.data)
    row, _ = PolicyVersion.objects.select_for_update().get_or_create(
        year=year, province_code=province_code, commune_code=commune_code, defaults={"data": current.data}
    )
    recount = before.min_attendance_share != policy.min_attendance_share
    after = policy.as_dict()
    row.data = after
    row.updated_by_user_id = user_id
    row.stale = row.stale or recount
    row.save()
    PolicyChange.objects.create(policy=row, user_id=user_id, before=before.as_dict(), after=after)
    audit_api.record(
        user_id,
        "policy.changed",
        "policy",
        f"{year}/{level}/{commune_code or province_code or '*'}",
        province_code=province_code,
        commune_code=commune_code,
        before=before.as_dict(),
        after=after,
    )
    return info(year, province_code, commune_code), recount


def mark_fresh(year):
    """The recompute ran: the year's figures are final again."""
    PolicyVersion.objects.filter(year=year, stale=True).update(stale=False)
