"""Pages under /vn/reporting/: teachers' digital-skills training and the QĐ 4725 evidence, per school and
rolled up to the commune and the province. Every figure comes from ``api``, which checks the scope; users
without a reporting role get 403."""

from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openedx_vn.core.vietnamese import number
from openedx_vn.reporting import api

FIGURES = {
    "online_share": lambda: _("Online teaching share"),
    "training_share": lambda: _("Teachers trained in digital skills"),
    "bank_questions": lambda: _("Questions in the school's banks"),
    "online_tests": lambda: _("Online tests held"),
    "students_tested": lambda: _("Students who sat an online test"),
}


def percent(share):
    """``Fraction`` → "12,5 %" (one decimal, decimal comma); "–" without data."""
    if share is None:
        return "–"
    tenths = (Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return f"{tenths} %".replace(".", ",")


def _call(func, *args, **kwargs):
    try:
        return func(*args, **kwargs), ""
    except api.ReportingScopeError as error:
        raise PermissionDenied(str(error)) from error
    except api.ReportingError as error:
        return None, str(error)


@login_required
def index_page(request):
    _call(api.training_report, request.user)  # 403 for users without a reporting role
    return render(request, "openedx_vn/reporting/index.html", {"decision": api.decision()})


def _training_rows(rows):
    return [{"row": r, "percent": percent(r.share), "missing": r.teachers - r.trained} for r in rows]


@login_required
def training_page(request):
    commune = request.GET.get("commune", "")[:8]
    if request.method == "POST":
        _mark(request)
        return redirect(request.get_full_path())
    report, error = _call(api.training_report, request.user, commune=commune)
    context = {"error": error, "commune": commune, "can_mark": api.can_mark_courses(request.user)}
    if report:
        schools, communes, total = report
        context |= {
            "schools": _training_rows(schools),
            "communes": _training_rows(communes) if len(communes) > 1 else [],
            "total": _training_rows([total])[0],
        }
    context["courses"] = api.list_training_courses()
    return render(request, "openedx_vn/reporting/training.html", context)


def _mark(request):
    key = request.POST.get("course_key", "")
    try:
        if request.POST.get("action") == "unmark":
            api.unmark_training_course(request.user, key)
            messages.success(request, _("The course no longer counts as teacher training."))
        else:
            api.mark_training_course(request.user, key, request.POST.get("title", ""))
            messages.success(request, _("The course now counts as teacher training."))
    except api.ReportingScopeError as error:
        raise PermissionDenied(str(error)) from error
    except api.ReportingError as error:
        messages.error(request, _("Course key: %(problem)s") % {"problem": error})


def _evidence_rows(rows):
    out = []
    for r in rows:
        cells = {}
        for key, value in r.figures.items():
            cells[key] = percent(value) if key.endswith("_share") else value
        out.append({"row": r, "cells": cells})
    return out


@login_required
def evidence_page(request):
    commune = request.GET.get("commune", "")[:8]
    report, error = _call(api.evidence_report, request.user, commune=commune)
    criteria = [
        {"criterion": c, "figures": [str(FIGURES[f]()) for f in c.figures if f in FIGURES]}
        for c in api.criteria()
    ]
    context = {"error": error, "decision": api.decision(), "criteria": criteria, "commune": commune}
    if report:
        schools, communes, total = report
        context |= {
            "schools": _evidence_rows(schools),
            "communes": _evidence_rows(communes) if len(communes) > 1 else [],
            "total": _evidence_rows([total])[0],
        }
    return render(request, "openedx_vn/reporting/evidence.html", context)


# ------------------------------------------------------------------ talent discovery (province officers)
def _talent(request):
    from openedx_vn.reporting import talent  # noqa: PLC0415 - only these pages need it

    try:
        year = api._year_name(request.GET.get("year", "")[:9])
        return talent, year, talent.talent_report(request.user, year), ""
    except talent.TalentScopeError as error:
        raise PermissionDenied(str(error)) from error
    except api.ReportingError as error:
        return talent, "", {}, str(error)


def _audit_names(request, action, object_id):
    from openedx_vn.audit import api as audit_api  # noqa: PLC0415
    from openedx_vn.schools import api as schools_api  # noqa: PLC0415

    for code in sorted(schools_api.get_scope(request.user).province_codes):
        audit_api.record(request.user, action, "talent_list", object_id, province_code=code)


def _subject_names():
    from openedx_vn.curriculum import api as curriculum_api  # noqa: PLC0415

    try:
        return {o.code: o.name_vi for o in curriculum_api.get_subjects()}
    except curriculum_api.CurriculumError:  # no program loaded: the codes are shown
        return {}


@login_required
def talent_page(request):
    talent, year, report, error = _talent(request)
    if not error:
        _audit_names(request, "names.viewed", year)
    names = _subject_names() if report else {}
    subjects = [
        {
            "code": subject,
            "name": names.get(subject, subject),
            "top": [s for s in students if s.consistent],
            "students": [
                {
                    "student": s,
                    "standings": [(st, percent(st.percentile), number(st.score, 1)) for st in s.standings],
                }
                for s in students
            ],
        }
        for subject, students in report.items()
    ]
    context = {
        "error": error,
        "year": year,
        "subjects": subjects,
        "min_size": talent.MIN_VERSION_SIZE,
        "min_tests": talent.MIN_TOP_TESTS,
    }
    return render(request, "openedx_vn/reporting/talent.html", context)


@login_required
def talent_export(request):
    from django.http import HttpResponse  # noqa: PLC0415

    from openedx_vn.reporting.talent_workbook import talent_xlsx  # noqa: PLC0415

    _talent_module, year, report, error = _talent(request)
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    filename = f"hoc-sinh-tieu-bieu-{year}.xlsx"
    _audit_names(request, "export.names", filename)
    response = HttpResponse(
        talent_xlsx(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
