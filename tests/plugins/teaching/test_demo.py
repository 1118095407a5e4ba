"""`make dev`'s demo: a term of sessions in the demo commune, a class in red, a session awaiting approval."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from openedx_vn.teaching import api
from openedx_vn.teaching.share import ShareStatus

pytestmark = pytest.mark.django_db
DEC_20 = date(2025, 12, 20)


def test_the_demo_has_a_class_in_red_and_a_session_to_approve():
    call_command("load_curriculum", verbosity=0)
    call_command("load_demo_data")
    call_command("load_demo_data")  # a second run changes nothing
    leader = get_user_model().objects.get(username="hieutruong")
    grid = api.class_subject_grid(leader, "22000101", "2025-2026", on=DEC_20)
    rows = {row.class_name: row for row in grid.rows}
    assert set(rows) == {"6A1", "6A2", "9A1"}
    assert rows["6A1"].cells[1].subject_code == "TOAN" and rows["6A1"].cells[1].figure.online == 16
    a2 = {c.subject_code: c for c in rows["6A2"].cells}["TOAN"]
    assert a2.figure.share < 0.05 and a2.status == ShareStatus.BEHIND
    [pending] = api.list_sessions(leader, school_code="22000101", status="submitted")
    assert api.list_sessions(leader, school_code="22000101", status="rejected")[0].reason
    api.approve_session(leader, pending.id)
    grid = api.class_subject_grid(leader, "22000101", "2025-2026", on=DEC_20)
    after = {c.subject_code: c for c in {r.class_name: r for r in grid.rows}["6A2"].cells}["TOAN"]
    assert (a2.figure.online, after.figure.online) == (4, 8)
    officer = get_user_model().objects.get(username="canbotinh")
    listed = api.schools_summary(officer, "22", year="2025-2026", on=DEC_20)
    assert {r.school_code for r in listed} == {"22000100", "22000101", "22000300"}
    counts = api.recompute_shares("2025-2026")
    assert counts.cells == 14 and counts.sessions == 23
