"""Public Python API of the audit trail (ADR 0013): append-only entries of who changed what, when, before and
after, in which school, commune and province.

Callers record an entry inside the transaction that makes the change (``record`` joins it), so a change and
its entry are stored together or not at all. Reading is scope-checked through ``schools.api.get_scope``:
operators and staff see everything; province officers their province; commune officers the entries of their
commune and of the schools they oversee; school leaders their schools; anyone else (teachers) only the entries
they made themselves. Users without any role of ours (students) see no trail.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openedx_vn.audit.data import AuditEntry
from openedx_vn.audit.models import AppendOnly, Entry
from openedx_vn.schools import api as schools_api

__all__ = [
    "ACTIONS",
    "AppendOnly",
    "AuditEntry",
    "AuditError",
    "can_read_trail",
    "list_entries",
    "record",
]

# Every action the trail records, with the label the page shows.
ACTIONS = {
    "session.approved": _("online session approved"),
    "session.rejected": _("online session rejected"),
    "policy.changed": _("online-teaching policy changed"),
    "essay.graded": _("essay graded"),
    "essay.regraded": _("essay grade changed"),
    "bank.shared": _("question bank shared"),
    "bank.share_changed": _("question bank share changed"),
    "bank.unshared": _("question bank share removed"),
    "questions.moved": _("questions moved to another bank"),
    "role.granted": _("role granted"),
    "role.revoked": _("role revoked"),
    "export.names": _("export with names downloaded"),
    "names.viewed": _("list with names viewed"),
}
MAX_LIMIT = 500


class AuditError(ValueError):
    """A wrong argument to the audit API; the message names it."""


def record(
    actor,
    action,
    object_type,
    object_id,
    *,
    school_code="",
    commune_code="",
    province_code="",
    before=None,
    after=None,
):
    """Append an entry; returns its uuid (text). ``actor`` is a user, a user id, or None (the system).

    Give the narrowest place the change belongs to: a school code (its commune and province are filled in,
    unless given), a commune code (its province is filled in) or a province code. ``before``/``after`` must
    be JSON-able.
    Call it inside the transaction of the change: the entry is written in it, and a failure fails the change
    (no savepoint: an entry that could be lost alone is not an audit trail).
    Raises ``AuditError`` for an unknown action."""
    if action not in ACTIONS:
        raise AuditError(
            _("{action!r} is not an audit action: {actions}").format(
                action=action, actions=", ".join(ACTIONS)
            )
        )
    school_code, commune_code, province_code = _place(school_code, commune_code, province_code)
    actor_id = getattr(actor, "id", actor)
    with transaction.atomic(savepoint=False):
        entry = Entry.objects.create(
            actor_user_id=actor_id,
            action=action,
            object_type=str(object_type)[:40],
            object_id=str(object_id)[:80],
            school_code=school_code or "",
            commune_code=commune_code or "",
            province_code=province_code or "",
            before=before,
            after=after,
        )
    return str(entry.uuid)


def _place(school_code, commune_code, province_code):
    if school_code and commune_code and province_code:  # the caller holds them (a session row does)
        return school_code, commune_code, province_code
    if school_code:
        try:
            school = schools_api.get_school(school_code)
        except schools_api.SchoolNotFound:
            return school_code, commune_code, province_code
        return school.code, school.commune_code, school.province_code
    if commune_code and not province_code:
        unit = schools_api.get_unit(commune_code, "commune")
        province_code = unit.parent_code if unit else ""
    return "", commune_code, province_code


def can_read_trail(user):
    """True for users with a role of ours (or staff): they see the part of the trail their scope allows."""
    scope = schools_api.get_scope(user)
    return scope.user_id is not None and (scope.everything or bool(scope.roles))


def _visible(scope):
    if scope.everything:
        return Q()
    where = Q(actor_user_id=scope.user_id)
    if scope.province_codes:
        where |= Q(province_code__in=scope.province_codes)
    if scope.commune_codes:
        # The commune's own entries (its policy) and those of the schools it manages (not a THPT there).
        where |= Q(commune_code__in=scope.commune_codes, school_code="")
        where |= Q(school_code__in=scope.school_codes)
    if scope.led_school_codes:
        where |= Q(school_code__in=scope.led_school_codes)
    return where


def list_entries(
    user, *, school_code=None, commune_code=None, province_code=None, action=None, limit=100, offset=0
):
    """``[AuditEntry]`` the user may read, newest first, optionally of one school, commune, province or
    action; ``limit`` entries (at most 500) from ``offset``. Raises ``PermissionError`` for a user who may
    read no trail (students, anonymous) and ``AuditError`` for a wrong filter."""
    scope = schools_api.get_scope(user)
    if not can_read_trail(scope):
        raise PermissionError(_("no audit trail for this user"))
    if action and action not in ACTIONS:
        raise AuditError(_("{action!r} is not an audit action").format(action=action))
    if not (isinstance(limit, int) and 1 <= limit <= MAX_LIMIT) or not (
        isinstance(offset, int) and offset >= 0
    ):
        raise AuditError(_("limit must be 1..{max} and offset 0 or more").format(max=MAX_LIMIT))
    rows = Entry.objects.filter(_visible(scope))
    if school_code:
        rows = rows.filter(school_code=school_code)
    if commune_code:
        rows = rows.filter(commune_code=commune_code)
    if province_code:
        rows = rows.filter(province_code=province_code)
    if action:
        rows = rows.filter(action=action)
    rows = list(rows.order_by("-at", "-id")[offset : offset + limit])
    people = {
        u.pk: u
        for u in get_user_model().objects.filter(pk__in={r.actor_user_id for r in rows if r.actor_user_id})
    }
    return [_info(row, people.get(row.actor_user_id)) for row in rows]


def _info(row, person):
    name = " ".join(p for p in (person.last_name, person.first_name) if p) if person else None
    return AuditEntry(
        uuid=str(row.uuid),
        at=row.at,
        actor_user_id=row.actor_user_id,
        actor_username=person.username if person else None,
        actor_name=name or (person.username if person else None),
        action=row.action,
        action_label=str(ACTIONS.get(row.action, row.action)),
        object_type=row.object_type,
        object_id=row.object_id,
        school_code=row.school_code,
        commune_code=row.commune_code,
        province_code=row.province_code,
        before=row.before,
        after=row.after,
    )
