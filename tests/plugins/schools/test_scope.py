"""Roles resolve into the schools a user sees and leads (the matrix every page and endpoint relies on)."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from openedx_vn.schools import api

pytestmark = pytest.mark.django_db

# who -> (schools seen, schools led); "*" = every school.
MATRIX = {
    "teacher_a": ({"A"}, set()),
    "teacher_b": ({"B"}, set()),
    "leader_a": ({"A"}, {"A"}),
    "leader_b": ({"B"}, {"B"}),
    "commune_x": ({"A", "A2"}, set()),  # not T: a THPT in the commune reports to the province
    "commune_y": ({"B"}, set()),
    "province": ({"A", "A2", "B", "T"}, set()),  # every school of Quảng Ninh, none of Lai Châu
    "province_other": ({"L"}, set()),
    "operator": ("*", "*"),
    "staff": ("*", "*"),
    "student": (set(), set()),
}
EVERY = {"A", "A2", "B", "T", "L"}


@pytest.mark.parametrize("who", MATRIX)
def test_who_sees_and_leads_which_school(org, who):
    user = org.users[who]
    seen, led = (EVERY if part == "*" else part for part in MATRIX[who])
    for key, code in org.codes.items():
        assert api.can_view_school(user, code) is (key in seen), (who, key)
        assert api.can_lead_school(user, code) is (key in led), (who, key)
    listed = {school.code for school in api.schools_in_scope(user)}
    assert listed == {org.codes[key] for key in seen}


def test_anonymous_and_inactive_users_see_nothing(org):
    leader = org.users["leader_a"]
    leader.is_active = False
    leader.save()
    for user in (AnonymousUser(), leader, None):
        scope = api.get_scope(user)
        assert scope.is_empty
        assert not api.can_view_school(user, org.codes["A"])
        assert api.schools_in_scope(user) == []


def test_reports_to_follows_the_levels(org):
    assert {code: api.get_school(code).reports_to for code in org.codes.values()} == {
        org.codes["A"]: "commune",
        org.codes["A2"]: "commune",
        org.codes["B"]: "commune",  # TH + THCS: multi-level up to THCS
        org.codes["T"]: "province",
        org.codes["L"]: "commune",
    }
    school = api.get_school(org.codes["B"])
    assert school.levels == ("primary", "lower_secondary")
    assert (school.commune_name, school.province_code) == ("Phường Hà Tu", "22")


def test_schools_in_scope_filters_by_level_and_commune(org):
    province = org.users["province"]
    assert [s.code for s in api.schools_in_scope(province, level="upper_secondary")] == [org.codes["T"]]
    primary = {s.code for s in api.schools_in_scope(province, level="primary")}
    assert primary == {org.codes["A2"], org.codes["B"]}
    in_ha_tu = [s.code for s in api.schools_in_scope(province, commune="06652")]
    assert in_ha_tu == [org.codes["B"]]
    with pytest.raises(api.SchoolsError, match="không phải là một cấp học|not a level"):
        api.schools_in_scope(province, level="university")


@pytest.mark.parametrize("who", MATRIX)
def test_schools_of_a_unit_are_those_it_reports_for_within_the_scope(org, who):
    """``unit``: a province lists every school of its own; a commune, those reporting through it (not the
    THPT in it, which reports to the province) — always within what the user may see."""
    user = org.users[who]
    seen = EVERY if MATRIX[who][0] == "*" else MATRIX[who][0]
    schools = {key: api.get_school(code) for key, code in org.codes.items()}
    units = {s.province_code for s in schools.values()} | {s.commune_code for s in schools.values()}
    for unit in units:
        expected = {
            s.code
            for key, s in schools.items()
            if key in seen
            and (s.province_code == unit or (s.commune_code == unit and s.reports_to == "commune"))
        }
        assert {s.code for s in api.schools_in_scope(user, unit=unit)} == expected, (who, unit)


def test_user_school_codes_are_direct_roles_only(org):
    assert api.user_school_codes(org.users["teacher_a"]) == {org.codes["A"]}
    assert api.user_school_codes(org.users["leader_a"], roles=("school_leader",)) == {org.codes["A"]}
    assert api.user_school_codes(org.users["leader_a"], roles=("teacher",)) == set()
    # Officers see schools but are not members of them; staff neither.
    for who in ("commune_x", "province", "staff"):
        assert api.user_school_codes(org.users[who]) == set()


def test_a_resolved_scope_answers_like_the_user(org, django_assert_num_queries):
    scope = api.get_scope(org.users["commune_x"])
    with django_assert_num_queries(1):  # the commune's schools, listed on first use only
        assert api.can_view_school(scope, org.codes["A2"])
    with django_assert_num_queries(0):
        assert not api.can_view_school(scope, org.codes["T"])
        assert api.can_view_school(scope, org.codes["A"])
        assert api.get_scope(scope) is scope
    assert {(r.role, r.scope_level, r.scope_code) for r in scope.roles} == {
        ("commune_officer", "commune", "06688")
    }


def test_teachers_get_their_classes_and_the_import_made_them_teachers(org):
    classes = api.classes_of_teacher(org.users["teacher_a"], "2025-2026")
    assert [(c.school_code, c.name) for c in classes] == [(org.codes["A"], "6A1"), (org.codes["A"], "6A2")]
    assert api.classes_of_teacher(org.users["student"], "2025-2026") == []
    teachers = api.teachers_of_school(org.codes["A"])
    assert [(username, name) for _id, username, name in teachers] == [("gv_a", "Nguyễn Thị Lan")]


def test_assignments_carry_the_teacher_and_class(org):
    rows = api.list_assignments(school_code=org.codes["A"], year="2025-2026")
    assert [(a.class_name, a.subject_code, a.teacher_username) for a in rows] == [
        ("6A1", "TOAN", "gv_a"),
        ("6A2", "TOAN", "gv_a"),
    ]
    mine = api.list_assignments(year="2025-2026", teacher_user_id=org.users["teacher_b"].id)
    assert [(a.school_code, a.class_name, a.subject_code) for a in mine] == [
        (org.codes["B"], "5A1", "TIENGVIET")
    ]


def test_current_school_year_of_a_date(org):
    assert api.current_school_year(date(2025, 10, 1)).name == "2025-2026"
    assert api.current_school_year(date(2026, 7, 15)).name == "2025-2026"  # summer: the year that ended
    assert api.current_school_year(date(2025, 8, 1)) is None
    assert [c.name for c in api.list_classes(org.codes["A"], api.current_school_year(date(2025, 10, 1)))] == [
        "6A1",
        "6A2",
    ]


def test_roles_are_checked_when_granted(org):
    user_id = org.users["student"].id
    with pytest.raises(api.SchoolNotFound):
        api.grant_role(user_id, "teacher", "99999999")
    with pytest.raises(api.SchoolsError, match="commune"):
        api.grant_role(user_id, "commune_officer", "22")  # a province code, not a commune
    with pytest.raises(api.SchoolsError, match="không phải là một vai trò|not a role"):
        api.grant_role(user_id, "principal", org.codes["A"])
    with pytest.raises(api.SchoolsError, match="operator"):
        api.grant_role(user_id, "operator", "22")
    assert api.grant_role(user_id, "teacher", org.codes["A"]) is True
    assert api.grant_role(user_id, "teacher", org.codes["A"]) is False  # idempotent
    assert api.can_view_school(org.users["student"], org.codes["A"])
    assert api.revoke_role(user_id, "teacher", org.codes["A"]) is True
    assert not api.can_view_school(org.users["student"], org.codes["A"])


def test_the_database_refuses_a_role_without_its_scope(org):
    from django.db import IntegrityError, transaction  # noqa: PLC0415

    from openedx_vn.schools.models import RoleAssignment, School  # noqa: PLC0415 - the constraint itself

    school = School.objects.get(code=org.codes["A"])
    for bad in (
        {"role": "teacher"},
        {"role": "operator", "school": school},
        {"role": "commune_officer", "school": school},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            RoleAssignment.objects.create(user_id=org.users["student"].id, **bad)
    assert not api.can_view_school(org.users["student"], org.codes["A"])


def test_a_request_resolves_each_scope_once_and_sees_roles_granted_during_it(org, django_assert_num_queries):
    # The receivers themselves: sending Django's request signals would also close the test's connection.
    from openedx_vn.schools.scope import request_finished, request_started

    user = org.users["student"]
    request_started()
    try:
        first = api.get_scope(user)
        with django_assert_num_queries(0):  # the shell's menu and the page ask again: nothing is re-read
            assert api.get_scope(user) is first
        assert api.grant_role(user.id, "teacher", org.codes["A"]) is True
        assert api.can_view_school(user, org.codes["A"])  # the grant is seen within the same request
        assert api.revoke_role(user.id, "teacher", org.codes["A"]) is True
        assert not api.can_view_school(user, org.codes["A"])
    finally:
        request_finished()
    api.grant_role(user.id, "teacher", org.codes["B"])
    assert api.can_view_school(user, org.codes["B"])  # outside a request nothing is kept


def test_a_page_reads_the_roles_once(org, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(org.users["province"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/vn/teaching/").status_code == 200
    reads = [q["sql"] for q in queries if "roleassignment" in q["sql"].lower()]
    assert len(reads) == 1, reads
