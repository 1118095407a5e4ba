"""Dashboards of the online-teaching share, one per role, and their exports.

- ``/vn/teaching/`` shows each user the dashboard of their role, the first that applies: operators and
  officers the schools list, the leader of one school that school, a teacher their classes, platform staff
  without a role of ours the schools list; anyone else gets 403 (anonymous visitors a sign-in link).
- a teacher: their classes × subjects and their sessions (enter one, submit it);
- a school: classes × subjects coloured by status, the trend over the weeks, the sessions awaiting approval
  (the school's leaders approve or reject them; officers read);
- officers and operators: the schools in scope, filtered by level and commune, sorted by gap to the target.

Every figure comes from ``teaching.api`` and every school from ``schools.api``, which check the user's scope:
a school out of scope answers 404, an action the user may not take 403.
"""

import functools
from datetime import datetime
from decimal import ROUND_CEILING, Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openedx_vn.audit import api as audit_api
from openedx_vn.core import exports
from openedx_vn.core.conf import vn_setting
from openedx_vn.core.vietnamese import fold
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api
from openedx_vn.teaching import dashboard_exports as exporting

TEMPLATES = "openedx_vn/teaching/dashboards/"
ORDERS = ("gap", "share", "name")
SESSION_STATUS_LABELS = {
    "draft": gettext_lazy("draft"),
    "submitted": gettext_lazy("awaiting approval"),
    "approved": gettext_lazy("approved"),
    "rejected": gettext_lazy("rejected"),
    "recorded": gettext_lazy("recorded by the lesson block"),
}


# --------------------------------------------------------------------------------------------- roles
def _roles(scope):
    return {role.role for role in scope.roles}


def _sees_schools(scope):
    """Officers, operators, staff and school leaders: the schools list is for them."""
    return scope.everything or bool(scope.province_codes or scope.commune_codes or scope.led_school_codes)


def _navigation(scope):
    """Links to every dashboard the user has: (url, label)."""
    links = []
    if scope.everything or scope.province_codes or scope.commune_codes:
        links.append((reverse("vn_teaching:schools-dashboard"), _("Schools")))
    for code in sorted(set(scope.province_codes) | set(scope.commune_codes)):  # their area's report
        unit = schools_api.get_unit(code)
        if unit is not None:
            links.append((reverse("vn_teaching:area-dashboard", args=[code]), unit.name))
    for code in sorted(scope.led_school_codes):
        links.append(
            (reverse("vn_teaching:school-dashboard", args=[code]), schools_api.get_school(code).name)
        )
    if scope.taught_school_codes:
        links.append((reverse("vn_teaching:teacher-dashboard"), _("My classes")))
    return links


def home(request):
    """The dashboard of the user's role, in place (the address stays /vn/teaching/)."""
    if not request.user.is_authenticated:
        login_url = redirect_to_login(request.get_full_path()).url
        return render(request, TEMPLATES + "sign_in.html", {"login_url": login_url})
    scope = schools_api.get_scope(request.user)
    roles = _roles(scope)
    if "operator" in roles or scope.province_codes or scope.commune_codes:
        return schools_dashboard(request)
    if len(scope.led_school_codes) == 1:
        return school_dashboard(request, next(iter(scope.led_school_codes)))
    if scope.led_school_codes:
        return schools_dashboard(request)
    if scope.taught_school_codes:
        return teacher_dashboard(request)
    if scope.everything:  # platform staff without a role of ours
        return schools_dashboard(request)
    raise PermissionDenied


# ------------------------------------------------------------------------------------------ helpers
def _year(request):
    """The school year asked for (``?year=2025-2026``), or None for the current one; 404 if unknown."""
    name = request.GET.get("year") or request.POST.get("year") or None
    if name and name not in {year.name for year in schools_api.list_school_years()}:
        raise Http404(_("No school year {name!r}").format(name=name))
    return name


def _years():
    return [year.name for year in schools_api.list_school_years()]


def _subject_names():
    """Subject code → its Vietnamese name, from the curriculum (codes alone if none was loaded)."""
    try:
        subjects = curriculum_api.get_subjects()
    except curriculum_api.CurriculumError:
        return {}
    names = {}
    for subject in subjects:
        names.setdefault(subject.code, subject.name_vi)
    return names


