"""The share's REST API: the scope matrix of every endpoint (out of scope: 404, seen but not allowed: 403,
never data), 400s naming the field, and the OpenAPI schema."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openedx_vn.teaching import api
from openedx_vn.teaching.importing import HEADER

from .conftest import at, csv_bytes

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anonymous",
    "student",
    "teacher_a",
    "teacher_b",
    "leader_a",
    "leader_b",
    "commune_x",
    "commune_y",
    "province",
    "operator",
]
SCHOOL_A_READERS = {"teacher_a", "leader_a", "commune_x", "province", "operator"}


def expect(ok, ok_status=200, forbidden=(), default=404):
    """Expected status per person: ``ok`` get ``ok_status``, ``forbidden`` 403, the others ``default``;
    anonymous visitors always 403 (session authentication, no login page for an API)."""
    table = {who: ok_status if who in ok else 403 if who in forbidden else default for who in PEOPLE}
    table["anonymous"] = 403
    return table


@pytest.fixture
def setup(org):
    class_id = org.classes["A", "6A1"]
    api.set_plan(class_id, "TOAN", planned_periods=140)
    session = api.create_session(
        org.users["teacher_a"],
        class_id=class_id,
        subject_code="TOAN",
        starts_at=at(date(2025, 10, 6)),
        periods=2,
    )
    api.submit_session(org.users["teacher_a"], session.id)
    org.session_id = session.id
    return org


def _client(client, org, who):
    if who != "anonymous":
        client.force_login(org.users[who])
    return client


def _submitted(org):
    """A new session of 6A2 awaiting approval (one a day, so none is a duplicate)."""
    org.days = getattr(org, "days", 0) + 1
    session = api.create_session(
        org.users["leader_a"],
        class_id=org.classes["A", "6A2"],
        subject_code="TOAN",
        starts_at=at(date(2025, 10, 1) + timedelta(days=org.days)),
        periods=1,
        teacher_user_id=org.users["teacher_a"].id,
    )
    return api.submit_session(org.users["leader_a"], session.id).id


A = "22000101"
READS = {
    "plans": (lambda o: reverse("vn_teaching:school-plans", args=[A]), expect(SCHOOL_A_READERS)),
    "grid": (lambda o: reverse("vn_teaching:share-grid", args=[A]), expect(SCHOOL_A_READERS)),
    "trend": (lambda o: reverse("vn_teaching:share-trend") + f"?school={A}", expect(SCHOOL_A_READERS)),
    "summary": (
        lambda o: reverse("vn_teaching:share-school-summary", args=[A]),
        expect({"leader_a", "commune_x", "province", "operator"}),
    ),
    "schools of Hạ Long": (
        lambda o: reverse("vn_teaching:share-schools") + "?unit=06688",
        expect({"leader_a", "commune_x", "province", "operator"}),
    ),
    "unit Hạ Long": (
        lambda o: reverse("vn_teaching:share-unit", args=["06688"]),
        expect({"commune_x", "province", "operator"}),
    ),
    "unit Quảng Ninh": (
        lambda o: reverse("vn_teaching:share-unit", args=["22"]),
        expect({"province", "operator"}),
    ),
    "session": (
        lambda o: reverse("vn_teaching:session", args=[o.session_id]),
        expect(SCHOOL_A_READERS),
    ),
    "sessions": (lambda o: reverse("vn_teaching:session-list"), expect(set(PEOPLE))),
    "teacher overview": (lambda o: reverse("vn_teaching:share-teacher"), expect(set(PEOPLE))),
    "policy": (lambda o: reverse("vn_teaching:policy", args=["2025-2026"]), expect(set(PEOPLE))),
    "template": (
        lambda o: reverse("vn_teaching:session-import-template", args=["xlsx"]),
        expect(set(PEOPLE)),
    ),
}


@pytest.mark.parametrize("endpoint", READS)
def test_who_reads_what(client, setup, endpoint):
    url, expected = READS[endpoint]
    statuses = {}
    for who in PEOPLE:
        client.logout()
        response = _client(client, setup, who).get(url(setup))
        statuses[who] = response.status_code
        if response.status_code != 200:
            text = response.content.decode()
            assert "Trường THCS A" not in text and "6A1" not in text, (who, text)
    assert statuses == expected


def test_lists_hold_only_what_is_in_scope(client, setup):
    _client(client, setup, "teacher_b").get(reverse("vn_teaching:session-list"))
    assert client.get(reverse("vn_teaching:session-list")).json() == []
    _client(client, setup, "leader_a")
    assert [s["id"] for s in client.get(reverse("vn_teaching:session-list")).json()] == [setup.session_id]


WRITES = {
    "approve": (
        "post",
        lambda o: reverse("vn_teaching:session-approve", args=[_submitted(o)]),
        {},
        expect({"leader_a"}, forbidden={"teacher_a", "commune_x", "province", "operator"}),
    ),
    "reject": (
        "post",
        lambda o: reverse("vn_teaching:session-reject", args=[_submitted(o)]),
        {"reason": "thiếu"},
        expect({"leader_a"}, forbidden={"teacher_a", "commune_x", "province", "operator"}),
    ),
    "create": (
        "post",
        lambda o: reverse("vn_teaching:session-list"),
        {"class_id": "CLASS", "subject_code": "TOAN", "starts_at": "2025-10-20T07:30:00", "periods": 1},
        expect({"teacher_a", "leader_a", "operator"}, 201, forbidden={"commune_x", "province"}),
    ),
    "plan": (
        "put",
        lambda o: reverse("vn_teaching:plan"),
        {"class_id": "CLASS", "subject_code": "TOAN", "planned_periods": 100},
        expect({"leader_a", "operator"}, forbidden={"teacher_a", "commune_x", "province"}),
    ),
    "policy": (
        "put",
        lambda o: reverse("vn_teaching:policy", args=["2025-2026"]),
        "POLICY",
        expect({"province", "operator"}, default=403),
    ),
    "recompute": (
        "post",
        lambda o: reverse("vn_teaching:recompute"),
        {"year": "2025-2026"},
        expect({"operator"}, 202, default=403),
    ),
}


@pytest.mark.parametrize("endpoint", WRITES)
def test_who_does_what(client, setup, endpoint):
    method, url, body, expected = WRITES[endpoint]
    if body == "POLICY":
        body = api.get_policy("2025-2026").policy
    elif "class_id" in body:
        body = body | {"class_id": setup.classes["A", "6A1"]}
    statuses = {}
    for day, who in enumerate(PEOPLE, start=1):
        client.logout()
        if "starts_at" in body:  # a new session each time, not a duplicate of the last one
            body = body | {"starts_at": f"2025-10-{day:02d}T07:30:00"}
        response = getattr(_client(client, setup, who), method)(
            url(setup), body, content_type="application/json"
        )
        statuses[who] = response.status_code
    assert statuses == expected


def test_import_through_the_api_with_a_dry_run(client, setup):
    row = ["22000101", "6A2", "TOAN", "13/10/2025", "07:30", "1", "", "live", "supporting", "", "", ""]
    upload = csv_bytes(HEADER, [row])
    _client(client, setup, "teacher_a")
    url = reverse("vn_teaching:session-import")
    preview = client.post(url, {"file": SimpleUploadedFile("s.csv", upload), "dry_run": "true"})
    assert preview.status_code == 200 and preview.json()["created"] == 0
    done = client.post(url, {"file": SimpleUploadedFile("s.csv", upload)})
    assert done.status_code == 201 and done.json()["created"] == 1
    again = client.post(url, {"file": SimpleUploadedFile("s.csv", upload)})
    assert again.status_code == 400
    assert again.json()["problems"] == [
        {"file": "s.csv", "row": 2, "column": "date", "message": again.json()["problems"][0]["message"]}
    ]


@pytest.mark.parametrize(
    ("method", "url", "body", "field"),
    [
        (
            "post",
            "vn_teaching:session-list",
            {"subject_code": "TOAN", "starts_at": "x", "periods": 0},
            "periods",
        ),
        (
            "post",
            "vn_teaching:session-list",
            {"subject_code": "TOAN", "starts_at": "2026-07-01T07:00", "periods": 1},
            "starts_at",
        ),
        ("get", "vn_teaching:share-schools", {"level": "college"}, "level"),
        ("get", "vn_teaching:share-schools", {"year": "1999-2000"}, "year"),
        ("get", "vn_teaching:share-trend", {}, "school"),
        (
            "put",
            "vn_teaching:plan",
            {"subject_code": "TOAN", "planned_periods": 10, "planned_online_periods": 11},
            "planned_online_periods",
        ),
    ],
)
def test_a_bad_request_names_the_field(client, setup, method, url, body, field):
    _client(client, setup, "leader_a")
    if method != "get":
        body = body | {"class_id": setup.classes["A", "6A1"]}
        response = getattr(client, method)(reverse(url), body, content_type="application/json")
    else:
        response = client.get(reverse(url), body)
    assert response.status_code == 400 and field in response.json(), response.content


def test_a_wrong_policy_names_the_field(client, setup):
    _client(client, setup, "province")
    policy = api.get_policy("2025-2026").policy
    policy["targets"]["primary"]["min_share"] = "5%"
    response = client.put(
        reverse("vn_teaching:policy", args=["2025-2026"]), policy, content_type="application/json"
    )
    assert response.status_code == 400
    assert "'5%' không phải là số" in response.json()["targets.primary.min_share"][0]


def test_the_grid_answers_with_exact_percentages(client, setup):
    api.approve_session(setup.users["leader_a"], setup.session_id)
    _client(client, setup, "leader_a")
    grid = client.get(reverse("vn_teaching:share-grid", args=[A]), {"on": "2025-12-01"}).json()
    toan = next(c for c in grid["rows"][0]["cells"] if c["subject_code"] == "TOAN")
    assert toan["figure"] | {"status_label": None} == {
        "planned": 140,
        "online": 2,
        "percent": "1.4",
        "projected_percent": "4.3",
        "status": "behind",
        "status_label": None,
        "complete": True,
    }


def test_the_schema_documents_the_share_api(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/vn/teaching/api/v1/sessions/{session_id}/approve/",
        "/vn/teaching/api/v1/shares/schools/{school_code}/grid/",
        "/vn/teaching/api/v1/policy/{year}/",
        "/vn/teaching/api/v1/recompute/",
        "/vn/teaching/api/v1/sessions/import/",
    ):
        assert path in schema


def test_the_answers_have_the_shapes_the_schema_documents(client, setup):
    from openedx_vn.teaching.rest import serializers  # noqa: PLC0415

    api.approve_session(setup.users["leader_a"], setup.session_id)
    _client(client, setup, "province")
    grid = client.get(reverse("vn_teaching:share-grid", args=[A])).json()
    assert set(grid) == set(serializers.GridSerializer().fields)
    assert set(grid["rows"][0]) == set(serializers.ClassRowSerializer().fields)
    assert set(grid["rows"][0]["cells"][0]) == set(serializers.CellSerializer().fields)
    assert set(grid["rows"][0]["figure"]) == set(serializers.FigureSerializer().fields)
    [row, *_] = client.get(reverse("vn_teaching:share-schools"), {"unit": "22"}).json()
    assert set(row) == set(serializers.SchoolRowSerializer().fields)
    assert set(row["overall"]) == set(serializers.SummarySerializer().fields)
    unit = client.get(reverse("vn_teaching:share-unit", args=["22"])).json()
    assert set(unit) == set(serializers.UnitSummarySerializer().fields)
    summary = client.get(reverse("vn_teaching:share-school-summary", args=[A])).json()
    assert set(summary) == set(serializers.SchoolSummarySerializer().fields)
    [point, *_] = client.get(reverse("vn_teaching:share-trend"), {"school": A}).json()
    assert set(point) == set(serializers.TrendPointSerializer().fields)
    _client(client, setup, "teacher_a")
    [teacher, *_] = client.get(reverse("vn_teaching:share-teacher")).json()
    assert set(teacher) == set(serializers.TeacherRowSerializer().fields)
