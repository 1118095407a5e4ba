"""Teachers' pages of the assessment app (/vn/assessment/): blueprints and the matrix editor, generating a
test, a test's papers and keys, its results and the essay grading.

Only makers of tests (``api.can_author``: teachers, school leaders, staff) reach these pages; anonymous
visitors are sent to sign in, students get 403. A test's results are for its teacher, its school's leaders
and staff: the API's ``NotAllowed`` answers 403, an unknown id 404, never a 500.
"""

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openedx_vn.assessment import api
from openedx_vn.assessment.pages.forms import KINDS, GenerateForm, WindowForm
from openedx_vn.assessment.pages.online import integrity_lines
from openedx_vn.assessment.pages.strings import EMPTY, editor_strings
from openedx_vn.assessment.rest import files
from openedx_vn.assessment.rest import serializers as s
from openedx_vn.assessment.rest.common import (
    VN_TIME,
    ClassChoiceError,
    decimal_comma,
    format_labels,
    generate,
    is_not_found,
    level_labels,
    local_time,
    readable_banks,
    short_cells,
    teacher_classes,
)
from openedx_vn.assessment.rest.views import check_data, essay_rows, version_keys
from openedx_vn.core.permissions import is_platform_staff
from openedx_vn.core.vietnamese import number, vi_key
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api as qbank_api

TEMPLATES = "openedx_vn/assessment/"


def author_page(view):
    """Sign in first; only authors; the API's refusals as 403 and unknown ids as 404."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not api.can_author(request.user):
            raise PermissionDenied(_("Only teachers make blueprints and tests."))
        try:
            return view(request, *args, **kwargs)
        except api.NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except LookupError as exc:
            if is_not_found(exc):
                raise Http404(str(exc)) from exc
            raise

    return wrapped


def _subjects():
    """{code: {"name", "grades"}} of the curriculum's subjects (empty when no program was loaded)."""
    subjects = {}
    try:
        offerings = curriculum_api.get_subjects()
    except curriculum_api.CurriculumError:
        return {}
    for offering in offerings:
        entry = subjects.setdefault(offering.code, {"name": offering.name_vi, "grades": []})
        entry["grades"].append(offering.grade)
    return dict(sorted(subjects.items(), key=lambda item: vi_key(item[1]["name"])))


# ------------------------------------------------------------------------------------------------ home
@author_page
def home(request):
    """The teacher's blueprints and tests."""
    subjects = _subjects()
    blueprints = [
        {
            "uuid": str(key),
            "title": title,
            "subject": subjects.get(subject, {}).get("name", subject),
            "grade": grade,
            "updated": local_time(updated),
        }
        for key, title, subject, grade, updated in api.list_blueprints(request.user)
    ]
    exams = [
        {"info": info, "subject": subjects.get(info.subject_code, {}).get("name", info.subject_code)}
        for info in api.list_exams(request.user)
    ]
    return render(request, TEMPLATES + "home.html", {"blueprints": blueprints, "exams": exams})


# ------------------------------------------------------------------------------------------ the editor
def _editor(request, blueprint_uuid, data, problems):
    templates = {t.key: s.template_data(t) for t in api.list_templates().values()}
    urls = {
        "check": reverse("vn_assessment:blueprint-check"),
        "create": reverse("vn_assessment:blueprint-list"),
        "detail": reverse("vn_assessment:blueprint-detail", args=["BLUEPRINT"]),
        "page": reverse("vn_assessment:blueprint-page", args=["BLUEPRINT"]),
        "generate": reverse("vn_assessment:generate-page", args=["BLUEPRINT"]),
        "file": reverse("vn_assessment:blueprint-file", args=["BLUEPRINT", "NAME"]),
        "tree": reverse("vn_curriculum:tree", args=["SUBJECT", 99]),
    }
    context = {
        "blueprint_uuid": blueprint_uuid,
        "data": data,
        "problems": problems,
        "templates": templates,
        "subjects": _subjects(),
        "formats": format_labels(),
        "levels": level_labels(),
        "strings": editor_strings(),
        "urls": urls,
        "grades": range(1, 13),
        "downloads": [
            ("matrix.docx", _("Matrix (.docx)")),
            ("matrix.xlsx", _("Matrix (.xlsx)")),
            ("specification.docx", _("Specification (.docx)")),
            ("specification.xlsx", _("Specification (.xlsx)")),
        ],
    }
    return render(request, TEMPLATES + "editor.html", context)


@author_page
def new_blueprint(request):
    """The matrix editor on an empty blueprint (the CV 7991 template chosen)."""
    return _editor(request, "", EMPTY, [])