def _target_percent(target):
    return None if target is None else (Decimal(target.min_share) * 100).quantize(Decimal("0.1"))


def _base_context(request, scope, **extra):
    return {"navigation": _navigation(scope), "years": _years(), **extra}


def _export_context(links, params=()):
    """The export buttons: ``links`` [(kind, url)], hidden ``params`` [(name, value)] they send along."""
    minutes = max(1, int(vn_setting("EXPORT_LINK_SECONDS")) // 60)
    return {"export_links": links, "export_params": list(params), "export_minutes": minutes}


def _when_no_year(view):
    """Before an operator creates the first school year there is nothing to show: say so, not 500."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except api.UnknownYear:
            context = _base_context(request, schools_api.get_scope(request.user))
            return render(request, TEMPLATES + "no_year.html", context)

    return wrapped


def _people(user_ids):
    """User id → display name, Vietnamese order (family and middle names, then the given name)."""
    people = {}
    for user in get_user_model().objects.filter(pk__in=set(user_ids)):
        people[user.pk] = " ".join(p for p in (user.last_name, user.first_name) if p) or user.username
    return people


# ------------------------------------------------------------------------------------------ teacher
class SessionForm(forms.Form):
    """A session entered by hand: which class × subject, when, how many periods, how it was taught."""

    slot = forms.ChoiceField(label=gettext_lazy("Class and subject"))
    # Text, not <input type="date">: that one shows the browser's own format (mm/dd/yyyy in an English
    # browser); schools write dd/mm/yyyy, which the Vietnamese input formats read (and ISO dates too).
    day = forms.DateField(
        label=gettext_lazy("Date (dd/mm/yyyy)"),
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    start = forms.TimeField(label=gettext_lazy("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    periods = forms.IntegerField(label=gettext_lazy("Periods"), min_value=1, max_value=20, initial=1)
    mode = forms.ChoiceField(
        label=gettext_lazy("Mode"),
        choices=[("live", gettext_lazy("live")), ("self_paced", gettext_lazy("self-paced"))],
    )
    form = forms.ChoiceField(
        label=gettext_lazy("Form"),
        choices=[
            ("supporting", gettext_lazy("supporting in-person teaching")),
            ("replacing", gettext_lazy("replacing in-person teaching")),
        ],
    )
    attendance = forms.IntegerField(label=gettext_lazy("Students present"), min_value=0, required=False)
    url = forms.URLField(label=gettext_lazy("Meeting or lesson link"), required=False, assume_scheme="https")

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = list(slots)

    def session_fields(self):
        data = self.cleaned_data
        class_id, subject_code = data["slot"].split(":", 1)
        starts_at = timezone.make_aware(datetime.combine(data["day"], data["start"]))
        return {
            "class_id": int(class_id),
            "subject_code": subject_code,
            "starts_at": starts_at,
            "periods": data["periods"],
            "mode": data["mode"],
            "form": data["form"],
            "attendance": data["attendance"],
            "url": data["url"] or "",
        }


def _teacher_rows(request, year):
    subjects = _subject_names()
    rows = api.teacher_overview(request.user, year=year)
    return [
        {
            "row": row,
            "subject_name": subjects.get(row.subject_code, row.subject_code),
            "figure": row.cell.figure,
            "percent": row.cell.figure.percent(),
            "status": row.cell.figure.status,
            "pending": row.cell.pending,
        }
        for row in rows
    ], subjects


@login_required
@_when_no_year
def teacher_dashboard(request):
    """A teacher's classes × subjects with their shares, and their own sessions."""
    scope = schools_api.get_scope(request.user)
    if not scope.taught_school_codes:
        raise PermissionDenied
    year = _year(request)
    rows, subjects = _teacher_rows(request, year)
    slots = [
        (
            f"{item['row'].class_id}:{item['row'].subject_code}",
            f"{item['row'].class_name} – {item['subject_name']}",
        )
        for item in rows
    ]
    form = SessionForm(request.POST or None, slots=slots)
    if request.method == "POST" and form.is_valid():
        try:
            session = api.create_session(request.user, **form.session_fields())
        except api.SessionPermissionError as exc:
            raise PermissionDenied(str(exc)) from exc
        except api.TeachingError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Session saved as a draft: submit it for approval."))
            url = _with_year(reverse("vn_teaching:teacher-dashboard"), year)
            return redirect(f"{url}#session-{session.id}")
    sessions = api.list_sessions(request.user, teacher_user_id=request.user.pk, year=year)
    context = _base_context(
        request,
        scope,
        year=year,
        rows=rows,
        form=form,
        sessions=[
            {
                "session": session,
                "subject_name": subjects.get(session.subject_code, session.subject_code),
                "status_label": SESSION_STATUS_LABELS.get(session.status, session.status),
                "submittable": session.source != "block" and session.status in ("draft", "rejected"),
            }
            for session in sessions
        ],
    )
    return render(request, TEMPLATES + "teacher.html", context, status=400 if form.errors else 200)


def _form_errors(form, exc):
    fields = {"starts_at": "day", "class_id": "slot", "subject_code": "slot"}
    errors = getattr(exc, "errors", None) or {None: str(exc)}
    for name, message in errors.items():
        field = fields.get(name, name)
        form.add_error(field if field in form.fields else None, message)


def _with_year(url, year):
    return f"{url}?year={year}" if year else url


@login_required
@require_POST
def submit_session(request, session_id):
    """Submit one of the user's draft or rejected sessions for the school leader's approval."""
    try:
        api.submit_session(request.user, session_id)
    except api.ScopeError as exc:
        raise Http404(str(exc)) from exc
    except api.SessionPermissionError as exc:
        raise PermissionDenied(str(exc)) from exc
    except api.TeachingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Session submitted for approval."))
    return redirect(_with_year(reverse("vn_teaching:teacher-dashboard"), _year(request)))


# ------------------------------------------------------------------------------------------- school
def _cell_view(figure, pending=0):
    return {
        "figure": figure,
        "percent": figure.percent(),
        "status": figure.status,
        "complete": figure.complete,
        "pending": pending,
    }


def _grid_view(grid, subjects):
    columns = [(code, subjects.get(code, code)) for code in grid.subjects]
    rows = []
    for row in grid.rows:
        by_subject = {cell.subject_code: cell for cell in row.cells}
        rows.append(
            {
                "row": row,
                "overall": _cell_view(row.figure, row.pending),
                "cells": [
                    _cell_view(by_subject[code].figure, by_subject[code].pending)
                    if code in by_subject
                    else None
                    for code, _name in columns
                ],
            }
        )
    totals = dict(grid.subject_totals)
    return {
        "columns": columns,
        "rows": rows,
        "totals": [_cell_view(totals[code]) if code in totals else None for code, _name in columns],
    }


def trend_chart(points, weeks_total, targets):
    """Geometry of the trend chart (an inline SVG drawn by the template): cumulative share by week, and a
    dashed line for each target (``targets``: (percent, label) pairs). Drawn on the server: no script, no
    chart library, and it prints."""
    width, height, left, right, top, bottom = 640, 240, 44, 12, 12, 32
    plot_w, plot_h = width - left - right, height - top - bottom
    shares = [p.percent for p in points if p.percent is not None]
    highest = max([Decimal(1), *shares, *(value for value, _label in targets)])
    room = highest * Decimal("1.2")  # some space above the highest line
    step = next((Decimal(s) for s in (1, 2, 5, 10, 20, 25, 50) if room / s <= 6), Decimal(100))
    top_value = step * (room / step).to_integral_value(rounding=ROUND_CEILING)
    last_week = max(weeks_total, max((p.week for p in points), default=1), 2)

    def x(week):
        return round(left + (week - 1) * plot_w / (last_week - 1), 1)

    def y(value):
        return round(top + plot_h - float(value / top_value) * plot_h, 1)

    plotted = [(x(p.week), y(p.percent), p) for p in points if p.percent is not None]
    ticks = []
    value = Decimal(0)
    while value <= top_value:
        ticks.append({"y": y(value), "label": value})
        value += step
    week_ticks = [
        {"x": x(week), "label": week} for week in range(1, last_week + 1) if week == 1 or week % 5 == 0
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": top + plot_h,
        "polyline": " ".join(f"{px},{py}" for px, py, _p in plotted),
        "points": plotted,
        "y_ticks": ticks,
        "x_ticks": week_ticks,
        "targets": [
            {"y": y(value), "label_y": y(value) - 4, "label": label} for value, label in sorted(set(targets))
        ],
        "label_x": left - 6,
        "week_label_y": top + plot_h + 16,
    }


def _school_context(request, code, year):
    """Everything the school page and its exports show; raises Http404 for a school out of scope."""
    try:
        grid = api.class_subject_grid(request.user, code, year=year)
        summary = api.school_summary(request.user, code, year=year)
        trend = api.weekly_trend(request.user, school_code=code, year=year)
        pending = api.list_sessions(request.user, school_code=code, status="submitted", year=grid.year)
    except (api.ScopeError, schools_api.SchoolNotFound) as exc:
        raise Http404(str(exc)) from exc
    subjects = _subject_names()
    levels = [
        {
            "summary": s,
            "label": _level_label(s.level),
            "percent": s.figure.percent(),
            "target": _target_percent(s.target),
            "target_label": exporting.target_label(s.target),
            "gap": exporting.percent(s.gap),
        }
        for s in summary.levels
    ]
    targets = [
        (_target_percent(s.target), exporting.target_label(s.target)) for s in summary.levels if s.target
    ]
    people = _people(session.teacher_user_id for session in pending)
    return {
        "school": schools_api.get_school(code),
        "grid": grid,
        "grid_view": _grid_view(grid, subjects),
        "summary": summary,
        "levels": levels,
        "overall_cell": _cell_view(summary.overall.figure, summary.overall.pending),
        "trend": trend,
        "chart": trend_chart(trend, grid.weeks_total, targets),
        "pending": [
            {
                "session": s,
                "subject_name": subjects.get(s.subject_code, s.subject_code),
                "teacher": people.get(s.teacher_user_id, ""),
            }
            for s in pending
        ],
        "subjects": subjects,
    }


@login_required
@_when_no_year
def school_dashboard(request, school_code):
    """A school's grid, trend and sessions awaiting approval; its leaders approve and reject from here."""
    scope = schools_api.get_scope(request.user)
    year = _year(request)
    context = _school_context(request, school_code, year)
    links = [
        (kind, reverse("vn_teaching:school-export", args=[school_code, kind]))
        for kind in exporting.SCHOOL_KINDS
    ]
    context.update(
        _base_context(request, scope, year=year),
        can_decide=school_code in scope.led_school_codes,
        **_export_context(links, [("year", year)]),
    )
    return render(request, TEMPLATES + "school.html", context)


def _decision(request, school_code, session_id, decide, done):
    try:
        decide()
    except api.ScopeError as exc:
        raise Http404(str(exc)) from exc
    except api.SessionPermissionError as exc:
        raise PermissionDenied(str(exc)) from exc
    except api.TeachingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect(_with_year(reverse("vn_teaching:school-dashboard", args=[school_code]), _year(request)))


@login_required
@require_POST
def approve_session(request, school_code, session_id):
    """Approve a submitted session: it counts towards the share from now on."""
    return _decision(
        request,
        school_code,
        session_id,
        lambda: api.approve_session(request.user, session_id),
        _("Session approved: it now counts towards the share."),
    )


@login_required
@require_POST
def reject_session(request, school_code, session_id):
    """Reject a submitted session with a reason its teacher reads."""
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, _("Say why the session is rejected."))
        return redirect(
            _with_year(reverse("vn_teaching:school-dashboard", args=[school_code]), _year(request))
        )
    return _decision(
        request,
        school_code,
        session_id,
        lambda: api.reject_session(request.user, session_id, reason),
        _("Session rejected; its teacher sees your reason."),
    )


