"""The answer sheets pages (/vn/assessment/tests/<test>/sheets/): print, upload, progress, review.

Thin: ``service`` checks who may and does the work; ``jobs`` receives the files. The browser shrinks photos
and sends every file in parts under the LMS's 4 MB request limit (``static/.../sheets.js``); without
JavaScript the form sends the files in one request.
"""

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from openedx_vn.assessment import api
from openedx_vn.assessment.pages.views import author_page
from openedx_vn.assessment.rest.common import local_time
from openedx_vn.assessment.sheets import grade as sheet_grade
from openedx_vn.assessment.sheets import jobs, service
from openedx_vn.assessment.sheets.layout import KINDS, QR_BOX, LayoutError, build_layout
from openedx_vn.assessment.sheets.models import ScannedSheet, SheetBatch
from openedx_vn.assessment.sheets.reader import PX
from openedx_vn.core.storage import serve

TEMPLATES = "openedx_vn/assessment/sheets/"


def _kind_labels():
    return {
        "national": _("National-exam layout (Parts I, II, III)"),
        "legacy": _("Older layout (40/50 questions A–D)"),
    }


def reason_labels():
    return {
        "faint": _("faint or half-erased mark"),
        "double": _("more than one mark"),
        "gap": _("a blank column between filled ones"),
        "number": _("not a number"),
        "qr": _("the QR code could not be read: is this sheet of this test?"),
        "other_test": _("the QR code names another test"),
        "unknown": _("not on the class list / not a version of this test"),
        "missing": _("nothing filled in"),
        "no_account": _("this student has no account: add a username to the class list"),
        "conflict": _("the number filled in differs from the printed one"),
        "duplicate": _("this student already has a graded sheet: keep this one instead?"),
        "online": _("this student sat the test online; discard the sheet or choose another student"),
    }


@author_page
def sheets_page(request, exam_uuid):
    exam = service.exam_of(request.user, exam_uuid)
    info = api.get_exam(request.user, exam_uuid)
    kinds = []
    for kind in KINDS:
        try:
            build_layout(kind, service.counts_of(exam))
            kinds.append((kind, _kind_labels()[kind], ""))
        except LayoutError as exc:
            kinds.append((kind, _kind_labels()[kind], str(exc)))
    statuses = dict(ScannedSheet.Status.choices)
    students = {s.number: s.full_name for s in exam.sheet_students.all()}
    sheets = [
        {
            "sheet": sheet,
            "status": statuses.get(sheet.status, sheet.status),
            "student": students.get(sheet.number, ""),
            "error": (sheet.read or {}).get("error", ""),
        }
        for sheet in exam.scanned_sheets.order_by("-created_at", "pk")[:300]
    ]
    batches = [
        {
            "batch": batch,
            "created": local_time(batch.created_at),
            "status": dict(SheetBatch.Status.choices)[batch.status],
        }
        for batch in exam.sheet_batches.exclude(status=SheetBatch.Status.OPEN).order_by("-created_at")[:10]
    ]
    context = {
        "info": info,
        "kinds": kinds,
        "students_text": service.students_text(exam),
        "student_count": len(students),
        "sheets": sheets,
        "to_review": exam.scanned_sheets.filter(status=ScannedSheet.Status.REVIEW).count(),
        "batches": batches,
        "part_bytes": jobs.PART_BYTES,
        "base": reverse("vn_assessment:sheets-page", args=[info.uuid]),
    }
    return render(request, TEMPLATES + "sheets.html", context)


@require_GET
@author_page
def print_sheets(request, exam_uuid):
    kind = request.GET.get("kind", "national")
    try:
        content = service.print_sheets(request.user, exam_uuid, kind)
    except LayoutError as exc:
        messages.error(request, str(exc))
        return redirect("vn_assessment:sheets-page", exam_uuid)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="phieu-tra-loi-{kind}.pdf"'
    return response


@require_POST
@author_page
def save_students(request, exam_uuid):
    try:
        count = service.save_students(request.user, exam_uuid, request.POST.get("students", ""))
    except service.ClassListInvalid as exc:
        for where, message in exc.problems:
            messages.error(request, f"{where}: {message}" if where else message)
        return redirect("vn_assessment:sheets-page", exam_uuid)
    messages.success(request, _("Class list saved: %(count)s students.") % {"count": count})
    return redirect("vn_assessment:sheets-page", exam_uuid)


def _refused(exc):
    return JsonResponse({"error": str(exc)}, status=400)


@require_POST
@author_page
def new_batch(request, exam_uuid):
    exam = service.exam_of(request.user, exam_uuid, edit=True)
    batch = jobs.open_batch(exam, request.user.id)
    return JsonResponse({"batch": str(batch.uuid), "part_bytes": jobs.PART_BYTES})


