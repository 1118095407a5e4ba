"""Teachers' pages of the assessment app (/vn/assessment/): blueprints and the matrix editor, generating a
test, a test's papers and keys, its results and the essay grading.

Only makers of tests (``api.can_author``: teachers, school leaders, staff) reach these pages; anonymous
visitors are sent to sign in, students get 403. A test's results are for its teacher, its school's leaders
and staff: the API's ``NotAllowed`` answers 403, an unknown id 404, never a 500.
"""

import functools

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openedx_vn.assessment import api
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
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api as qbank_api

TEMPLATES = "openedx_vn/assessment/"
CONFIDENCE = {
    "official": gettext_lazy("official text"),
    "press": gettext_lazy("official announcement, reported by the press"),
    "third-party": gettext_lazy("third-party transcription of the official text"),
    "unverified": gettext_lazy("not verified: check before use"),
}


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
    return dict(sorted(subjects.items(), key=lambda item: item[1]["name"]))


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
EMPTY = {
    "title": "",
    "subject_code": "",
    "grade": None,
    "template": "cv7991",
    "total_points": "10",
    "rows": [{"topic": "", "label": "", "codes": [], "requirements": {}}],
    "cells": [],
}


def _editor_strings():
    """Texts the editor's script shows, in the request's language."""
    return {
        "saved": _("Saved."),
        "save_failed": _("Not saved: correct the fields marked in red."),
        "error": _("Something went wrong: %(detail)s"),
        "no_problem": _("No problem: the blueprint can be used to draw a test."),
        "blocking": _("Must be corrected before a test is drawn"),
        "difference": _("Differs from the template"),
        "points_of": _("%(points)s of %(total)s points"),
        "template_points": _("template: %(points)s"),
        "confidence": {key: str(value) for key, value in CONFIDENCE.items()},
        "source": _("Source: %(source)s"),
        "structure": _("Exam structure: %(parts)s"),
        "part": _("%(format)s %(count)s × %(each)s"),
        "remove_row": _("Remove the row"),
        "whole_topic": _("the whole topic"),
        "fill_confirm": _("Replace the counts of the first row with the template's structure?"),
        "pick_topic": _("choose a topic or a learning outcome"),
        "no_topics": _("no topic loaded for this subject and grade"),
        "row": _("Row %(row)s"),
        "columns": {
            "No.": _("No."),
            "topic": _("Topic / chapter"),
            "content": _("Content / unit"),
            "codes": _("Curriculum codes"),
            "points_by_level": _("Points by level"),
            "percent": _("% of points"),
            "questions": _("questions"),
            "statements": _("statements"),
            "questions_short": _("qn."),
            "statements_short": _("st."),
            "points": _("points"),
            "points_short": _("pts"),
            "total_count": _("Number of questions"),
            "total_points": _("Points"),
            "template": _("Template"),
            "format": _("Format"),
            "level": _("Level"),
        },
        "fields": {
            "title": _("Title"),
            "subject_code": _("Subject"),
            "grade": _("Grade"),
            "template": _("Template"),
            "total_points": _("Total points"),
            "rows": _("Rows"),
            "topic": _("topic"),
            "label": _("content"),
            "codes": _("curriculum codes"),
            "requirements": _("requirements"),
        },
        "short": {
            "count": _("not a whole number"),
            "points": _("not a number"),
            "negative": _("negative"),
            "points_without": _("points without questions"),
            "questions_without": _("questions without points"),
            "statements": _("not a multiple of 4"),
        },
        "local": {
            "count": _("%(cell)s: the number of questions is a whole number"),
            "points": _("%(cell)s: the points are a number such as 0,25"),
            "negative": _("%(cell)s: counts and points cannot be negative"),
            "points_without": _("%(cell)s: points without questions"),
            "questions_without": _("%(cell)s: questions without points"),
            "statements": _(
                "%(cell)s: true/false statements come 4 to a question; %(count)s is not a multiple of 4"
            ),
            "total": _("the cells add up to %(points)s points, not %(total)s"),
            "format": _("%(format)s carries %(points)s points; the template gives %(expected)s"),
            "level": _("level %(level)s carries %(points)s points; the template gives %(expected)s"),
            "cell": _("row %(row)s, %(format)s, %(level)s"),
        },
    }


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
        "strings": _editor_strings(),
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
KINDS = (
    gettext_lazy("Regular test"),
    gettext_lazy("Mid-term test, semester I"),
    gettext_lazy("End-of-term test, semester I"),
    gettext_lazy("Mid-term test, semester II"),
    gettext_lazy("End-of-term test, semester II"),
)


