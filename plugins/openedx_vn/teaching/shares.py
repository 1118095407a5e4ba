"""Reading the share: a school's class × subject grid, school, commune and province roll-ups, the weekly trend
and a teacher's overview. Everything reads the materialised cells (plus the sessions for the trend); the
arithmetic and the statuses are ``share.py``'s, so every page shows the same numbers.

Roll-ups over many schools add the cells up in SQL (each cell's online periods capped at its plan, as
``share.combine`` does); the tests check both give the same figures.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from fractions import Fraction

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from openedx_vn.core.queries import Compiled
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import access, organisation, policies, rollups, sessions
from openedx_vn.teaching.data import (
    ClassRow,
    SchoolGrid,
    SchoolShareRow,
    SchoolSummary,
    ShareCellInfo,
    ShareSummary,
    TeacherRow,
    TrendPoint,
    UnitSummary,
)
from openedx_vn.teaching.models import OnlineSession, ShareCell
from openedx_vn.teaching.share import ShareStatus, combine

# Worst first: an overall status is the worst of its levels'.
_SEVERITY = {
    ShareStatus.BEHIND: 5,
    ShareStatus.AT_RISK: 4,
    ShareStatus.NO_PLAN: 3,
    ShareStatus.ON_TRACK: 2,
    ShareStatus.MET: 1,
    ShareStatus.NO_TARGET: 0,
}


@dataclass(frozen=True)
class Context:
    """The year, the day figures are read on, its weeks and the policy of the place read (``at``, ``at_unit``:
    a commune's override, else its province's, else the deployment default)."""

    year: object  # SchoolYearInfo
    on: object  # date
    elapsed: int
    total: int
    policy: object  # Policy
    stale: bool
    policies: object = None  # policies.PolicySet of the year

    def at(self, school):
        """This context with the policy of ``school`` (a ``SchoolInfo``)."""
        return replace(self, policy=self.policies.for_school(school))

    def at_unit(self, unit_code):
        """This context with the policy of a commune (its override) or a province; None: the default."""
        unit = schools_api.get_unit(unit_code) if unit_code else None
        if unit is None:
            return self
        if unit.level == "commune":
            return replace(self, policy=self.policies.for_place(unit.parent_code, unit.code))
        return replace(self, policy=self.policies.for_place(unit.code))

    def figure(self, cells, level):
        """``combine`` of ``(planned, online, complete)`` cells against the level's target."""
        cells = [(p, o, c and not self.stale) for p, o, c in cells]
        if not cells:
            cells = [(0, 0, False)]
        target = self.policy.target(level) if level else None
        return combine(cells, target, self.elapsed, self.total, self.policy.at_risk_margin)

    def summary(self, level, cells, replacing=0, pending=0):
        return ShareSummary(
            level=level,
            figure=self.figure(cells, level),
            target=self.policy.target(level) if level else None,
            cap=self.policy.caps.get(level) if level else None,
            replacing=replacing,
            pending=pending,
        )


def context(year=None, on=None):
    """The ``Context`` of ``year`` (default: the current one) read on ``on`` (default: today)."""
    info = organisation.year_info(year, on)
    day = on or timezone.localdate()
    elapsed, total = organisation.weeks(info, day)
    year_policies = policies.policy_set(info.name)
    return Context(info, day, elapsed, total, year_policies.for_place(), year_policies.stale, year_policies)


def overall(ctx, levels, cells, replacing=0, pending=0):
    """All levels together: periods added up, the status the worst of the levels'."""
    summary = ctx.summary(None, cells, replacing, pending)
    statuses = [s.figure.status for s in levels if s.figure.status != ShareStatus.NO_TARGET]
    if statuses:
        worst = max(statuses, key=_SEVERITY.get)
        summary = replace(summary, figure=replace(summary.figure, status=worst))
    return summary


# -------------------------------------------------------------------------------------------- a school
_CELL_FIELDS = (
    "class_id",
    "subject_code",
    "level",
    "grade",
    "planned",
    "online",
    "replacing",
    "pending",
    "complete",
)


