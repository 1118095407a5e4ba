"""The stored roll-ups (ADR 0016): after approvals, rejections, plan changes, deletions, block visits and a
full recompute, the per school × level rows equal a from-scratch sum of the cells, and the weekly rows a
from-scratch sum of the counted sessions; the area figures read from them equal ``share.combine`` over the
cells."""

from collections import defaultdict
from datetime import date

import pytest
from django.utils import translation

from openedx_vn.teaching import api, rollups
from openedx_vn.teaching.models import OnlineSession, ShareCell, ShareRollup, ShareWeek
from openedx_vn.teaching.rest import present

from .conftest import HA_LONG, QN
from .test_cells import PAIRS, Actor

pytestmark = pytest.mark.django_db
YEAR = "2025-2026"


def from_cells():
    """School × level totals summed from the cells in Python, each cell capped at its plan."""
    sums = defaultdict(lambda: dict.fromkeys(rollups.TOTALS, 0))
    for cell in ShareCell.objects.filter(year=YEAR):
        total = sums[(cell.school_code, cell.level, cell.commune_code, cell.province_code, cell.reports_to)]
        for name, value in rollups.part(
            {
                "planned": cell.planned,
                "online": cell.online,
                "replacing": cell.replacing,
                "pending": cell.pending,
            }
        ).items():
            total[name] += value
    return {key: tuple(total[name] for name in rollups.TOTALS) for key, total in sums.items()}


def stored():
    place = ("school_code", "level", "commune_code", "province_code", "reports_to")
    return {
        tuple(row[:5]): tuple(row[5:])
        for row in ShareRollup.objects.filter(year=YEAR).values_list(*place, *rollups.TOTALS)
    }


def weeks_from_sessions():
    sums = defaultdict(int)
    for session in OnlineSession.objects.filter(year=YEAR, counted=True):
        sums[(session.school_code, session.level, session.week)] += session.periods
    return dict(sums)


def stored_weeks():
    rows = ShareWeek.objects.filter(year=YEAR).values_list("school_code", "level", "week", "online")
    return {tuple(row[:3]): row[3] for row in rows}


@pytest.mark.parametrize("seed", [1, 4])
def test_roll_ups_equal_a_sum_of_the_cells_after_any_changes_and_a_recompute(org, seed):
    actor = Actor(org, seed)
    done = []
    for step in range(120):
        done.append(actor.step())
        if step % 30 == 29:
            assert stored() == from_cells(), done
            assert stored_weeks() == weeks_from_sessions(), done
    assert {"approve", "reject", "plan", "unplan", "visit"} <= set(done)
    incremental, incremental_weeks = stored(), stored_weeks()
    assert any(total[1] for total in incremental.values())  # some online periods were counted
    assert incremental_weeks  # and some weeks have them
    api.recompute_shares(YEAR)
    assert stored() == incremental == from_cells()
    assert stored_weeks() == incremental_weeks == weeks_from_sessions()


def test_a_cell_over_its_plan_counts_only_its_plan_in_the_roll_up(org):
    class_id = org.classes["A", "6A1"]
    api.set_plan(class_id, "TOAN", planned_periods=2)
    actor = Actor(org, 9)
    for _ in range(3):
        actor._create(("A", "6A1"), "TOAN", "teacher_a")
        actor.day = date(actor.day.year, actor.day.month, actor.day.day + 1)
    for session in OnlineSession.objects.filter(class_id=class_id):
        api.submit_session(org.users["teacher_a"], session.pk)
        api.approve_session(org.users["leader_a"], session.pk)
    cell = ShareCell.objects.get(class_id=class_id, subject_code="TOAN")
    assert cell.online > cell.planned == 2
    row = ShareRollup.objects.get(year=YEAR, school_code=org.codes["A"], level="lower_secondary")
    assert (row.planned, row.online) == (2, 2)
    api.set_plan(class_id, "TOAN", planned_periods=140)  # a bigger plan: every period counts again
    row.refresh_from_db()
    assert (row.planned, row.online) == (140, cell.online)
    api.delete_plan(class_id, "TOAN")  # no plan: nothing planned, the cell now incomplete
    row.refresh_from_db()
    assert (row.planned, row.online, row.incomplete) == (0, 0, 1)
    assert stored() == from_cells()


@pytest.mark.parametrize(("who", "unit", "where"), [("province", QN, {}), ("commune_x", HA_LONG, {})])
def test_the_area_figures_read_from_the_roll_ups_equal_the_cells(org, who, unit, where):
    actor = Actor(org, 2)
    for _ in range(100):
        actor.step()
    for key, subject, _teacher in PAIRS[:3]:  # planned after the random changes (which unplan too)
        api.set_plan(org.classes[key], subject, planned_periods=35)
    if unit == HA_LONG:  # a commune: its schools reporting to it, not the upper-secondary one on its ground
        where = {"commune_code": HA_LONG, "reports_to": "commune"}
    summary = api.unit_summary(org.users[who], unit, on=date(2025, 12, 1))
    cells = ShareCell.objects.filter(year=YEAR, **where)
    assert {s.level for s in summary.levels} == set(cells.values_list("level", flat=True))
    for level in summary.levels:
        mine = cells.filter(level=level.level)
        planned = sum(c.planned for c in mine)
        online = sum(min(c.online, c.planned) for c in mine)
        assert (level.figure.planned, level.figure.online) == (planned, online)
    assert summary.overall.figure.online  # the random changes counted something