@login_required
@require_POST
@_when_no_year
def school_export(request, school_code, kind):
    """The school's report as CSV, XLSX or PDF, stored and offered through a link that expires."""
    context = _school_context(request, school_code, _year(request))
    content, filename = exporting.school_file(kind, context)
    link = exports.save_export(content, filename, request.user)
    # The report names the teachers of its sessions: audited (ADR 0013).
    audit_api.record(request.user, "export.names", "school_report", filename, school_code=school_code)
    return redirect(link.url)


# ---------------------------------------------------------------------------------- officers' schools
def _areas(scope):
    """The communes the user may filter by: (code, name), Vietnamese alphabetical order approximated by the
    folded name, for the communes of their schools."""
    seen = {}
    for school in schools_api.schools_in_scope(scope):
        seen.setdefault(school.commune_code, school.commune_name)
    return sorted(seen.items(), key=lambda item: (fold(item[1]), item[1]))


def _gap_key(row):
    return (0, -row["gap"]) if row["gap"] is not None else (1, 0)


def _school_row(row):
    targets = sorted({s.target for s in row.levels if s.target is not None}, key=lambda t: t.min_share)
    return {
        "row": row,
        "percent": row.overall.figure.percent(),
        "gap": exporting.percent(row.gap),
        "targets": targets,
        "target_labels": [exporting.target_label(t) for t in targets],
        "status": row.overall.figure.status,
        "complete": row.overall.figure.complete,
        "pending": row.overall.pending,
        "level_labels": [str(_level_label(s.level)) for s in row.levels],
    }