# A school's grid reads its cells on every request: compiled once (``core.queries``).
_SCHOOL_CELLS = Compiled(
    lambda year, school: ShareCell.objects.filter(year=year, school_code=school).values_list(*_CELL_FIELDS)
)


def _cells(ctx, school_code, pairs):
    rows = (
        dict(zip(_CELL_FIELDS, row, strict=True))
        for row in _SCHOOL_CELLS(year=ctx.year.name, school=school_code)
    )
    return [row for row in rows if pairs is None or (row["class_id"], row["subject_code"]) in pairs]


def class_subject_grid(user, school_code, year=None, on=None):
    """``SchoolGrid``: the school's classes × subjects (a teacher: their own). Assigned class × subjects
    without a plan show as "no plan" and make the figures provisional. Raises ``ScopeError``."""
    ctx = context(year, on)
    school, pairs = access.readable_school(access.scope_of(user), school_code, ctx.year.name)
    ctx = ctx.at(school)
    # The year and school already read are handed on (no query for them again).
    classes = organisation.classes_of_school(school_code, ctx.year, school)
    found = {(row["class_id"], row["subject_code"]): row for row in _cells(ctx, school_code, pairs)}
    for pair in schools_api.assigned_pairs(school_code, ctx.year.name):
        if pair not in found and (pairs is None or pair in pairs):
            found[pair] = {
                "planned": 0,
                "online": 0,
                "replacing": 0,
                "pending": 0,
                "complete": False,
            }
    subjects = sorted({subject for _class, subject in found})
    rows, by_subject = [], defaultdict(list)
    for keys in classes:
        mine = [
            (subject, found[(keys.class_id, subject)])
            for subject in subjects
            if (keys.class_id, subject) in found
        ]
        if pairs is not None and not mine:
            continue
        cell_infos = []
        for subject, row in mine:
            triple = (row["planned"], row["online"], row["complete"])
            by_subject[subject].append((keys.level, triple))
            cell_infos.append(
                ShareCellInfo(
                    class_id=keys.class_id,
                    class_name=keys.class_name,
                    grade=keys.grade,
                    level=keys.level,
                    subject_code=subject,
                    figure=ctx.figure([triple], keys.level),
                    pending=row["pending"],
                    replacing=row["replacing"],
                    target=ctx.policy.target(keys.level),
                )
            )
        rows.append(
            ClassRow(
                class_id=keys.class_id,
                class_name=keys.class_name,
                grade=keys.grade,
                level=keys.level,
                figure=ctx.figure(
                    [(c.figure.planned, c.figure.online, c.figure.complete) for c in cell_infos], keys.level
                )
                if cell_infos
                else ctx.figure([], keys.level),
                cells=tuple(cell_infos),
                pending=sum(c.pending for c in cell_infos),
            )
        )
    totals = []
    for subject in subjects:
        levels = {level for level, _t in by_subject[subject]}
        level = levels.pop() if len(levels) == 1 else None
        totals.append((subject, ctx.figure([t for _l, t in by_subject[subject]], level)))
    return SchoolGrid(
        school_code=school.code,
        school_name=school.name,
        year=ctx.year.name,
        as_of=ctx.on,
        weeks_elapsed=ctx.elapsed,
        weeks_total=ctx.total,
        subjects=tuple(subjects),
        rows=tuple(rows),
        subject_totals=tuple(totals),
    )


def school_summary(user, school_code, year=None, on=None):
    """``SchoolSummary``: the school's share per level and overall (leaders, officers, operators)."""
    ctx = context(year, on)
    school = access.require_whole_school(access.scope_of(user), school_code)
    ctx = ctx.at(school)
    rows = _rollup(ShareCell.objects.filter(year=ctx.year.name, school_code=school_code), ("level",))
    levels, every = _levels(ctx, rows, school.levels)
    return SchoolSummary(
        school_code=school.code,
        school_name=school.name,
        year=ctx.year.name,
        as_of=ctx.on,
        weeks_elapsed=ctx.elapsed,
        weeks_total=ctx.total,
        levels=levels,
        overall=overall(ctx, levels, *every),
    )


