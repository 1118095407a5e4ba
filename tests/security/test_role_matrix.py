"""Role × scope matrix with NON-STAFF users of two communes in two provinces (issue 12).

Quảng Ninh (Phường Hạ Long) and Hà Nội (its first commune) each have a THCS school with a class, a teacher (by
a teaching assignment), a school leader, a commune officer, a province officer and a student. Every page and
API of our apps is asked by each of them, about their own place and about the other one: the status must be
the one in the table, and no answer may carry the other place's school, people or session.
"""

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api as qbank_api
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api as teaching_api
from openedx_vn.teaching.policy import default_policy

pytestmark = pytest.mark.django_db

YEAR = "2025-2026"
ROLES = ("teacher", "leader", "commune", "province", "student")
PLACES = ("qn", "hn")


def _user(username):
    return get_user_model().objects.create_user(username, email=f"{username}@example.invalid")


@pytest.fixture
def world(db):
    curriculum_api.load_program()
    schools_api.set_school_year(YEAR, date(2025, 9, 5), date(2026, 5, 31), 35, date(2026, 1, 19))
    schools_api.load_units(["22", "01"])
    hn_commune = schools_api.list_units(level="commune", parent_code="01")[0].code
    places = {
        "qn": SimpleNamespace(province="22", commune="06688", school="22000101"),
        "hn": SimpleNamespace(province="01", commune=hn_commune, school="01000101"),
    }
    users = {(place, role): _user(f"{role}_{place}") for place in PLACES for role in ROLES}
    assert not any(u.is_staff or u.is_superuser for u in users.values())
    for key, p in places.items():
        files = [
            ("schools.csv", f"moet_code,name,levels,commune_code\n{p.school},THCS {key},THCS,{p.commune}\n"),
            ("classes.csv", f"school_code,year,grade,name,size\n{p.school},{YEAR},6,6A1,40\n"),
            (
                "assignments.csv",
                f"school_code,year,class,subject,teacher\n{p.school},{YEAR},6A1,TOAN,teacher_{key}\n",
            ),
        ]
        schools_api.import_organisation([(n, t.encode()) for n, t in files], schools_api.SYSTEM_SCOPE)
        schools_api.grant_role(users[key, "leader"], "school_leader", p.school)
        schools_api.grant_role(users[key, "commune"], "commune_officer", p.commune)
        schools_api.grant_role(users[key, "province"], "province_officer", p.province)
        p.class_id = schools_api.list_classes(p.school, YEAR)[0].id
        teaching_api.set_plan(p.class_id, "TOAN", planned_periods=140)
        teacher = users[key, "teacher"]
        at = datetime(2025, 10, 6, 7, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        session = teaching_api.create_session(
            teacher, class_id=p.class_id, subject_code="TOAN", starts_at=at, periods=2
        )
        teaching_api.submit_session(teacher, session.id)
        p.session = session.id
        p.bank = str(qbank_api.create_bank(f"Toán 6 {key}", owner_id=teacher.id).uuid)
    return SimpleNamespace(places=places, users=users)


EMPTY = "200, empty"


def _items(response):
    data = response.json()
    return data.get("results", data.get("sessions", [])) if isinstance(data, dict) else data


def _own(allowed, yes=200, no=403):
    return {role: (yes if role in allowed else no) for role in ROLES}


# name → (method, url(place), body, expected status for own place, for the other place)
ENDPOINTS = {
    "qbank banks page": ("get", lambda p: reverse("vn_qbank:banks-page"), None, None, None),
    "assessment home": ("get", lambda p: reverse("vn_assessment:home"), None, None, None),
    "audit page": ("get", lambda p: reverse("vn_audit:trail"), None, None, None),
    "audit api": ("get", lambda p: reverse("vn_audit:entry-list"), None, None, None),
    "teaching home": ("get", lambda p: reverse("vn_teaching:overview"), None, None, None),
    "policy page": ("get", lambda p: reverse("vn_teaching:policy-page"), None, None, None),
    "school detail": ("get", lambda p: reverse("vn_schools:school-detail", args=[p.school]), None, "x", "x"),
    "share summary": (
        "get",
        lambda p: reverse("vn_teaching:share-school-summary", args=[p.school]) + "?on=2025-12-01",
        None,
        "x",
        "x",
    ),
    "share grid": (
        "get",
        lambda p: reverse("vn_teaching:share-grid", args=[p.school]) + "?on=2025-12-01",
        None,
        "x",
        "x",
    ),
    "unit summary": (
        "get",
        lambda p: reverse("vn_teaching:share-unit", args=[p.commune]) + "?on=2025-12-01",
        None,
        "x",
        "x",
    ),
    "sessions of school": (
        "get",
        lambda p: reverse("vn_teaching:session-list") + f"?school={p.school}",
        None,
        "x",
        "x",
    ),
    "session detail": ("get", lambda p: reverse("vn_teaching:session", args=[p.session]), None, "x", "x"),
    "approve session": (
        "post",
        lambda p: reverse("vn_teaching:session-approve", args=[p.session]),
        {},
        "x",
        "x",
    ),
    "bank detail": ("get", lambda p: reverse("vn_qbank:bank-detail", args=[p.bank]), None, "x", "x"),
    "policy put": (
        "put",
        lambda p: reverse("vn_teaching:policy", args=[YEAR]) + f"?province={p.province}",
        "POLICY",
        "x",
        "x",
    ),
}
ANY = {  # endpoints without a place: the same answer whichever place is asked about
    "qbank banks page": _own({"teacher", "leader", "commune", "province"}),
    "assessment home": _own({"teacher", "leader"}),
    "audit page": _own({"teacher", "leader", "commune", "province"}),
    "audit api": _own({"teacher", "leader", "commune", "province"}),
    "teaching home": _own({"teacher", "leader", "commune", "province"}),
    "policy page": _own({"teacher", "leader", "commune", "province"}),
}
OWN = {
    "school detail": _own({"teacher", "leader", "commune", "province"}, no=404),
    "share summary": _own({"leader", "commune", "province"}, no=404),
    "share grid": _own({"teacher", "leader", "commune", "province"}, no=404),
    "unit summary": _own({"commune", "province"}, no=404),
    # A list filtered on a school answers 200, empty for who may not read it.
    "sessions of school": _own({"teacher", "leader", "commune", "province"}, no=EMPTY),
    "session detail": _own({"teacher", "leader", "commune", "province"}, no=404),
    "approve session": {"teacher": 403, "leader": 200, "commune": 403, "province": 403, "student": 404},
    "bank detail": {"teacher": 200, "leader": 403, "commune": 403, "province": 403, "student": 403},
    "policy put": _own({"province"}),
}
OTHER = {
    "school detail": _own(set(), no=404),
    "share summary": _own(set(), no=404),
    "share grid": _own(set(), no=404),
    "unit summary": _own(set(), no=404),
    "sessions of school": _own(set(), no=EMPTY),
    "session detail": _own(set(), no=404),
    "approve session": _own(set(), no=404),
    "bank detail": _own(set(), no=403),
    "policy put": _own(set()),
}


def test_every_role_of_each_place_gets_exactly_its_answers_and_nothing_of_the_other(client, world):
    wrong, leaks = [], []
    for here, there in (("qn", "hn"), ("hn", "qn")):
        other = world.places[there]
        foreign = (other.school, f"teacher_{there}", f"leader_{there}", f"THCS {there}")
        for role in ROLES:
            client.force_login(world.users[here, role])
            for name, (method, url, body, *_rest) in ENDPOINTS.items():
                for about, table in ((here, OWN), (there, OTHER)):
                    if name in ANY:
                        if about == there:
                            continue
                        expected = ANY[name][role]
                    else:
                        expected = table[name][role]
                    data = default_policy().as_dict() if body == "POLICY" else body
                    kwargs = {"content_type": "application/json"} if method in ("put", "post") else {}
                    response = getattr(client, method)(url(world.places[about]), data, **kwargs)
                    got = response.status_code
                    if expected == EMPTY:
                        got = EMPTY if got == 200 and not _items(response) else f"{got} {_items(response)}"
                    elif expected == 200 and name == "sessions of school" and not _items(response):
                        got = EMPTY  # a reader must see the session
                    if got != expected:
                        wrong.append((here, role, name, about, got, expected))
                    text = response.content.decode(errors="replace")
                    if response.status_code < 300 and any(word in text for word in foreign):
                        leaks.append((here, role, name, about))
    assert not wrong, "\n".join(map(str, wrong))
    assert not leaks, leaks


def test_students_and_teachers_see_no_one_elses_trail(client, world):
    teacher, leader = world.users["qn", "teacher"], world.users["qn", "leader"]
    client.force_login(leader)
    entries = client.get(reverse("vn_audit:entry-list")).json()
    assert {e["action"] for e in entries} >= {"role.granted"}
    assert {e["school_code"] for e in entries} == {world.places["qn"].school}
    client.force_login(teacher)
    assert all(e["actor_user_id"] == teacher.id for e in client.get(reverse("vn_audit:entry-list")).json())
    client.force_login(world.users["qn", "province"])
    codes = {e["province_code"] for e in client.get(reverse("vn_audit:entry-list")).json()}
    assert codes == {"22"}
