"""Who is a teacher (ADR 0012): a teaching assignment, an explicit grant, course staff of a linked course
(through core.compat, with its fallback outside the platform), operators and staff; never "signed in"."""

import sys
import types

import pytest

from openedx_vn.core import compat
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.schools import api

from .conftest import make_user

pytestmark = pytest.mark.django_db
COURSE = "course-v1:QuangNinh+TOAN6+2025_2026"


def test_roles_that_are_and_are_not_teachers(org):
    users = org.users
    assert {who for who, user in users.items() if api.is_teacher(user)} == {
        "teacher_a",  # assignments (and the role the import gave)
        "teacher_b",
        "operator",
        "staff",
    }
    assert api.is_teacher(api.get_scope(users["teacher_a"]))  # a resolved scope answers the same
    assert not api.is_teacher(None)


def test_an_assignment_alone_or_a_grant_alone_makes_a_teacher(org):
    teacher = org.users["teacher_a"]
    assert api.revoke_role(teacher.id, "teacher", org.codes["A"])
    assert not api.get_scope(teacher).taught_school_codes and api.is_teacher(teacher)  # the assignments
    newcomer = make_user("gv_moi")
    assert not api.is_teacher(newcomer)
    api.grant_role(newcomer.id, "teacher", org.codes["B"], by=org.users["leader_b"])
    assert api.is_teacher(newcomer)
    newcomer.is_active = False
    assert not api.is_teacher(newcomer)


def test_course_staff_count_only_outside_nothing_without_the_platform(org):
    assert "common.djangoapps.student.models" not in sys.modules
    assert compat.courses_user_teaches(org.users["student"]) == frozenset()  # the tested fallback
    assert not api.is_teacher(org.users["student"])


def _platform_course_roles(monkeypatch, roles):
    """Stand in for edx-platform's CourseAccessRole (same query interface) holding ``roles``."""

    class Rows(list):
        def values_list(self, name, flat=False):
            return [getattr(row, name) for row in self]

    class Manager:
        def filter(self, user, role__in):
            return Rows(r for r in roles if r.user_id == user.id and r.role in role__in)

    module = types.ModuleType("common.djangoapps.student.models")
    module.CourseAccessRole = type("CourseAccessRole", (), {"objects": Manager()})
    monkeypatch.setitem(sys.modules, "common.djangoapps.student.models", module)


def test_course_staff_of_a_linked_course_is_a_teacher(org, monkeypatch):
    author, beta = make_user("gv_khoahoc"), make_user("tro_giang")
    row = types.SimpleNamespace
    _platform_course_roles(
        monkeypatch,
        [
            row(user_id=author.id, role="instructor", course_id=COURSE),
            row(user_id=beta.id, role="beta_testers", course_id=COURSE),
        ],
    )
    assert compat.courses_user_teaches(author) == {COURSE}
    assert not api.is_teacher(author)  # the course is not linked to a school yet
    curriculum_api.link_course(COURSE, org.codes["A"], "2025-2026", 6, "TOAN", ["6A1"])
    assert api.is_teacher(author)
    assert not api.is_teacher(beta)  # beta testers are not course staff