# ------------------------------------------------------------------------------------------- roll-ups
def _capped():
    return Sum(
        Case(
            When(online__lt=F("planned"), then=F("online")), default=F("planned"), output_field=IntegerField()
        )
    )


def _rollup(cells, group):
    """SQL roll-up of ``cells`` per ``group``: planned, online (capped per cell), replacing, pending, and the
    number of cells without a plan."""
    return list(
        cells.order_by()
        .values(*group)
        .annotate(
            planned_sum=Sum("planned"),
            online_sum=_capped(),
            replacing_sum=Sum("replacing"),
            pending_sum=Sum("pending"),
            incomplete=Sum(
                Case(When(complete=False, then=Value(1)), default=Value(0), output_field=IntegerField())
            ),
            cells=Count("id"),
        )
    )


def _by_level(rows):
    """Roll-up rows of (school, level) added up per level."""
    sums = {}
    for row in rows:
        total = sums.setdefault(row["level"], {"level": row["level"]})
        for name in ("planned_sum", "online_sum", "replacing_sum", "pending_sum", "incomplete", "cells"):
            total[name] = total.get(name, 0) + row[name]
    return list(sums.values())


def _triple(row):
    # A roll-up row behaves like one cell in ``combine``: capped online periods, complete when no cell lacks
    # a plan (combine would mark the whole incomplete for any such cell).
    return (row["planned_sum"], row["online_sum"], row["incomplete"] == 0 and row["planned_sum"] > 0)


def _levels(ctx, rows, school_levels=()):
    """Per-level ``ShareSummary`` from roll-up rows grouped by level; also the totals for ``overall``."""
    by_level = {row["level"]: row for row in rows}
    order = [level for level in schools_api.LEVELS if level in by_level or level in school_levels]
    levels = []
    for level in order:
        row = by_level.get(level)
        if row is None:  # a level the school teaches, nothing planned yet
            levels.append(ctx.summary(level, []))
            continue
        levels.append(ctx.summary(level, [_triple(row)], row["replacing_sum"], row["pending_sum"]))
    triples = [_triple(row) for row in rows] + [(0, 0, False) for level in order if level not in by_level]
    return tuple(levels), (
        triples,
        sum(r["replacing_sum"] for r in rows),
        sum(r["pending_sum"] for r in rows),
    )


def school_row(ctx, school, rows, contexts, shown=None):
    """The ``SchoolShareRow`` of ``school`` from its roll-up rows; ``shown``: the levels to show (default:
    the school's). ``contexts``: a dict kept across the schools of one list, one context per place (a
    commune's override, a province's policy): 54 for a province, not 630."""
    place = (school.province_code, school.commune_code, school.reports_to)
    school_ctx = contexts.get(place) or contexts.setdefault(place, ctx.at(school))
    levels, every = _levels(school_ctx, rows, school.levels if shown is None else shown)
    return SchoolShareRow(
        school_code=school.code,
        school_name=school.name,
        commune_code=school.commune_code,
        commune_name=school.commune_name,
        reports_to=school.reports_to,
        levels=levels,
        overall=overall(school_ctx, levels, *every),
    )


def _school_rows(ctx, scope, schools, unit_code, level=None):
    """The stored school × level roll-ups of ``schools`` (ADR 0016): O(schools), not O(cells)."""
    whole_province = unit_code and (scope.everything or unit_code in scope.province_codes)
    if whole_province and all(s.province_code == unit_code for s in schools):
        return rollups.school_rows(ctx.year.name, province_code=unit_code, level=level)
    return rollups.school_rows(ctx.year.name, school_codes=[s.code for s in schools], level=level)