def _batch(request, exam_uuid, batch_uuid, edit=True):
    exam = service.exam_of(request.user, exam_uuid, edit=edit)
    batch = exam.sheet_batches.filter(uuid=api_uuid(batch_uuid)).first()
    if batch is None:
        raise LookupError(_("No upload {uuid}").format(uuid=batch_uuid))
    return batch


def api_uuid(value):
    import uuid  # noqa: PLC0415

    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise LookupError(_("No upload {uuid}").format(uuid=value)) from exc


@require_POST
@author_page
def batch_part(request, exam_uuid, batch_uuid):
    batch = _batch(request, exam_uuid, batch_uuid)
    upload = request.FILES.get("part")
    try:
        index = int(request.POST.get("index", "0"))
        if upload is None:
            raise jobs.UploadRefused(_("The part of the file is missing."))
        jobs.add_part(batch, request.POST.get("name") or upload.name, index, upload.read())
    except ValueError as exc:
        return _refused(exc)
    return JsonResponse({"ok": True})


@require_POST
@author_page
def batch_start(request, exam_uuid, batch_uuid):
    batch = _batch(request, exam_uuid, batch_uuid)
    try:
        jobs.start_batch(batch)
    except jobs.UploadRefused as exc:
        return _refused(exc)
    return JsonResponse({"status": reverse("vn_assessment:sheets-batch", args=[exam_uuid, batch.uuid])})


@require_GET
@author_page
def batch_status(request, exam_uuid, batch_uuid):
    batch = _batch(request, exam_uuid, batch_uuid, edit=False)
    batch.refresh_from_db()
    sheets = batch.sheets.values_list("status", flat=True)
    return JsonResponse(
        {
            "status": batch.status,
            "label": dict(SheetBatch.Status.choices)[batch.status],
            "done": batch.done,
            "total": batch.total,
            "error": batch.error,
            "review": sum(1 for status in sheets if status == ScannedSheet.Status.REVIEW),
            "graded": sum(1 for status in sheets if status == ScannedSheet.Status.GRADED),
        }
    )


@require_POST
@author_page
def upload(request, exam_uuid):
    """Without JavaScript: every file in one request (fine on a host without the 4 MB limit)."""
    exam = service.exam_of(request.user, exam_uuid, edit=True)
    files = request.FILES.getlist("files")
    batch = jobs.open_batch(exam, request.user.id)
    try:
        for upload_ in files:
            content = upload_.read()
            for index, start in enumerate(range(0, len(content), jobs.PART_BYTES)):
                jobs.add_part(batch, upload_.name, index, content[start : start + jobs.PART_BYTES])
        jobs.start_batch(batch)
    except jobs.UploadRefused as exc:
        batch.delete()
        messages.error(request, str(exc))
        return redirect("vn_assessment:sheets-page", exam_uuid)
    messages.success(request, _("The sheets are being read; this page shows the progress."))
    return redirect("vn_assessment:sheets-page", exam_uuid)


def _sheet(request, exam_uuid, sheet_uuid, edit=False):
    exam = service.exam_of(request.user, exam_uuid, edit=edit)
    sheet = exam.scanned_sheets.filter(uuid=api_uuid(sheet_uuid)).first()
    if sheet is None:
        raise LookupError(_("No sheet {uuid}").format(uuid=sheet_uuid))
    return exam, sheet


@require_GET
@author_page
def sheet_image(request, exam_uuid, sheet_uuid):
    _exam, sheet = _sheet(request, exam_uuid, sheet_uuid)
    response = (
        serve(sheet.image, filename="phieu.jpg", content_type="image/jpeg", as_attachment=False)
        if sheet.image
        else None
    )
    if response is None:
        raise LookupError(_("No picture of sheet {uuid}").format(uuid=sheet_uuid))
    response["Cache-Control"] = "private, max-age=600"
    return response


@author_page
def review_next(request, exam_uuid):
    exam = service.exam_of(request.user, exam_uuid, edit=True)
    sheet = exam.scanned_sheets.filter(status=ScannedSheet.Status.REVIEW).order_by("created_at", "pk").first()
    if sheet is None:
        messages.success(request, _("No sheet is waiting for review."))
        return redirect("vn_assessment:sheets-page", exam_uuid)
    return redirect("vn_assessment:sheet-review", exam_uuid, sheet.uuid)


