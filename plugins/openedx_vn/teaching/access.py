"""Who may see and do what with plans, sessions and shares, decided from the ``Scope`` of ``schools.api``.

- operators and platform staff: everything (they do not approve sessions: that is the school leader's act);
- province officer: every school of the province; commune officer: the schools reporting through the commune;
- school leader: their school, and they approve its sessions and set its plans;
- teacher: their own class × subject assignments only (not the school's other figures).
"""

from django.utils.translation import gettext as _

from openedx_vn.schools import api as schools_api


class ScopeError(PermissionError):
    """The user may not see this object: views answer 404, as for one that does not exist."""


class ActionError(PermissionError):
    """The user sees the object but may not do this to it: views answer 403."""


def scope_of(user):
    """The user's ``Scope`` (a ``Scope`` passes through)."""
    return schools_api.get_scope(user)


def school(code):
    """``SchoolInfo`` of a code; ``ScopeError`` when there is none (as for one out of scope)."""
    try:
        return schools_api.get_school(code)
    except schools_api.SchoolNotFound as exc:
        raise ScopeError(_("No school %(code)r in your scope") % {"code": code}) from exc


def officer_sees(scope, info):
    """True when the user sees the school ``info`` as a province or commune officer."""
    return info.province_code in scope.province_codes or (
        info.commune_code in scope.commune_codes and info.reports_to == "commune"
    )


def sees_whole_school(scope, info):
    """True when the user may read every figure of the school (not only their own assignments)."""
    return scope.everything or info.code in scope.led_school_codes or officer_sees(scope, info)


def leads(scope, code):
    """True when the user leads the school: its leaders, operators and platform staff (plans)."""
    return scope.leads_school(code)


def is_leader_of(scope, code):
    """True only for the school's own leaders (approving and rejecting sessions)."""
    return code in scope.led_school_codes


def teacher_pairs(scope, year, school_code=None):
    """``{(class id, subject code)}`` the user teaches in ``year`` (optionally in one school)."""
    if scope.user_id is None or not scope.taught_school_codes:
        return set()
    try:
        rows = schools_api.list_assignments(
            school_code=school_code, year=year, teacher_user_id=scope.user_id, with_names=False
        )
    except schools_api.SchoolsError:  # no such year (or none yet)
        return set()
    return {(row.class_id, row.subject_code) for row in rows}


def readable_school(scope, code, year):
    """``(SchoolInfo, pairs)`` for reading a school's figures: ``pairs`` None means every class × subject,
    else the teacher's own. Raises ``ScopeError`` when the user sees nothing of the school."""
    info = school(code)
    if sees_whole_school(scope, info):
        return info, None
    if code in scope.taught_school_codes:
        return info, teacher_pairs(scope, year, code)
    raise ScopeError(_("No school %(code)r in your scope") % {"code": code})


def require_whole_school(scope, code):
    """``SchoolInfo`` when the user sees every figure of the school, else ``ScopeError``."""
    info = school(code)
    if not sees_whole_school(scope, info):
        raise ScopeError(_("No school %(code)r in your scope") % {"code": code})
    return info


def schools_in_unit(scope, unit_code=None, level=None, commune=None):
    """The ``SchoolInfo`` of the schools the user sees in full in a province (all its schools) or a commune
    (the schools reporting through it: NĐ 142/2025), default every such school of theirs. Raises
    ``ScopeError`` for a unit the user has nothing in."""
    if scope.is_empty:
        raise ScopeError(_("You have no role that shows schools"))
    schools = [
        info
        for info in schools_api.schools_in_scope(scope, level=level, commune=commune, unit=unit_code)
        if sees_whole_school(scope, info)
    ]
    if unit_code and not schools:
        raise ScopeError(_("No unit %(code)r in your scope") % {"code": unit_code})
    return schools


def require_unit(scope, unit_code, schools):
    """A commune's or province's roll-up is for its officers (a province officer: its communes too) and
    operators; a school's own people get their school's, not a partial unit figure."""
    if scope.everything or unit_code in scope.province_codes or unit_code in scope.commune_codes:
        return
    if any(s.province_code in scope.province_codes for s in schools):
        return
    raise ScopeError(_("No unit %(code)r in your scope") % {"code": unit_code})