def schools_summary(user, unit_code=None, level=None, year=None, order="gap", on=None):
    """``(SchoolShareRow, ...)`` of the schools the user oversees (in a commune or province), the furthest
    behind first (``order="gap"``), or by ``"code"``/``"name"``. Raises ``ScopeError``. The same inputs give
    the same tuple (``Kept``)."""
    ctx = context(year, on)
    scope = access.scope_of(user)
    schools = access.schools_in_unit(scope, unit_code, level)
    rows = _school_rows(ctx, scope, schools, unit_code, level)

    def compute():
        by_school = defaultdict(list)
        for row in rows:
            by_school[row["school_code"]].append(row)
        contexts = {}
        shown = (level,) if level else None
        out = [school_row(ctx, school, by_school.get(school.code, []), contexts, shown) for school in schools]
        return tuple(_ordered(out, order))

    return KEPT.get(inputs_key(ctx, schools, rows, "schools", level, order), compute)


class Kept:
    """The last results computed in this process, by their inputs (``inputs_key``): the same inputs give the
    same figures, so a list or page read again (officers refresh them through the day) reuses them instead
    of building hundreds of schools' objects, whose garbage-collection pauses were a province page's p95.
    A change to any input is a new key: nothing is ever invalidated, old entries just leave."""

    def __init__(self, size):
        self.size = size
        self.items = {}

    def get(self, key, compute):
        value = self.items.get(key)
        if value is None:
            value = self.items[key] = compute()
            while len(self.items) > self.size:
                self.items.pop(next(iter(self.items)))
        return value


KEPT = Kept(16)  # a province's list or report holds ~17,000 small objects


def inputs_key(ctx, schools, rows, *extra):
    """Everything figures of ``schools`` are computed from, as a hashable value: the schools, the day and
    its weeks, the policies (each row and when it changed) and the roll-up rows; ``extra``: the rest."""
    return (
        tuple(schools),
        ctx.year,
        ctx.on,
        ctx.elapsed,
        ctx.total,
        ctx.stale,
        ctx.policies.key,
        tuple(tuple(row.values()) for row in rows),
        *extra,
    )


def _ordered(rows, order):
    if order == "code":
        return sorted(rows, key=lambda r: r.school_code)
    if order == "name":
        return sorted(rows, key=lambda r: (r.school_name.casefold(), r.school_code))
    if order != "gap":
        raise ValueError(f"order={order!r}: one of gap, code, name")
    return furthest_first(rows)


def furthest_first(rows):
    """Rows by gap to their target, largest first, then by code; those without a gap last. The key is a
    float: ordering needs no exact arithmetic (statuses do), and comparing Fractions hundreds of times
    costs more than the rest of a province's list."""
    return sorted(rows, key=lambda r: (r.gap is None, -float(r.gap or 0), r.school_code))


def unit_summary(user, unit_code=None, year=None, on=None):
    """``UnitSummary`` of a commune (its schools reporting to it) or a province, per level and overall."""
    ctx = context(year, on)
    scope = access.scope_of(user)
    schools = access.schools_in_unit(scope, unit_code)
    if unit_code:
        access.require_unit(scope, unit_code, schools)
        ctx = ctx.at_unit(unit_code)
    rows = _by_level(_school_rows(ctx, scope, schools, unit_code))
    levels, every = _levels(ctx, rows)
    return UnitSummary(
        unit_code=unit_code or "",
        year=ctx.year.name,
        as_of=ctx.on,
        weeks_elapsed=ctx.elapsed,
        weeks_total=ctx.total,
        schools=len(schools),
        levels=levels,
        overall=overall(ctx, levels, *every),
    )