def _crop(layout, where):
    """The rectangle (mm: x, y, w, h) of the sheet a problem is about."""
    if where == "qr" or layout is None:
        x, y, side = QR_BOX
        return (x - 2, y - 2, side + 4, side + 4)
    parts = where.split(".")
    if where == "duplicate":
        parts = ["number"]
    prefix = parts[0]
    groups = [
        g
        for g in layout.groups
        if g.key[0] == prefix
        and (prefix in ("number", "code") or [str(p) for p in g.key[1 : len(parts)]] == parts[1:])
    ]
    xs = [x for g in groups for _v, x, _y in g.bubbles]
    ys = [y for g in groups for _v, _x, y in g.bubbles]
    left = {"mc": 14.0, "tf": 9.0, "sa": 7.0}.get(prefix, 7.0)
    top = {"sa": 10.0, "number": 10.0, "code": 10.0, "tf": 3.5}.get(prefix, 3.5)
    return (min(xs) - left, min(ys) - top, max(xs) - min(xs) + left + 4, max(ys) - min(ys) + top + 4)


def _choices(key, exam, sheet):
    prefix = key.split(".")[0]
    if prefix == "mc":
        return [("", _("none"))] + [(str(i), letter) for i, letter in enumerate("ABCD")]
    if prefix == "tf":
        return [("", _("none")), ("True", _("True")), ("False", _("False"))]
    if prefix == "number":
        return [(s.number, f"{s.number} — {s.full_name}") for s in exam.sheet_students.order_by("number")]
    if prefix == "code":
        return [(code, code) for code in exam.versions.order_by("code").values_list("code", flat=True)]
    if prefix in ("qr", "duplicate"):
        return [("yes", _("Yes"))]
    return None  # a text field (Phần III)


def _read_text(key, sheet):
    read = sheet.read or {}
    prefix = key.split(".")[0]
    if prefix == "sa":
        return sheet_grade._short_text(read.get("values", {}), key.split(".")[1]) or ""  # noqa: SLF001
    if prefix == "number":
        return sheet.number or read.get("printed_number", "")
    if prefix == "code":
        return sheet.version_code
    return ""


def _label(key):
    parts = key.split(".")
    if parts[0] == "mc":
        return _("Part I, question %(number)s") % {"number": parts[1]}
    if parts[0] == "tf":
        return _("Part II, question %(number)s, statement %(letter)s)") % {
            "number": parts[1],
            "letter": "abcd"[int(parts[2])],
        }
    if parts[0] == "sa":
        return _("Part III, question %(number)s") % {"number": parts[1]}
    return {
        "number": _("Student number"),
        "code": _("Version"),
        "qr": _("Test"),
        "duplicate": _("Second sheet"),
    }.get(parts[0], key)


@author_page
def sheet_review(request, exam_uuid, sheet_uuid):
    exam, sheet = _sheet(request, exam_uuid, sheet_uuid, edit=True)
    errors = {}
    if request.method == "POST":
        status, errors = service.decide(
            request.user, sheet.uuid, request.POST, discard="discard" in request.POST
        )
        if not errors:
            if status == ScannedSheet.Status.DISCARDED:
                messages.success(request, _("The sheet was discarded."))
            elif status != ScannedSheet.Status.REVIEW:
                messages.success(request, _("The sheet was graded."))
            return redirect("vn_assessment:sheets-review", exam_uuid)
        sheet.refresh_from_db()
    problems, _user_id, _code = sheet_grade.open_problems(sheet)
    layout = sheet_grade.layout_of(sheet)
    reasons = reason_labels()
    darkness = (sheet.read or {}).get("darkness", {})
    rows = []
    for where, reason in problems:
        key = sheet_grade.problem_key(where)
        x, y, w, h = _crop(layout, key)
        scale = 2
        rows.append(
            {
                "key": key,
                "label": _label(key),
                "reason": reasons.get(reason, reason),
                "read": _read_text(key, sheet),
                "levels": ", ".join(f"{level:.2f}".replace(".", ",") for level in darkness.get(where, ())),
                "choices": _choices(key, exam, sheet),
                "error": errors.get(key, ""),
                "crop": {
                    "w": int(w * PX * scale),
                    "h": int(h * PX * scale),
                    "x": int(x * PX * scale),
                    "y": int(y * PX * scale),
                    "size": int(210 * PX * scale),
                },
            }
        )
    context = {
        "info": api.get_exam(request.user, exam_uuid),
        "sheet": sheet,
        "rows": rows,
        "image": reverse("vn_assessment:sheet-image", args=[exam_uuid, sheet.uuid]) if sheet.image else "",
        "graded": sheet.status in (ScannedSheet.Status.GRADED, ScannedSheet.Status.CONFIRMED),
        "general_error": errors.get("number", "") if not any(r["key"] == "number" for r in rows) else "",
    }
    return render(request, TEMPLATES + "review.html", context)
