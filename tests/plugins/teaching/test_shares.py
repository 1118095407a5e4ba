"""Reading the share: a school's grid, summaries and roll-ups with statuses and projections, the weekly
trend, a teacher's overview, provisional figures, and who sees what."""

from datetime import date, timedelta
from fractions import Fraction

import pytest

from openedx_vn.teaching import api
from openedx_vn.teaching.share import ShareStatus

from .conftest import at

pytestmark = pytest.mark.django_db

DEC_1 = date(2025, 12, 1)  # week 14 of 2025-2026: 13 weeks done of 39


def approved(org, key, subject, day, periods, teacher):
    session = api.create_session(
        org.users[teacher],
        class_id=org.classes[key],
        subject_code=subject,
        starts_at=at(day),
        periods=periods,
    )
    api.submit_session(org.users[teacher], session.id)
    leader = {"A": "leader_a", "B": "leader_b", "T": "leader_t"}[key[0]]
    return api.approve_session(org.users[leader], session.id)


@pytest.fixture
def term(org):
    """6A1 TOAN 14 of 140 periods (10%: not "more than 10%"), 6A2 TOAN 2 of 140, 6A1 NGUVAN without a plan,
    5A1 TIENGVIET 10 of 140 (primary, ≥ 5%)."""
    api.set_plan(org.classes["A", "6A1"], "TOAN", planned_periods=140)
    api.set_plan(org.classes["A", "6A2"], "TOAN", planned_periods=140)
    api.set_plan(org.classes["B", "5A1"], "TIENGVIET", planned_periods=140)
    for week in range(7):
        approved(org, ("A", "6A1"), "TOAN", date(2025, 9, 8) + timedelta(weeks=week), 2, "teacher_a")
    approved(org, ("A", "6A2"), "TOAN", date(2025, 10, 6), 2, "teacher_a")
    approved(org, ("B", "5A1"), "TIENGVIET", date(2025, 10, 7), 10, "teacher_b")
    return org


def test_the_grid_shows_each_class_and_subject_with_its_status(term):
    grid = api.class_subject_grid(term.users["leader_a"], term.codes["A"], on=DEC_1)
    assert (grid.year, grid.weeks_elapsed, grid.weeks_total, grid.subjects) == (
        "2025-2026",
        13,
        39,
        ("NGUVAN", "TOAN"),
    )
    a1, a2 = grid.rows
    toan = {c.subject_code: c for c in a1.cells}["TOAN"]
    assert (toan.figure.planned, toan.figure.online, str(toan.percent)) == (140, 14, "10.0")
    assert toan.figure.projected == Fraction(14 * 39, 13 * 140)
    assert toan.status == ShareStatus.ON_TRACK  # projected 30%: more than 10% by the year's end
    assert {c.subject_code: c.status for c in a1.cells}["NGUVAN"] == ShareStatus.NO_PLAN
    assert not a1.figure.complete  # an assigned subject without a plan makes the class provisional
    assert a2.cells[0].status == ShareStatus.BEHIND  # 2 of 140 → 4.3% projected, under 80% of 10%
    assert a2.figure.complete


def test_after_the_year_the_status_is_final(term):
    grid = api.class_subject_grid(term.users["leader_a"], term.codes["A"], on=date(2026, 6, 15))
    toan = {c.subject_code: c for c in grid.rows[0].cells}["TOAN"]
    assert (
        grid.weeks_elapsed == grid.weeks_total and toan.status == ShareStatus.BEHIND
    )  # exactly 10% is not > 10%
    approved(term, ("A", "6A1"), "TOAN", date(2025, 11, 28), 1, "teacher_a")
    grid = api.class_subject_grid(term.users["leader_a"], term.codes["A"], on=date(2026, 6, 15))
    assert {c.subject_code: c for c in grid.rows[0].cells}["TOAN"].status == ShareStatus.MET


def test_a_teacher_sees_only_their_own_cells(term):
    grid = api.class_subject_grid(term.users["teacher_c"], term.codes["A"], on=DEC_1)
    assert [(r.class_name, [c.subject_code for c in r.cells]) for r in grid.rows] == [("6A1", ["NGUVAN"])]
    with pytest.raises(api.ScopeError):
        api.school_summary(term.users["teacher_a"], term.codes["A"])
    with pytest.raises(api.ScopeError):
        api.class_subject_grid(term.users["teacher_b"], term.codes["A"])


def test_school_summary_per_level_with_the_worst_status_overall(term):
    summary = api.school_summary(term.users["commune_y"], term.codes["B"], on=DEC_1)
    assert [s.level for s in summary.levels] == ["primary", "lower_secondary"]
    primary, lower = summary.levels
    assert (primary.figure.online, primary.figure.status) == (10, ShareStatus.MET)  # 7.1% ≥ 5%
    assert lower.figure.status == ShareStatus.NO_PLAN and not lower.figure.complete
    assert summary.overall.figure.status == ShareStatus.NO_PLAN and not summary.overall.figure.complete
    assert primary.gap == Fraction(5, 100) - Fraction(10, 140)


