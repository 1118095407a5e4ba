"""The officers' area pages: a commune or ward, or a province (``/vn/teaching/areas/<unit code>/``), their
filed reports (PDF, XLSX, CSV), and a class's page (the last step of the drill-down province → commune →
school → class).

Figures come from ``teaching.api.area_report`` (stored roll-ups, scope-checked: a unit out of scope is a 404);
percentages are formatted here once, with integers (``charts.tenths``).
"""

from fractions import Fraction

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openedx_vn.core import exports
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api, area_exports, charts
from openedx_vn.teaching import dashboard_exports as exporting
from openedx_vn.teaching import dashboard_views as dashboards
from openedx_vn.teaching.share import ShareStatus

LEVEL_SHORT = exporting.LEVEL_SHORT
STATUSES = ("met", "on_track", "at_risk", "behind", "no_plan", "no_target")


def _pct(share, decimal):
    return charts.percent_text(share, decimal)


def _target(summary):
    return exporting.target_label(summary.target) if summary.target else "–"


def _level_row(summary, schools, decimal):
    figure = summary.figure
    return {
        "level": summary.level or "all",
        "label": LEVEL_SHORT.get(summary.level, "") if summary.level else _("All levels"),
        "name": str(exporting.LEVEL_LABELS.get(summary.level, summary.level)),
        "schools": schools,
        "planned": figure.planned,
        "online": figure.online,
        "share": figure.share,
        "percent": _pct(figure.share, decimal),
        "target": _target(summary),
        "projected": figure.projected,
        "projected_percent": _pct(figure.projected, decimal),
        "status": figure.status,
        "complete": figure.complete,
        "pending": summary.pending,
    }


def _cells_by_level(levels, shown, decimal):
    by_level = {s.level: s for s in levels}
    return [
        {"percent": _pct(by_level[lvl].figure.share, decimal), "status": by_level[lvl].figure.status}
        if lvl in by_level
        else None
        for lvl in shown
    ]


def _school_item(row, shown, year, decimal):
    figure = row.overall.figure
    return {
        "row": row,
        "url": dashboards._with_year(reverse("vn_teaching:school-dashboard", args=[row.school_code]), year),
        "levels": ", ".join(LEVEL_SHORT.get(s.level, s.level) for s in row.levels),
        "by_level": _cells_by_level(row.levels, shown, decimal),
        "percent": _pct(figure.share, decimal),
        "gap": charts.format_tenths(charts.tenths(row.gap), decimal) if row.gap is not None else "",
        "status": figure.status,
        "complete": figure.complete,
    }


def _commune_item(row, shown, year, decimal):
    figure = row.overall.figure
    return {
        "row": row,
        "url": dashboards._with_year(reverse("vn_teaching:area-dashboard", args=[row.code]), year),
        "by_level": _cells_by_level(row.levels, shown, decimal),
        "planned": figure.planned,
        "online": figure.online,
        "percent": _pct(figure.share, decimal),
        "status": figure.status,
        "complete": figure.complete,
    }


def _chart(report):
    series, targets = [], []
    for summary in report.levels:
        short = LEVEL_SHORT.get(summary.level, summary.level)
        points = [(p.week, charts.tenths(p.share)) for p in report.trend.get(summary.level, ())]
        series.append((summary.level, short, points))
        if summary.target is not None:
            value = charts.tenths(Fraction(summary.target.min_share))
            targets.append((summary.level, value, short, ">" if summary.target.strict else "≥"))
    return charts.trend_geometry(series, targets, report.weeks_total)


