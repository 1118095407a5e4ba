"""`make dev`'s demo: a term of sessions in the demo commune, a class in red, a session awaiting approval."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from devhost import demo_year
from openedx_vn.teaching import api
from openedx_vn.teaching.share import ShareStatus

pytestmark = pytest.mark.django_db
YEAR = demo_year.current()  # the school year under way today (2026-2027 on 07/12/2026)
DEC_20 = YEAR.shift(date(2025, 12, 20))  # after the demo's last session


def test_the_demo_has_a_class_in_red_and_a_session_to_approve():
    call_command("load_curriculum", verbosity=0)
    call_command("load_demo_data")
    call_command("load_demo_data")  # a second run changes nothing
    leader = get_user_model().objects.get(username="hieutruong")
    grid = api.class_subject_grid(leader, "22000101", YEAR.name, on=DEC_20)
    rows = {row.class_name: row for row in grid.rows}
    assert set(rows) == {"6A1", "6A2", "9A1"}
    assert rows["6A1"].cells[1].subject_code == "TOAN" and rows["6A1"].cells[1].figure.online == 16
    a2 = {c.subject_code: c for c in rows["6A2"].cells}["TOAN"]
    assert a2.figure.share < 0.05 and a2.status == ShareStatus.BEHIND
    [pending] = api.list_sessions(leader, school_code="22000101", status="submitted")
    assert api.list_sessions(leader, school_code="22000101", status="rejected")[0].reason
    api.approve_session(leader, pending.id)
    grid = api.class_subject_grid(leader, "22000101", YEAR.name, on=DEC_20)
    after = {c.subject_code: c for c in {r.class_name: r for r in grid.rows}["6A2"].cells}["TOAN"]
    assert (a2.figure.online, after.figure.online) == (4, 8)
    officer = get_user_model().objects.get(username="canbotinh")
    listed = api.schools_summary(officer, "22", year=YEAR.name, on=DEC_20)
    assert {r.school_code for r in listed} == {"22000100", "22000101", "22000300"}
    counts = api.recompute_shares(YEAR.name)
    assert counts.cells == 14 and counts.sessions == 23


def test_the_demo_year_is_the_one_under_way():
    assert demo_year.current(date(2026, 12, 7)).name == "2026-2027"
    assert demo_year.current(date(2027, 3, 1)).name == "2026-2027"
    assert demo_year.current(date(2027, 8, 20)).name == "2027-2028"
    year = demo_year.current(date(2026, 12, 7))
    assert year.starts_on == date(2026, 9, 4) and year.starts_on.weekday() == date(2025, 9, 5).weekday()
    assert year.starts_on <= date(2026, 12, 7) <= year.ends_on  # a year in progress, not a finished one
    call_command("load_curriculum", verbosity=0)
    call_command("load_demo_data")
    current = api.school_summary(get_user_model().objects.get(username="hieutruong"), "22000101")
    assert current.year == YEAR.name and 0 < current.weeks_elapsed < current.weeks_total