def test_officers_list_their_schools_furthest_behind_first(term):
    commune = api.schools_summary(term.users["commune_x"], on=DEC_1)
    assert [r.school_code for r in commune] == [
        term.codes["A"],
        term.codes["P"],
    ]  # not T: it reports to the province
    province = api.schools_summary(term.users["province"], "22", on=DEC_1)
    assert {r.school_code for r in province} == set(term.codes.values())
    gaps = [r.gap for r in province if r.gap is not None]
    assert gaps == sorted(gaps, reverse=True)
    primary = api.schools_summary(term.users["province"], "22", level="primary", on=DEC_1)
    assert {r.school_code for r in primary} == {term.codes["P"], term.codes["B"]}
    with pytest.raises(api.ScopeError):
        api.schools_summary(term.users["commune_x"], "06652")
    assert [r.school_code for r in api.schools_summary(term.users["leader_a"], "22")] == [term.codes["A"]]
    with pytest.raises(api.ScopeError):
        api.schools_summary(term.users["student"])


def test_unit_summaries_add_up_their_schools(term):
    commune = api.unit_summary(term.users["province"], "06688", on=DEC_1)  # Hạ Long: A and P (not T)
    assert commune.schools == 2
    assert {s.level: (s.figure.planned, s.figure.online) for s in commune.levels} == {
        "lower_secondary": (280, 16)
    }
    province = api.unit_summary(term.users["province"], "22", on=DEC_1)
    assert province.overall.figure.planned == 420 and province.overall.figure.online == 26


def test_the_weekly_trend_ends_on_the_grids_figure(term):
    trend = api.weekly_trend(term.users["leader_a"], class_id=term.classes["A", "6A1"], on=DEC_1)
    assert [p.week for p in trend] == list(range(1, 14))
    assert trend[0].week_starts_on == date(2025, 9, 1) and trend[1].online == 2
    assert (trend[-1].online, trend[-1].planned, str(trend[-1].percent)) == (14, 140, "10.0")
    school = api.weekly_trend(term.users["leader_a"], school_code=term.codes["A"], on=DEC_1)
    grid = api.class_subject_grid(term.users["leader_a"], term.codes["A"], on=DEC_1)
    assert school[-1].online == sum(r.figure.online for r in grid.rows)
    with pytest.raises(api.ScopeError):
        api.weekly_trend(term.users["leader_b"], class_id=term.classes["A", "6A1"])


def test_the_teacher_overview_lists_their_classes_and_sessions(term):
    draft = api.create_session(
        term.users["teacher_a"],
        class_id=term.classes["A", "6A2"],
        subject_code="TOAN",
        starts_at=at(DEC_1),
        periods=1,
    )
    rows = api.teacher_overview(term.users["teacher_a"], on=DEC_1)
    assert [(r.class_name, r.subject_code) for r in rows] == [("6A1", "TOAN"), ("6A2", "TOAN")]
    assert rows[0].sessions_by_status == {"approved": 7} and rows[0].cell.figure.online == 14
    assert rows[1].sessions_by_status == {"approved": 1, "draft": 1}
    api.submit_session(term.users["teacher_a"], draft.id)
    assert api.teacher_overview(term.users["teacher_a"], on=DEC_1)[1].cell.pending == 1


def test_approving_a_pending_session_changes_the_share(term):
    session = api.create_session(
        term.users["teacher_a"],
        class_id=term.classes["A", "6A2"],
        subject_code="TOAN",
        starts_at=at(DEC_1),
        periods=5,
    )
    api.submit_session(term.users["teacher_a"], session.id)
    before = api.class_subject_grid(term.users["leader_a"], term.codes["A"], on=DEC_1).rows[1].cells[0]
    api.approve_session(term.users["leader_a"], session.id)
    after = api.class_subject_grid(term.users["leader_a"], term.codes["A"], on=DEC_1).rows[1].cells[0]
    assert (before.figure.online, before.pending, after.figure.online, after.pending) == (2, 5, 7, 0)


def test_figures_are_provisional_while_a_recompute_is_due(term):
    policy = api.get_policy("2025-2026").policy
    policy["counting"]["min_attendance_share"] = "0.9"
    api.set_policy(term.users["operator"], "2025-2026", policy)
    summary = api.school_summary(term.users["leader_a"], term.codes["A"], on=DEC_1)
    assert not summary.overall.figure.complete
    api.recompute_shares("2025-2026")
    assert api.school_summary(term.users["leader_a"], term.codes["A"], on=DEC_1).overall.figure.complete