def _schools_rows(user, params, year):
    area = params.get("area") or None
    level = params.get("level") or None
    order = params.get("order") or "gap"
    if level and level not in schools_api.LEVELS:
        raise Http404(_("No level {level!r}").format(level=level))
    if order not in ORDERS:
        order = "gap"
    try:
        found = api.schools_summary(user, unit_code=area, level=level, year=year, order="gap")
    except api.ScopeError as exc:
        raise Http404(str(exc)) from exc
    rows = [_school_row(row) for row in found]
    if order == "gap":
        rows.sort(key=lambda r: (_gap_key(r), r["row"].school_code))
    elif order == "share":
        rows.sort(key=lambda r: (r["percent"] is None, r["percent"] or 0, r["row"].school_code))
    else:
        rows.sort(key=lambda r: (fold(r["row"].school_name), r["row"].school_name))
    return rows, {"area": area, "level": level, "order": order}


@login_required
def schools_dashboard(request):
    """The schools in the user's scope with their share and gap; each links to its (read-only) grid."""
    scope = schools_api.get_scope(request.user)
    if not _sees_schools(scope):
        raise PermissionDenied
    year = _year(request)
    try:
        rows, filters = _schools_rows(request.user, request.GET, year)
    except api.UnknownYear:  # staff still see the enrolments below
        rows, filters = None, {"area": None, "level": None, "order": "gap"}
    context = _base_context(
        request,
        scope,
        year=year,
        rows=rows,
        filters=filters,
        areas=_areas(scope),
        levels=[(level, _level_label(level)) for level in schools_api.LEVELS],
        orders=[("gap", _("gap to target")), ("share", _("share")), ("name", _("name"))],
        enrollments=api.list_enrollment_summaries() if scope.everything else None,
        **_export_context(
            [(kind, reverse("vn_teaching:schools-export", args=[kind])) for kind in exporting.SCHOOLS_KINDS],
            [("year", year), *filters.items()],
        ),
    )
    return render(request, TEMPLATES + "schools.html", context)


@login_required
@require_POST
@_when_no_year
def schools_export(request, kind):
    """The officer's list of schools as CSV or XLSX, stored and offered through a link that expires."""
    scope = schools_api.get_scope(request.user)
    if not _sees_schools(scope):
        raise PermissionDenied
    year = _year(request)
    rows, filters = _schools_rows(request.user, request.POST, year)  # the filters travel with the form
    content, filename = exporting.schools_file(kind, rows, filters, year)
    link = exports.save_export(content, filename, request.user)
    return redirect(link.url)


def _level_label(level):
    return exporting.LEVEL_LABELS.get(level, level)
