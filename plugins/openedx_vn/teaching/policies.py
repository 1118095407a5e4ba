"""The policy of each school year, stored as data (``PolicyVersion``), edited by province officers and
operators. A year gets its own copy of the shipped default the first time it is read, so a later default (an
upgrade) never rewrites that year's statuses."""

from django.db import transaction

from openedx_vn.teaching.data import PolicyInfo
from openedx_vn.teaching.models import PolicyVersion
from openedx_vn.teaching.policy import default_policy, parse_policy


def _row(year):
    row = PolicyVersion.objects.filter(year=year).first()
    if row is None:
        row, _ = PolicyVersion.objects.get_or_create(year=year, defaults={"data": default_policy().as_dict()})
    return row


def get(year):
    """The ``Policy`` of a school year."""
    return parse_policy(_row(year).data)


def info(year):
    """The ``PolicyInfo`` of a school year."""
    row = _row(year)
    return PolicyInfo(
        year=year,
        policy=parse_policy(row.data).as_dict(),
        is_default=row.updated_by_user_id is None,
        stale=row.stale,
        updated_at=row.updated_at,
        updated_by_user_id=row.updated_by_user_id,
    )


def is_stale(year):
    """True while a change of the counting rules waits for the recompute (figures are provisional)."""
    return PolicyVersion.objects.filter(year=year, stale=True).exists()


@transaction.atomic
def save(year, data, user_id=None):
    """Validate (``PolicyError`` naming the field) and store the year's policy. Returns ``(PolicyInfo,
    recount)``: ``recount`` is True when the counting rules changed, so the counted sessions must be
    recomputed (the caller queues it; the year's figures are marked provisional until then)."""
    policy = parse_policy(data)
    before = get(year)
    recount = before.min_attendance_share != policy.min_attendance_share
    row = PolicyVersion.objects.select_for_update().get(pk=_row(year).pk)
    row.data = policy.as_dict()
    row.updated_by_user_id = user_id
    row.stale = row.stale or recount
    row.save()
    return info(year), recount


def mark_fresh(year):
    """The recompute ran: the year's figures are final again."""
    PolicyVersion.objects.filter(year=year, stale=True).update(stale=False)
