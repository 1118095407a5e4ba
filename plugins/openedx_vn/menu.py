"""Which of our apps a user reaches: the rule behind the shell's menu and the role home pages (ADR 0018).

Core draws the shell but depends on no app, so this module, outside every app, answers for it (setting
``SHELL_MENU``). It asks each app's own permission function, the same one its pages check, so the menu never
offers a page that would answer 403: teachers come from ``schools.api.is_teacher``, bank users from
``qbank.api.is_bank_user``, test authors from ``assessment.api.can_author``. Labels are core's
(``core.shell.LABELS``): this module returns keys and URLs only.
"""

from django.urls import NoReverseMatch, reverse

from openedx_vn.assessment import api as assessment_api
from openedx_vn.audit import api as audit_api
from openedx_vn.core.compat import get_platform_url
from openedx_vn.qbank import api as qbank_api
from openedx_vn.schools import api as schools_api

__all__ = ["role_keys", "sections"]


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def role_keys(user):
    """The user's roles as keys, strongest first; "student" when they hold none of ours."""
    scope = schools_api.get_scope(user)
    keys = []
    if scope.everything:
        keys.append("operator")
    if scope.province_codes:
        keys.append("province_officer")
    if scope.commune_codes:
        keys.append("commune_officer")
    if scope.led_school_codes:
        keys.append("school_leader")
    if not scope.everything and schools_api.is_teacher(user):
        keys.append("teacher")
    return keys or ["student"]


def _teaching_links(scope):
    links = []
    if scope.taught_school_codes:
        links.append(("my_classes", _url("vn_teaching:teacher-dashboard")))
    for code in sorted(scope.led_school_codes):
        school = schools_api.get_school(code)
        links.append((("school", school.name), _url("vn_teaching:school-dashboard", code)))
    if scope.everything or scope.province_codes or scope.commune_codes:
        links.append(("schools", _url("vn_teaching:schools-dashboard")))
    return links


def _student_sections():
    """Students work in the LMS: their courses hold the tests, practice and progress. On the dev host
    (no LMS) the workbench's demo blocks stand in."""
    workbench = _url("workbench_index")
    if workbench:
        return [
            ("my_tests", f"{workbench}scenario/vn_timed_test.0/", []),
            ("practice", f"{workbench}scenario/vn_practice.0/", []),
            ("progress", f"{workbench}scenario/vn_question.0/", []),
        ]
    lms = get_platform_url().rstrip("/")
    return [("my_courses", f"{lms}/dashboard", [])]


def sections(user):
    """``[(key, url, links)]`` of the apps ``user`` may open, in menu order; links: ``[(key, url)]``."""
    scope = schools_api.get_scope(user)
    # Leaders, officers, operators and staff: the share of their schools and the year's rules.
    staff_like = scope.everything or bool(
        scope.province_codes or scope.commune_codes or scope.led_school_codes
    )
    teacher = schools_api.is_teacher(user)
    found = []
    if qbank_api.is_bank_user(user):
        found.append(("qbank", _url("vn_qbank:home"), [("banks", _url("vn_qbank:banks-page"))]))
    if assessment_api.can_author(user):
        new = _url("vn_assessment:blueprint-new")
        found.append(("assessment", _url("vn_assessment:home"), [("new_blueprint", new)]))
    if staff_like or scope.taught_school_codes:
        found.append(("teaching", _url("vn_teaching:overview"), _teaching_links(scope)))
    if staff_like:
        found.append(("policy", _url("vn_teaching:policy-page"), []))
    if staff_like or teacher:
        found.append(("curriculum", _url("vn_curriculum:program"), []))
    if audit_api.can_read_trail(user):
        found.append(("audit", _url("vn_audit:trail"), []))
    if not found:
        found = _student_sections()
    return [(key, url, [link for link in links if link[1]]) for key, url, links in found if url]