@author_page
def blueprint_page(request, blueprint_uuid):
    """The matrix editor on a stored blueprint, with its problems."""
    blueprint, _problems = api.get_blueprint(request.user, blueprint_uuid)
    return _editor(request, str(blueprint_uuid), api.blueprint_to_data(blueprint), check_data(blueprint))


# -------------------------------------------------------------------------------------------- generate
@author_page
def generate_page(request, blueprint_uuid):
    """Draw a test from the blueprint: banks, versions, seed, time, classes; short cells are listed."""
    blueprint, problems = api.get_blueprint(request.user, blueprint_uuid)
    template = api.list_templates().get(blueprint.template)
    banks, classes = readable_banks(request.user), teacher_classes(request.user)
    initial = {"title": blueprint.title, "minutes": (template.minutes if template else None) or 45}
    short, error = [], ""
    # Typed times are schools' local times, whatever the server's time zone.
    with timezone.override(VN_TIME):
        form = GenerateForm(request.POST or None, banks=banks, classes=classes, initial=initial)
        valid = request.method == "POST" and form.is_valid()
    if valid:
        try:
            info = generate(request.user, blueprint_uuid, form.cleaned_data)
        except ClassChoiceError as exc:
            form.add_error("classes" if "classes" in form.fields else None, str(exc))
        except api.GenerationError as exc:
            short = short_cells(exc, blueprint)
        except ValueError as exc:
            error = str(exc)
        else:
            message = _("The test is ready: %(count)s versions.") % {"count": len(info.version_codes)}
            messages.success(request, message)
            return redirect("vn_assessment:exam-page", exam_uuid=info.uuid)
    context = {
        "blueprint_uuid": blueprint_uuid,
        "blueprint": blueprint,
        "blocking": [problem for problem in problems if problem.blocking],
        "form": form,
        "short": short,
        "error": error,
        "kinds": [str(kind) for kind in KINDS],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATES + "generate.html", context, status=status)


# ------------------------------------------------------------------------------------------------ tests
ROMAN = ("I", "II", "III", "IV", "V", "VI")


def _key_table(keys):
    """The answer-key table: one row per (part, number), one column per version; a part's name on its first
    row (``span`` rows). Points that differ between versions (shuffled essays of different weight) are shown
    in each version's cell."""
    codes = [version["code"] for version in keys]
    rows, index = [], {}
    for version in keys:
        for entry in version["keys"]:
            where = (entry["part"], entry["number"])
            if where not in index:
                index[where] = len(rows)
                rows.append({"part": entry["part"], "number": entry["number"], "keys": [], "points": []})
            rows[index[where]]["keys"].append(entry["key"])
            rows[index[where]]["points"].append(entry["points"])
    formats, parts = format_labels(), []
    for row in rows:
        if row["part"] not in parts:
            parts.append(row["part"])
            row["span"] = sum(1 for other in rows if other["part"] == row["part"])
            row["part_label"] = _("Part %(number)s. %(format)s") % {
                "number": ROMAN[len(parts) - 1] if len(parts) <= len(ROMAN) else len(parts),
                "format": formats.get(row["part"], row["part"]),
            }
        shared = len(set(row["points"])) == 1
        row["cells"] = [
            key if shared else f"{key} ({decimal_comma(points)})".strip()
            for key, points in zip(row["keys"], row["points"], strict=True)
        ]
        row["points_text"] = decimal_comma(row["points"][0]) if shared else ""
    return codes, rows


def _can_grade(user, info):
    return is_platform_staff(user) or user.id == info.owner_id


WINDOW = ("opens_at", "closes_at")


@author_page
def exam_page(request, exam_uuid):
    """A test: its uuid for Studio, the papers of each version, the answer-key table and its files."""
    info = api.get_exam(request.user, exam_uuid)
    with timezone.override(VN_TIME):  # schools' clock, as the draw form reads it
        shown = {name: getattr(info, name) and timezone.localtime(getattr(info, name)) for name in WINDOW}
        window = WindowForm(request.POST or None, initial=shown)
        if request.method == "POST" and window.is_valid():
            api.set_exam_window(request.user, info.uuid, *(window.cleaned_data[name] for name in WINDOW))
            return redirect("vn_assessment:exam-page", info.uuid)
    codes, rows = _key_table(version_keys(request.user, info.uuid))
    subjects = _subjects()
    context = {
        "info": info,
        "window": window,
        "can_change_window": _can_grade(request.user, info),
        "subject": subjects.get(info.subject_code, {}).get("name", info.subject_code),
        "max_points": decimal_comma(info.max_points),
        "opens_at": local_time(info.opens_at),
        "closes_at": local_time(info.closes_at),
        "versions": [
            (
                code,
                reverse("vn_assessment:exam-file", args=[info.uuid, f"version-{code}.docx"]),
                reverse("vn_assessment:exam-file", args=[info.uuid, f"version-{code}.pdf"]),
            )
            for code in info.version_codes
        ],
        "codes": codes,
        "rows": rows,
        "keys_docx": reverse("vn_assessment:exam-file", args=[info.uuid, "keys.docx"]),
        "keys_xlsx": reverse("vn_assessment:exam-file", args=[info.uuid, "keys.xlsx"]),
    }
    return render(request, TEMPLATES + "exam.html", context)


