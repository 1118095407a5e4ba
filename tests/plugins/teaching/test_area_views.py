"""The commune and province pages: totals per level and for the area (read from the roll-ups, equal to the
cells), a row per commune and the schools reporting to the province, status counts, the chart, the schools
furthest behind, the drill-down links, who may see them, and a class's page."""

import re
from datetime import date

import pytest
from django.urls import reverse

from openedx_vn.teaching import api
from openedx_vn.teaching.models import ShareCell

from .conftest import HA_LONG, HA_TU, QN, YEAR, at

pytestmark = pytest.mark.django_db


def _session(org, key, subject, teacher, leader, day, periods, approve=True):
    info = api.create_session(
        org.users[teacher],
        class_id=org.classes[key],
        subject_code=subject,
        starts_at=at(day),
        periods=periods,
    )
    api.submit_session(org.users[teacher], info.id)
    if approve:
        api.approve_session(org.users[leader], info.id)
    return info


@pytest.fixture
def area(org):
    """Plans in three schools and approved sessions in several weeks; one session still awaiting approval."""
    api.set_plan(org.classes["A", "6A1"], "TOAN", planned_periods=100)
    api.set_plan(org.classes["A", "6A2"], "TOAN", planned_periods=100)
    api.set_plan(org.classes["B", "5A1"], "TIENGVIET", planned_periods=200)
    api.set_plan(org.classes["T", "10A1"], "TOAN", planned_periods=100)
    _session(org, ("A", "6A1"), "TOAN", "teacher_a", "leader_a", date(2025, 9, 15), 6)
    _session(org, ("A", "6A2"), "TOAN", "teacher_a", "leader_a", date(2025, 10, 6), 3)
    _session(org, ("B", "5A1"), "TIENGVIET", "teacher_b", "leader_b", date(2025, 9, 22), 4)
    _session(org, ("T", "10A1"), "TOAN", "teacher_t", "leader_t", date(2025, 11, 3), 12)
    _session(org, ("A", "6A1"), "TOAN", "teacher_a", "leader_a", date(2025, 11, 10), 2, approve=False)
    return org


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, {"year": YEAR, **params})


def test_the_province_page_totals_per_level_communes_direct_schools_and_chart(client, area):
    response = _get(client, area.users["province"], reverse("vn_teaching:area-dashboard", args=[QN]))
    assert response.status_code == 200
    page = response.content.decode()
    ctx = response.context
    rows = {item["level"]: item for item in ctx["level_rows"]}
    # THCS: A's two classes (6+3 of 200) and B's grade-6 class has no plan; TH: B's 5A1 4 of 200; THPT: 12/100
    assert (rows["lower_secondary"]["planned"], rows["lower_secondary"]["online"]) == (200, 9)
    assert rows["lower_secondary"]["percent"] == "4,5%"
    assert (rows["primary"]["online"], rows["primary"]["planned"], rows["primary"]["percent"]) == (
        4,
        200,
        "2,0%",
    )
    assert (rows["upper_secondary"]["online"], rows["upper_secondary"]["percent"]) == (12, "12,0%")
    assert (rows["all"]["planned"], rows["all"]["online"]) == (500, 25)
    cells = ShareCell.objects.filter(year=YEAR)
    assert rows["all"]["online"] == sum(min(c.online, c.planned) for c in cells)
    assert {c["row"].code for c in ctx["communes"]} == {HA_LONG, HA_TU}
    assert [s["row"].school_code for s in ctx["direct"]] == [area.codes["T"]]  # THPT: reports to the province
    assert f'href="/vn/teaching/areas/{HA_LONG}/?year={YEAR}"' in page  # drill-down to the commune
    assert 'data-level="lower_secondary"' in page and "polyline" in page
    assert page.count('class="level-line"') == 3 and "chỉ tiêu THCS, THPT: &gt; 10,0%" in page
    assert "Chia sẻ" not in page and "Tỷ lệ" in page
    statuses = {row["status"]: row["total"] for row in ctx["status_rows"]}
    assert sum(statuses.values()) == 4  # every school of the province, once
    # A: 4,5% against > 10% (5,5 points short), B: 2,0% against 5% (3,0); T met its target, P has no plan
    assert [(s["row"].school_code, s["gap"]) for s in ctx["behind"]] == [
        (area.codes["A"], "5,5"),
        (area.codes["B"], "3,0"),
    ]


def test_the_commune_page_lists_its_schools_reporting_to_it(client, area):
    response = _get(client, area.users["commune_x"], reverse("vn_teaching:area-dashboard", args=[HA_LONG]))
    assert response.status_code == 200
    codes = {s["row"].school_code for s in response.context["schools"]}
    assert codes == {area.codes["A"], area.codes["P"]}  # not T, on its ground but reporting to the province
    page = response.content.decode()
    assert f"/vn/teaching/schools/{area.codes['A']}/?year={YEAR}" in page  # drill-down to the school
    assert response.context["parent_url"] == ""  # a commune officer has no province page
    province = _get(client, area.users["province"], reverse("vn_teaching:area-dashboard", args=[HA_LONG]))
    assert province.context["parent_url"].startswith(f"/vn/teaching/areas/{QN}/")


@pytest.mark.parametrize(
    ("who", "unit", "status"),
    [
        ("commune_x", QN, 404),
        ("commune_x", HA_TU, 404),
        ("commune_y", HA_TU, 200),
        ("leader_a", HA_LONG, 404),
        ("teacher_a", QN, 404),
        ("operator", QN, 200),
        ("province", "99", 404),
    ],
)
def test_only_the_areas_officers_see_it(client, area, who, unit, status):
    response = _get(client, area.users[who], reverse("vn_teaching:area-dashboard", args=[unit]))
    assert response.status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client, area):
    response = client.get(reverse("vn_teaching:area-dashboard", args=[QN]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_class_page_ends_the_drill_down(client, area):
    school = _get(
        client, area.users["province"], reverse("vn_teaching:school-dashboard", args=[area.codes["A"]])
    )
    url = reverse("vn_teaching:class-dashboard", args=[area.codes["A"], area.classes["A", "6A1"]])
    assert url in school.content.decode()
    page = _get(client, area.users["province"], url)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-class="6A1"' in text and "6,0%" in text and "polyline" in text
    other = _get(client, area.users["commune_y"], url)
    assert other.status_code == 404


def test_officers_find_their_area_in_the_navigation(client, area):
    page = _get(client, area.users["commune_x"], reverse("vn_teaching:schools-dashboard")).content.decode()
    assert re.search(rf'href="/vn/teaching/areas/{HA_LONG}/"[^>]*>Phường Hạ Long<', page)
