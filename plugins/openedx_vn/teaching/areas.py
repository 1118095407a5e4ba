"""An area's report (a commune or ward, or a province): totals per school level and for the area against each
level's target, a row per commune (province) or per school (commune), the schools reporting to the province
directly, status counts, the weekly trend per level and the schools furthest behind.

Read from the stored roll-ups (``rollups``, ADR 0016): one query for the school × level rows, one for
the weeks; the rest is arithmetic over O(schools) rows, through ``shares``' helpers, so every page shows
the same figures.
"""

from collections import Counter, defaultdict
from dataclasses import replace
from fractions import Fraction

from django.utils.translation import gettext

from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import access, organisation, rollups, shares
from openedx_vn.teaching.data import AreaReport, AreaRow, TrendPoint
from openedx_vn.teaching.share import ShareStatus

FURTHEST_BEHIND = 10


def _unit(code):
    unit = schools_api.get_unit(code)
    if unit is None or unit.level not in ("province", "commune"):
        raise access.ScopeError(gettext("No unit {code!r} in your scope").format(code=code))
    return unit


def _totals(ctx, rows):
    """(per-level ``ShareSummary``s, overall) of roll-up rows added up per level."""
    levels, every = shares._levels(ctx, shares._by_level(rows))
    return levels, shares.overall(ctx, levels, *every)


def _commune_rows(ctx, schools, by_school, school_rows):
    """One ``AreaRow`` per commune or ward of the province, for its schools reporting to it."""
    members = defaultdict(list)
    for school in schools:
        if school.reports_to == "commune":
            members[(school.commune_code, school.commune_name, school.province_code)].append(school)
    out = []
    for (code, name, province), mine in members.items():
        commune_ctx = replace(ctx, policy=ctx.policies.for_place(province, code))
        levels, total = _totals(commune_ctx, [row for s in mine for row in by_school.get(s.code, ())])
        statuses = Counter(school_rows[s.code].overall.figure.status for s in mine)
        out.append(AreaRow(code, name, len(mine), levels, total, statuses[ShareStatus.BEHIND]))
    return sorted(out, key=lambda row: (row.gap is None, -(row.gap or 0), row.code))


def _status_counts(rows):
    """``{level or None (overall): Counter(status → schools)}``."""
    counts = defaultdict(Counter)
    for row in rows:
        counts[None][row.overall.figure.status] += 1
        for summary in row.levels:
            counts[summary.level][summary.figure.status] += 1
    return {level: dict(counter) for level, counter in counts.items()}


def _trend(ctx, levels, weekly):
    """``{level: [TrendPoint]}``: the cumulative counted periods of each level by week against its plan."""
    out = {}
    for summary in levels:
        weeks = weekly.get(summary.level, {})
        last = max([ctx.elapsed, *[w for w in weeks if w <= ctx.total]])
        planned, running, points = summary.figure.planned, 0, []
        for week in range(1, last + 1):
            running += weeks.get(week, 0)
            points.append(
                TrendPoint(
                    week=week,
                    week_starts_on=organisation.week_starts_on(ctx.year, week),
                    online=running,
                    planned=planned,
                    share=Fraction(running, planned) if planned else None,
                )
            )
        out[summary.level] = tuple(points)
    return out


def area_report(user, unit_code, year=None, on=None):
    """``AreaReport`` of a commune or ward (its schools reporting to it) or a province (every school), for
    its officers and operators. Raises ``ScopeError`` (views: 404)."""
    ctx = shares.context(year, on)
    scope = access.scope_of(user)
    unit = _unit(unit_code)
    # A commune's page asks the schools app for that commune's schools only, not the whole scope's.
    schools = access.schools_in_unit(scope, unit_code, commune=unit_code if unit.level == "commune" else None)
    access.require_unit(scope, unit_code, schools)
    if unit.level == "commune":  # its override, else its province's policy (as ``Context.at_unit``)
        area_ctx = replace(ctx, policy=ctx.policies.for_place(unit.parent_code, unit.code))
    else:
        area_ctx = replace(ctx, policy=ctx.policies.for_place(unit.code))
    whole = unit.level == "province" and (scope.everything or unit_code in scope.province_codes)
    codes = None if whole else [s.code for s in schools]
    province = unit_code if whole else None
    rows = rollups.school_rows(ctx.year.name, school_codes=codes, province_code=province)
    weekly = rollups.weekly(ctx.year.name, codes, province)
    parent = _unit(unit.parent_code) if unit.parent_code else None
    weeks = tuple((level, tuple(by_week.items())) for level, by_week in weekly.items())
    key = shares.inputs_key(ctx, schools, rows, "area", unit, parent, weeks)
    return shares.KEPT.get(key, lambda: _report(ctx, unit, parent, area_ctx, schools, rows, weekly))


def _report(ctx, unit, parent, area_ctx, schools, rows, weekly):
    by_school = defaultdict(list)
    for row in rows:
        by_school[row["school_code"]].append(row)
    contexts = {}
    school_rows = {s.code: shares.school_row(ctx, s, by_school.get(s.code, []), contexts) for s in schools}
    levels, total = _totals(area_ctx, rows)
    ordered = shares.furthest_first(school_rows.values())
    is_province = unit.level == "province"
    return AreaReport(
        unit_code=unit.code,
        unit_name=unit.name,
        unit_level=unit.level,
        parent_code=unit.parent_code or "",
        parent_name=parent.name if parent else "",
        year=ctx.year.name,
        as_of=ctx.on,
        weeks_elapsed=ctx.elapsed,
        weeks_total=ctx.total,
        provisional=ctx.stale,
        levels=levels,
        overall=total,
        communes=tuple(_commune_rows(ctx, schools, by_school, school_rows)) if is_province else (),
        direct=tuple(r for r in ordered if r.reports_to == "province") if is_province else (),
        schools=tuple(ordered),
        furthest_behind=tuple(r for r in ordered if r.gap is not None and r.gap > 0)[:FURTHEST_BEHIND],
        status_counts=_status_counts(ordered),
        trend=_trend(ctx, levels, weekly),
    )


__all__ = ["area_report"]