def test_the_recompute_corrects_roll_ups_gone_wrong_by_differences(org):
    actor = Actor(org, 3)
    for _ in range(60):
        actor.step()
    api.set_plan(org.classes["A", "6A1"], "TOAN", planned_periods=70)
    right, right_weeks = from_cells(), weeks_from_sessions()
    wrong = ShareRollup.objects.filter(year=YEAR).order_by("pk").first()
    ShareRollup.objects.filter(pk=wrong.pk).update(online=wrong.online + 7, planned=wrong.planned + 1)
    ShareRollup.objects.create(  # a stray row: no cell behind it
        year=YEAR,
        school_code="99999999",
        level="primary",
        commune_code="1",
        province_code="1",
        reports_to="x",
    )
    first_week = ShareWeek.objects.filter(year=YEAR).order_by("pk").first()
    assert first_week is not None
    ShareWeek.objects.filter(pk=first_week.pk).delete()  # a week lost
    api.recompute_shares(YEAR)
    assert stored() == right == from_cells()
    assert stored_weeks() == right_weeks


def test_a_recompute_with_every_roll_up_lost_makes_them_all_again(org):
    actor = Actor(org, 5)
    for _ in range(60):
        actor.step()
    right, right_weeks = from_cells(), weeks_from_sessions()
    assert right and right_weeks
    ShareRollup.objects.all().delete()
    ShareWeek.objects.all().delete()
    rollups.rebuild(YEAR)
    assert stored() == right and stored_weeks() == right_weeks


def test_missing_rows_are_inserted_in_bulk(org, django_assert_max_num_queries):
    """A first recompute makes a province's ~13,000 weekly rows: one by one (three statements each) it took
    minutes."""
    place = {"commune_code": "06688", "province_code": QN, "reports_to": "commune"}
    wanted = {(YEAR, "22000101", "primary", week): (place, {"online": week}) for week in range(1, 301)}
    with django_assert_max_num_queries(8):  # a savepoint and batches (SQLite takes ~120 rows a statement)
        changed = rollups._correct(ShareWeek, ("year", "school_code", "level", "week"), wanted, {})  # noqa: SLF001
    assert changed == 300
    assert stored_weeks() == {key[1:]: online["online"] for key, (_place, online) in wanted.items()}


def test_a_row_made_meanwhile_gets_the_difference_added_not_an_error(org):
    """A row the recompute's snapshot did not hold but an approval made since: the bulk insert collides, and
    each row is then added to one by one, keeping what the approval put there."""
    actor = Actor(org, 6)
    for _ in range(40):
        actor.step()
    right_weeks = weeks_from_sessions()
    (school, level, week), online = next(iter(right_weeks.items()))
    place = ShareWeek.objects.filter(year=YEAR, school_code=school).values(
        "commune_code", "province_code", "reports_to"
    )[0]
    wanted = {(YEAR, school, level, week): (place, {"online": online})}
    ShareWeek.objects.filter(year=YEAR, school_code=school, level=level, week=week).update(
        online=3
    )  # meanwhile
    changed = rollups._correct(ShareWeek, ("year", "school_code", "level", "week"), wanted, {})  # noqa: SLF001
    assert changed == 1
    assert ShareWeek.objects.get(year=YEAR, school_code=school, level=level, week=week).online == online + 3


def test_an_area_report_is_reused_for_the_same_figures_and_never_after_a_change(org):
    """``area_report`` keeps the last reports by their inputs: read again unchanged, the same report; after
    any change (sessions, a plan, the policy) a new one with the new figures."""
    actor = Actor(org, 5)
    for _ in range(40):
        actor.step()
    officer, day = org.users["province"], date(2025, 12, 1)
    first = api.area_report(officer, QN, on=day)
    assert api.area_report(officer, QN, on=day) is first
    assert api.area_report(org.users["operator"], QN, on=day) is first  # the same schools, the same figures
    listed = api.schools_summary(officer, QN, on=day)
    assert api.schools_summary(officer, QN, on=day) is listed
    shown = present.school_rows(listed)  # the API's JSON, built once per language for a kept list
    assert present.school_rows(api.schools_summary(officer, QN, on=day)) is shown
    assert shown == [present.school_row(row) for row in listed]
    with translation.override("vi"):  # the words of a row are in the reader's language: kept apart
        in_vietnamese = present.school_rows(listed)
    with translation.override("en"):
        assert present.school_rows(listed) is not in_vietnamese
        assert present.school_rows(listed) is present.school_rows(listed)
    assert [a is b for a, b in zip(listed, api.schools_summary(officer, QN, on=day), strict=True)] == [
        True
    ] * len(listed)

    api.set_plan(org.classes["A", "6A1"], "TOAN", planned_periods=999)
    planned = api.area_report(officer, QN, on=day)
    fresh = api.unit_summary(officer, QN, on=day)  # read without the memo
    assert planned is not first
    assert planned.overall.figure.planned == fresh.overall.figure.planned != first.overall.figure.planned
    relisted = {row.school_code: row for row in api.schools_summary(officer, QN, on=day)}
    before = {row.school_code: row for row in listed}
    assert relisted[org.codes["A"]].overall.figure.planned != before[org.codes["A"]].overall.figure.planned
    assert (
        relisted[org.codes["B"]] is before[org.codes["B"]]
        or relisted[org.codes["B"]] == before[org.codes["B"]]
    )

    for _ in range(40):
        actor.step()
    after = api.area_report(officer, QN, on=day)
    fresh = api.unit_summary(officer, QN, on=day)
    assert (after.overall.figure.planned, after.overall.figure.online) == (
        fresh.overall.figure.planned,
        fresh.overall.figure.online,
    )

    policy = api.get_policy("2025-2026").policy
    policy["targets"]["primary"] = {"min_share": "0.5", "strict": False}
    api.set_policy(officer, "2025-2026", policy)
    stricter = api.area_report(officer, QN, on=day)
    primary = next(s for s in stricter.levels if s.level == "primary")
    assert str(primary.target.min_share) == "0.5"