# Schools write dd/mm/yyyy whatever the interface language (ISO is read too).
DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class GenerateForm(forms.Form):
    banks = forms.MultipleChoiceField(
        label=gettext_lazy("Question banks"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    versions = forms.IntegerField(
        label=gettext_lazy("Number of versions"), min_value=1, max_value=api.MAX_VERSIONS, initial=4
    )
    seed = forms.IntegerField(
        label=gettext_lazy("Seed (optional: the same seed draws the same test)"), min_value=0, required=False
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    kind = forms.CharField(label=gettext_lazy("Kind of test"), max_length=120, required=False)
    minutes = forms.IntegerField(label=gettext_lazy("Minutes"), min_value=1, max_value=600, initial=45)
    classes = forms.MultipleChoiceField(
        label=gettext_lazy("Classes (optional)"), widget=forms.CheckboxSelectMultiple, required=False
    )
    exclude_recent = forms.IntegerField(
        label=gettext_lazy("Leave out the questions of these classes' last N tests"),
        min_value=0,
        max_value=50,
        initial=0,
    )
    opens_at = forms.DateTimeField(
        label=gettext_lazy("Opens (dd/mm/yyyy HH:MM, optional)"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy HH:MM"}),
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Closes (dd/mm/yyyy HH:MM, optional)"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy HH:MM"}),
    )

    def __init__(self, *args, banks=(), classes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["banks"].choices = [
            (bank.uuid, _("%(name)s (%(count)s questions)") % {"name": bank.name, "count": count})
            for bank, count in ((bank, bank.question_count) for bank in banks)
        ]
        self.fields["classes"].choices = [(str(info.id), f"{info.name} ({info.year})") for info in classes]
        if not classes:
            del self.fields["classes"]

    def clean(self):
        values = super().clean()
        opens, closes = values.get("opens_at"), values.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The test must close after it opens."))
        return values


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
        form = GenerateForm(request.POST or None, banks=banks, classes=classes, initial=initial, prefix=None)
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
PART_LABELS = {
    "multiple_choice": "I",
    "true_false_cluster": "II",
    "short_answer": "III",
    "essay": "IV",
}


def _key_table(keys):
    """The answer-key table: one row per (part, number), one column per version."""
    codes = [version["code"] for version in keys]
    rows, index = [], {}
    formats = format_labels()
    for column, version in enumerate(keys):
        for entry in version["keys"]:
            where = (entry["part"], entry["number"])
            if where not in index:
                index[where] = len(rows)
                rows.append(
                    {
                        "part": formats.get(entry["part"], entry["part"]),
                        "number": entry["number"],
                        "points": decimal_comma(entry["points"]),
                        "keys": [""] * len(codes),
                    }
                )
            rows[index[where]]["keys"][column] = entry["key"]
    return codes, rows


def _can_grade(user, info):
    return is_platform_staff(user) or user.id == info.owner_id


@author_page
def exam_page(request, exam_uuid):
    """A test: its uuid for Studio, the papers of each version, the answer-key table and its files."""
    info = api.get_exam(request.user, exam_uuid)
    codes, rows = _key_table(version_keys(request.user, info.uuid))
    subjects = _subjects()
    context = {
        "info": info,
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
    statuses = files.status_labels()
    rows = [
        {
            "row": row,
            "status": statuses.get(row.status, row.status),
            "started": local_time(row.started_at),
            "submitted": local_time(row.submitted_at),
            "points": decimal_comma(row.points),
            "score": decimal_comma(row.score),
        }
        for row in api.results(request.user, info.uuid)
    ]
    context = {
        "info": info,
        "rows": rows,
        "max_points": decimal_comma(info.max_points),
        "export": reverse("vn_assessment:exam-file", args=[info.uuid, "results.xlsx"]),
        "pending": sum(item["row"].essays_pending for item in rows),
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