def area_context(user, unit_code, year, decimal=None):
    """Everything the area page and its files show (``user``: a user or their resolved ``Scope``;
    ``decimal``: the separator, default the page language's); ``Http404`` for a unit out of scope."""
    try:
        report = api.area_report(user, unit_code, year=year)
    except api.ScopeError as exc:
        raise Http404(str(exc)) from exc
    decimal = decimal or formats.get_format("DECIMAL_SEPARATOR")
    shown = [s.level for s in report.levels]
    counts = report.status_counts
    level_rows = [_level_row(s, sum(counts.get(s.level, {}).values()), decimal) for s in report.levels]
    level_rows.append(_level_row(report.overall, len(report.schools), decimal))
    status_rows = [
        {
            "status": status,
            "label": str(ShareStatus(status).label),
            "counts": [counts.get(level, {}).get(status, 0) for level in shown],
            "total": counts.get(None, {}).get(status, 0),
        }
        for status in STATUSES
        if counts.get(None, {}).get(status, 0) or any(counts.get(lvl, {}).get(status) for lvl in shown)
    ]
    return {
        "report": report,
        "decimal": decimal,
        "shown_levels": [(lvl, LEVEL_SHORT.get(lvl, lvl)) for lvl in shown],
        "level_rows": level_rows,
        "status_rows": status_rows,
        "communes": [_commune_item(r, shown, year, decimal) for r in report.communes],
        "direct": [_school_item(r, shown, year, decimal) for r in report.direct],
        # A province's page lists its communes and direct schools, not all its schools: built when shown.
        "schools": [_school_item(r, shown, year, decimal) for r in report.schools]
        if report.unit_level == "commune"
        else [],
        "behind": [_school_item(r, shown, year, decimal) for r in report.furthest_behind],
        "chart": _chart(report),
        "parent_url": dashboards._with_year(
            reverse("vn_teaching:area-dashboard", args=[report.parent_code]), year
        )
        if report.parent_code and report.unit_level == "commune"
        else "",
    }


@login_required
@dashboards._when_no_year
def area_dashboard(request, unit_code):
    """A commune's or province's page: totals per level against the targets, communes or schools, status
    counts, trend per level, projection and the schools furthest behind; its files to file."""
    scope = schools_api.get_scope(request.user)
    year = dashboards._year(request)
    context = area_context(scope, unit_code, year)  # the scope resolved once for the whole page
    if context["parent_url"] and not (
        scope.everything or context["report"].parent_code in scope.province_codes
    ):
        context["parent_url"] = ""  # a commune officer has no province page to go up to
    links = [
        (kind, reverse("vn_teaching:area-export", args=[unit_code, kind])) for kind in area_exports.KINDS
    ]
    context.update(
        dashboards._base_context(request, scope, year=year),
        **dashboards._export_context(links, [("year", year)]),
    )
    return render(request, dashboards.TEMPLATES + "area.html", context)


@login_required
@require_POST
@dashboards._when_no_year
def area_export(request, unit_code, kind):
    """The area's report as PDF or XLSX (the administrative form) or CSV, named after the area and the day."""
    if kind not in area_exports.KINDS:
        raise Http404(_("No export {kind!r}").format(kind=kind))
    # The filed report writes the decimal comma whatever the page's language (CSV writes its own numbers).
    context = area_context(request.user, unit_code, dashboards._year(request), decimal=",")
    content, filename = area_exports.area_file(kind, context)
    link = exports.save_export(content, filename, request.user)
    return dashboards.redirect(link.url)


@login_required
@dashboards._when_no_year
def class_dashboard(request, school_code, class_id):
    """One class of a school: its subjects' shares and its weekly trend (read-only)."""
    scope = schools_api.get_scope(request.user)
    year = dashboards._year(request)
    try:
        grid = api.class_subject_grid(request.user, school_code, year=year)
        trend = api.weekly_trend(request.user, class_id=class_id, year=year)
    except (api.ScopeError, schools_api.SchoolNotFound) as exc:
        raise Http404(str(exc)) from exc
    row = next((r for r in grid.rows if r.class_id == class_id), None)
    if row is None:
        raise Http404(_("No class {id} in this school").format(id=class_id))
    subjects = dashboards._subject_names()
    target = row.cells[0].target if row.cells else None
    targets = [(dashboards._target_percent(target), exporting.target_label(target))] if target else []
    context = dashboards._base_context(
        request,
        scope,
        year=year,
        school=schools_api.get_school(school_code),
        grid=grid,
        row=row,
        overall=dashboards._cell_view(row.figure, row.pending),
        cells=[
            (
                subjects.get(cell.subject_code, cell.subject_code),
                dashboards._cell_view(cell.figure, cell.pending),
            )
            for cell in row.cells
        ],
        trend=trend,
        chart=dashboards.trend_chart(trend, grid.weeks_total, targets),
    )
    return render(request, dashboards.TEMPLATES + "class.html", context)