@author_page
def results_page(request, exam_uuid):
    """The test's results: given name then family name, local times, decimal commas; export .xlsx."""
    info = api.get_exam(request.user, exam_uuid)
    if request.method == "POST":
        api.start_item_analysis(request.user, info.uuid)
        messages.success(
            request, _("The item analysis has started; its figures appear below when it is done.")
        )
        return redirect("vn_assessment:results-page", info.uuid)
    statuses = files.status_labels()
    types = {kind.code: kind.label for kind in qbank_api.get_question_types()}
    rows = [
        {
            "row": row,
            "status": statuses.get(row.status, row.status),
            "started": local_time(row.started_at),
            "submitted": local_time(row.submitted_at),
            "points": decimal_comma(row.points),
            "score": number(row.score, 1),  # one decimal, as the student saw it: "1,0"
            "integrity": integrity_lines(row.integrity),
        }
        for row in api.results(request.user, info.uuid)
    ]
    context = {
        "info": info,
        "rows": rows,
        "max_points": decimal_comma(info.max_points),
        # a test out of 10 points: its points are its score, one column is enough
        "show_points": info.max_points != 10,
        "export": reverse("vn_assessment:exam-file", args=[info.uuid, "results.xlsx"]),
        "pending": sum(item["row"].essays_pending for item in rows),
        "items": [
            {
                "row": item,
                "type": types.get(item.type, item.type),
                "points": decimal_comma(item.points),
                "facility": decimal_comma(round(item.facility, 2)),
                "discrimination": ""
                if item.discrimination is None
                else decimal_comma(round(item.discrimination, 2)),
                "difficulty": "" if item.difficulty is None else decimal_comma(round(item.difficulty, 2)),
                "computed": local_time(item.computed_at),
            }
            for item in api.item_statistics(request.user, info.uuid)
            if item.computed_at is not None
        ],
    }
    return render(request, TEMPLATES + "results.html", context)


def _rubric(body):
    entries = [entry for entry in (body or {}).get("rubric") or [] if isinstance(entry, dict)]
    return [
        {
            "text": entry.get("text") or entry.get("criterion") or "",
            "points": decimal_comma(entry.get("points")),
        }
        for entry in entries
    ]


@author_page
def essays_page(request, exam_uuid):
    """The staff view for essays: each student's text with the question's rubric; points and a comment."""
    info = api.get_exam(request.user, exam_uuid)
    can_grade = _can_grade(request.user, info)
    errors = {}
    if request.method == "POST":
        if not can_grade:
            raise PermissionDenied(_("Only the test's teacher grades its essays."))
        student, question = request.POST.get("student_id", ""), request.POST.get("question_uuid", "")
        try:
            score = api.grade_essay(
                request.user,
                info.uuid,
                int(student) if student.isdigit() else -1,
                question,
                request.POST.get("points", "").strip(),
                request.POST.get("comment", "").strip(),
            )
        except ValueError as exc:
            errors[(student, question)] = str(exc)
        else:
            message = _("Graded: the student's score is now %(score)s.") % {"score": decimal_comma(score)}
            messages.success(request, message)
            return redirect(f"{request.path}#essay-{student}-{question}")
    contents, _versions, _points = api.exam_versions(request.user, info.uuid)
    essays = []
    for row in essay_rows(request.user, info.uuid):
        content = contents.get(row["question_uuid"])
        key = (str(row["student_id"]), row["question_uuid"])
        essays.append(
            {
                **row,
                "anchor": f"essay-{row['student_id']}-{row['question_uuid']}",
                "stem": qbank_api.clean_html(content.stem) if content else "",
                "rubric": _rubric(content.body if content else {}),
                "max_points_text": decimal_comma(row["max_points"]),
                "points_text": decimal_comma(row["points"]) if row["points"] is not None else "",
                "error": errors.get(key, ""),
                "posted": request.POST if key in errors else None,
            }
        )
    context = {"info": info, "essays": essays, "can_grade": can_grade}
    return render(request, TEMPLATES + "essays.html", context, status=400 if errors else 200)
