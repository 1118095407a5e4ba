"""Who may see and change a question bank. Every page, API and task of the bank asks here.

Roles on a bank, weakest first: viewer (reads questions and keys), editor (adds, edits, imports, moves),
owner (also shares the bank). A user's role is the strongest of:
- platform staff: owner of every bank;
- the bank's ``owner_id``: owner;
- a ``BankShare``: viewer or editor;
- for school and province banks, the role the organisation gives (``_organisation_roles``, ``schools.api``).
Users with no role on any bank (students) see no bank: the pages and APIs answer 403.

``bank`` may be a ``QuestionBank`` or a ``data.BankInfo``: both have uuid, owner_id, scope and the codes.
"""

from contextlib import suppress

from django.db.models import Q

from openedx_vn.core.permissions import is_platform_staff
from openedx_vn.qbank.models import BankShare, QuestionBank
from openedx_vn.schools import api as schools_api

VIEWER, EDITOR, OWNER = "viewer", "editor", "owner"
_RANK = {None: 0, VIEWER: 1, EDITOR: 2, OWNER: 3}


def _organisation_roles(user):
    """``{(scope, code): role}`` the organisation gives ``user`` on school and province banks.

    A school's teachers and leaders edit its bank; officers who oversee the school read it. Province officers
    edit their province's bank; teachers and leaders of a school in the province read it.
    """
    if not _active(user):
        return {}
    scope = schools_api.get_scope(user)
    roles = {}
    for code in scope.school_codes:
        roles[("school", code)] = VIEWER
    for code in scope.taught_school_codes | scope.led_school_codes:
        roles[("school", code)] = EDITOR
        with suppress(schools_api.SchoolNotFound):
            roles.setdefault(("province", schools_api.get_school(code).province_code), VIEWER)
    for code in scope.province_codes:
        roles[("province", code)] = EDITOR
    return roles


def _active(user):
    return bool(user and user.is_authenticated and user.is_active)


def _organisation_role(user, bank):
    roles = _organisation_roles(user)
    if bank.scope == QuestionBank.Scope.SCHOOL and bank.school_code:
        return roles.get(("school", bank.school_code))
    if bank.scope == QuestionBank.Scope.PROVINCE and bank.province_code:
        return roles.get(("province", bank.province_code))
    return None


def role_on_bank(user, bank):
    """``"owner"``, ``"editor"``, ``"viewer"`` or None."""
    if not _active(user):
        return None
    if is_platform_staff(user) or user.id == bank.owner_id:
        return OWNER
    share = BankShare.objects.filter(bank__uuid=bank.uuid, user_id=user.id).values_list("role", flat=True)
    roles = [*share, _organisation_role(user, bank)]
    return max(roles, key=lambda role: _RANK.get(role, 0), default=None) or None


def can_view_bank(user, bank):
    return _RANK[role_on_bank(user, bank)] >= _RANK[VIEWER]


def can_edit_bank(user, bank):
    """Add, edit, import, move questions out of or into the bank."""
    return _RANK[role_on_bank(user, bank)] >= _RANK[EDITOR]


def can_manage_bank(user, bank):
    """Share the bank with others and change their roles."""
    return role_on_bank(user, bank) == OWNER


def visible_banks(user):
    """``QuestionBank`` rows the user may view (staff: all), unordered."""
    if not _active(user):
        return QuestionBank.objects.none()
    if is_platform_staff(user):
        return QuestionBank.objects.all()
    where = Q(owner_id=user.id) | Q(id__in=BankShare.objects.filter(user_id=user.id).values("bank_id"))
    for (scope, code), role in _organisation_roles(user).items():
        if role and scope == "school":
            where |= Q(scope=QuestionBank.Scope.SCHOOL, school_code=code)
        elif role and scope == "province":
            where |= Q(scope=QuestionBank.Scope.PROVINCE, province_code=code)
    return QuestionBank.objects.filter(where)


def is_bank_user(user):
    """Whether the user may see the bank pages at all: teachers (``schools.api.is_teacher``, ADR 0012; staff
    included), and the school leaders and officers who read their schools' banks. Owning a bank or having one
    shared is not enough: students never see teacher tools."""
    if not _active(user):
        return False
    return schools_api.is_teacher(user) or bool(_organisation_roles(user))


def can_create_bank(user):
    """Only teachers (ADR 0012) start a bank."""
    return _active(user) and schools_api.is_teacher(user)