# ---------------------------------------------------------------------------------------------- trend
def weekly_trend(user, school_code=None, class_id=None, year=None, on=None):
    """``[TrendPoint]``: the cumulative share of a school or a class at the end of each week so far (each
    cell's periods capped at its plan, so the last point equals the grid's figure)."""
    scope = access.scope_of(user)
    if class_id is not None:
        try:
            keys = organisation.class_keys(class_id)
        except organisation.UnknownClass as exc:
            raise access.ScopeError(gettext("No class {id} in your scope").format(id=class_id)) from exc
        school_code, year = keys.school_code, keys.year
    if not school_code:
        raise access.ScopeError(gettext("Give a school or a class"))
    ctx = context(year, on)
    _school, pairs = access.readable_school(scope, school_code, ctx.year.name)
    where = Q(year=ctx.year.name, school_code=school_code)
    if class_id is not None:
        where &= Q(class_id=class_id)
    planned = {
        (row["class_id"], row["subject_code"]): row["planned"]
        for row in ShareCell.objects.filter(where).values("class_id", "subject_code", "planned")
        if pairs is None or (row["class_id"], row["subject_code"]) in pairs
    }
    weekly = defaultdict(lambda: defaultdict(int))
    rows = (
        OnlineSession.objects.filter(where, counted=True)
        .order_by()
        .values("week", "class_id", "subject_code")
        .annotate(periods=Sum("periods"))
    )
    for row in rows:
        pair = (row["class_id"], row["subject_code"])
        if pair in planned:
            weekly[row["week"]][pair] += row["periods"]
    last = max([ctx.elapsed, *[w for w in weekly if w <= ctx.total]])
    total_planned = sum(planned.values())
    running, points = defaultdict(int), []
    for week in range(1, last + 1):
        for pair, periods in weekly.get(week, {}).items():
            running[pair] += periods
        online = sum(min(periods, planned[pair]) for pair, periods in running.items())
        points.append(
            TrendPoint(
                week=week,
                week_starts_on=organisation.week_starts_on(ctx.year, week),
                online=online,
                planned=total_planned,
                share=Fraction(online, total_planned) if total_planned else None,
            )
        )
    return points


# -------------------------------------------------------------------------------------------- teacher
def teacher_overview(user, year=None, on=None):
    """``[TeacherRow]``: every class × subject the user teaches in the year, with its share and their
    sessions counted by status."""
    ctx = context(year, on)
    scope = access.scope_of(user)
    if scope.user_id is None:
        raise access.ScopeError(gettext("Sign in to see your classes"))
    assignments = schools_api.list_assignments(year=ctx.year.name, teacher_user_id=scope.user_id)
    pairs = {(a.class_id, a.subject_code) for a in assignments}
    cells = {
        (row["class_id"], row["subject_code"]): row
        for row in ShareCell.objects.filter(year=ctx.year.name, class_id__in={c for c, _s in pairs}).values(
            *_CELL_FIELDS
        )
    }
    counts = defaultdict(dict)
    session_rows = (
        sessions.visible(scope)
        .filter(year=ctx.year.name, class_id__in={c for c, _s in pairs})
        .order_by()
        .values("class_id", "subject_code", "status")
        .annotate(n=Count("id"))
    )
    for row in session_rows:
        counts[(row["class_id"], row["subject_code"])][row["status"]] = row["n"]
    out, school_levels, school_ctx = [], {}, {}
    for a in assignments:
        if a.school_code not in school_levels:
            info = access.school(a.school_code)
            school_levels[a.school_code], school_ctx[a.school_code] = info.levels, ctx.at(info)
        row = cells.get(
            (a.class_id, a.subject_code),
            {"planned": 0, "online": 0, "replacing": 0, "pending": 0, "complete": False},
        )
        level = organisation.level_of(a.grade, school_levels[a.school_code])
        cell = ShareCellInfo(
            class_id=a.class_id,
            class_name=a.class_name,
            grade=a.grade,
            level=level,
            subject_code=a.subject_code,
            figure=school_ctx[a.school_code].figure(
                [(row["planned"], row["online"], row["complete"])], level
            ),
            pending=row["pending"],
            replacing=row["replacing"],
            target=school_ctx[a.school_code].policy.target(level),
        )
        out.append(
            TeacherRow(
                a.school_code,
                a.class_id,
                a.class_name,
                a.grade,
                a.subject_code,
                cell,
                dict(counts.get((a.class_id, a.subject_code), {})),
            )
        )
    return out
