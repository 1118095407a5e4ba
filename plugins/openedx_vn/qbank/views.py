"""Pages of the question bank: the public home, and the teachers' pages (banks, a bank's list with filters,
the question editor with a live math preview, the import wizard). Keys are shown: only users with a role on
the bank reach these pages; students get 403."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated

from openedx_vn.core.rest import ListAPIView
from openedx_vn.core.vietnamese import vi_key
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api, permissions
from openedx_vn.qbank.bank_views import (
    bank_for,
    bank_row,
    question_for,
    questions_payload,
    share_rows,
    visible_bank_rows,
)
from openedx_vn.qbank.data import COGNITIVE_LEVELS
from openedx_vn.qbank.importing.pipeline import LABELS
from openedx_vn.qbank.importing.sanitize import clean_html
from openedx_vn.qbank.serializers import QuestionDetailSerializer, QuestionTypeSerializer


def home_page(request):
    """What the question bank holds: the question types (no bank content, so public)."""
    context = {
        "question_types": api.get_question_types(),
        "is_bank_user": permissions.is_bank_user(request.user),
    }
    return render(request, "openedx_vn/qbank/home.html", context)


@extend_schema(summary="Question types the bank supports, with their labels in the request's language")
class QuestionTypeListView(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = QuestionTypeSerializer
    pagination_class = None

    def get_queryset(self):
        return api.get_question_types()


def import_template(request):
    """The Excel template for question imports."""
    response = HttpResponse(
        api.import_template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="ngan-hang-cau-hoi-mau.xlsx"'
    return response


# ------------------------------------------------------------- teachers' pages
def _bank_user(request):
    """None when the request may see bank pages; a redirect to sign in for anonymous users. 403 otherwise."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.is_bank_user(request.user):
        raise PermissionDenied
    return None


def _choices():
    """Subjects (code → Vietnamese name), grades, levels and types for filters and the editor."""
    subjects = {}
    try:
        for offering in curriculum_api.get_subjects():
            subjects.setdefault(offering.code, offering.name_vi)
    except curriculum_api.CurriculumError:
        pass  # no program loaded: subject codes are typed
    return {
        "subjects": sorted(subjects.items(), key=lambda item: vi_key(item[1])),
        "grades": range(1, 13),
        "levels": [(code, str(label)) for code, label in COGNITIVE_LEVELS.items()],
        "types": [(t.code, t.label) for t in api.get_question_types()],
    }


def _outcomes(subject, grade):
    """Topics and outcomes of a subject × grade, for the outcome filter: (code, "code title")."""
    if not subject or not grade:
        return []
    found = []

    def walk(nodes, depth):
        for node in nodes:
            if node.kind != "strand":
                found.append((node.code, f"{'— ' * depth}{node.code} {node.title}"))
            walk(node.children, depth + (node.kind != "strand"))

    try:
        walk(curriculum_api.get_tree(subject.upper(), int(grade)), 0)
    except (ValueError, curriculum_api.CurriculumError):
        return []
    return found


def _strings():
    """Texts the pages' scripts show, in the request's language."""
    return {
        "count": _("%(count)s questions"),
        "count_more": _("More than %(count)s questions"),
        "none": _("No question matches."),
        "edit": _("Edit"),
        "view": _("View"),
        "error": _("Something went wrong: %(detail)s"),
        "saved": _("Saved as version %(number)s."),
        "true": _("True"),
        "false": _("False"),
        "answer": _("Answer"),
        "tolerance": _("tolerance"),
        "explanation": _("Explanation"),
        "option": _("Option"),
        "statement": _("Statement"),
        "criterion": _("Criterion"),
        "points": _("points"),
        "remove": _("Remove"),
        "moved": _("%(count)s questions moved."),
        "copied": _("%(count)s questions copied, %(skipped)s already there."),
        "choose": _("Choose questions first."),
        "queued": _("Waiting for a worker…"),
        "checking": _("Checking questions: %(done)s of %(total)s"),
        "saving": _("Saving the questions…"),
        "problems": _("Problems found: %(count)s. Nothing is imported: correct the file, upload it again."),
        "ready": _("%(count)s questions are ready to import."),
        "duplicates": _("%(count)s duplicates will be left out."),
        "imported": _("%(count)s questions imported."),
        "failed": _("The import failed: nothing was stored."),
        "line": _("line"),
        "paragraph": _("paragraph"),
        "row": _("row"),
        "question": _("question"),
        "place": _("Place"),
        "problem": _("Problem"),
        "confirm": _("Import %(count)s questions"),
        "removed": _("Share removed."),
        "version": _("version %(number)s"),
        "types": {t.code: t.label for t in api.get_question_types()},
        "levels": {code: str(label) for code, label in COGNITIVE_LEVELS.items()},
    }


def banks_page(request):
    """The banks the user may see; a form to start a personal bank."""
    if response := _bank_user(request):
        return response
    error = ""
    if request.method == "POST":
        if not permissions.can_create_bank(request.user):
            raise PermissionDenied
        name = request.POST.get("name", "").strip()
        if name and len(name) <= 255:
            bank = api.create_bank(name, owner_id=request.user.id)
            return redirect("vn_qbank:bank-page", bank_uuid=bank.uuid)
        error = _("Give the bank a name (at most 255 characters).")
    context = {"banks": visible_bank_rows(request.user), "error": error}
    return render(request, "openedx_vn/qbank/banks.html", context, status=400 if error else 200)


def bank_page(request, bank_uuid):
    """A bank's questions with the filter form; the first page is rendered here, the script does the rest."""
    if response := _bank_user(request):
        return response
    bank = bank_for(request.user, bank_uuid)
    role = permissions.role_on_bank(request.user, bank)
    try:
        page, error = questions_payload(bank, request.GET), ""
    except ValidationError as exc:
        page, error = (
            {"count": 0, "count_exact": True, "next": None, "previous": None, "results": []},
            exc.detail,
        )
    choices = _choices()
    types, levels = dict(choices["types"]), dict(choices["levels"])
    for result in page["results"]:
        result["type_label"] = types.get(result["type"])
        result["level_label"] = levels.get(result["cognitive_level"])
    # Banks the chosen questions may go to (no counts needed: a staff user sees every bank).
    others = permissions.visible_banks(request.user).exclude(pk=bank.pk).order_by("name", "id")
    editable = [
        {"uuid": str(other.uuid), "name": other.name}
        for other in others
        if permissions.can_edit_bank(request.user, other)
    ]
    context = {
        "bank": bank_row(bank, request.user),
        "can_edit": permissions.can_edit_bank(request.user, bank),
        "can_manage": permissions.can_manage_bank(request.user, bank),
        "role": role,
        "page": page,
        "error": error,
        "filters": request.GET,
        "outcomes": _outcomes(request.GET.get("subject"), request.GET.get("grade")),
        "targets": editable,
        "shares": share_rows(bank) if permissions.can_manage_bank(request.user, bank) else [],
        "strings": _strings(),
        "api": {
            "questions": reverse("vn_qbank:bank-question-list", args=[bank.uuid]),
            "move": reverse("vn_qbank:bank-move", args=[bank.uuid]),
            "copy": reverse("vn_qbank:bank-copy", args=[bank.uuid]),
            "shares": reverse("vn_qbank:bank-share-list", args=[bank.uuid]),
            "question_page": reverse("vn_qbank:question-page", args=["00000000-0000-0000-0000-000000000000"]),
        },
        **choices,
    }
    return render(request, "openedx_vn/qbank/bank.html", context)


def _editor(request, bank, content, question=None, version=None):
    can_edit = permissions.can_edit_bank(request.user, bank)
    context = {
        "bank": bank_row(bank, request.user),
        "question": question,
        "version": version,
        "content": content,
        "can_edit": can_edit,
        "is_current": version is None or question.current_id == version.id,
        "versions": question.versions.order_by("-number") if question else [],
        "strings": _strings(),
        "save_url": (
            reverse("vn_qbank:question-versions", args=[question.uuid])
            if question
            else reverse("vn_qbank:bank-question-list", args=[bank.uuid])
        ),
        **_choices(),
    }
    return render(request, "openedx_vn/qbank/editor.html", context)


def question_page(request, question_uuid):
    """A question (current version, or ?version=N) in the editor; read-only for viewers."""
    if response := _bank_user(request):
        return response
    question = question_for(request.user, question_uuid)
    version = question.current
    if request.GET.get("version", "").isdigit():
        version = question.versions.filter(number=int(request.GET["version"])).first() or version
    if version is None:
        raise Http404(_("The question has no version"))
    version.question = question
    content = QuestionDetailSerializer(version).data
    content["stem"], content["explanation"] = clean_html(version.stem), clean_html(version.explanation)
    return _editor(request, question.bank, content, question, version)


def new_question_page(request, bank_uuid):
    if response := _bank_user(request):
        return response
    bank = bank_for(request.user, bank_uuid, "edit")
    content = {
        "type": "multiple_choice",
        "title": "",
        "stem": "",
        "body": {"choices": [{"text": "", "correct": i == 0} for i in range(4)]},
        "explanation": "",
        "points": "1",
        "cognitive_level": "",
        "subject_code": "",
        "grade": None,
        "outcome_codes": [],
    }
    return _editor(request, bank, content)


def _import_strings():
    """Texts of the import preview's per-question settings."""
    return {
        "subject": _("Subject"),
        "grade": _("Grade"),
        "level": _("Level"),
        "outcomes": _("Learning outcome codes"),
        "from_file": _("as in the file"),
        "outcomes_hint": _("codes separated by commas"),
        "shown": _("The first %(shown)s of %(count)s questions; the rest take the values set for all."),
        "feedback": _("Feedback"),
        "applied": _("Set on every question below; you can still change each one."),
    }


def import_page(request, bank_uuid):
    """The import wizard: upload → preview with the problems and their places → confirm."""
    if response := _bank_user(request):
        return response
    bank = bank_for(request.user, bank_uuid, "edit")
    context = {
        "bank": bank_row(bank, request.user),
        "formats": [(name, LABELS.get(name, name)) for name in api.import_formats()],
        "choices": _choices(),
        "strings": {**_strings(), **_import_strings()},
        "api": {
            "upload": reverse("vn_qbank:import-job-create", args=[bank.uuid]),
            "job": reverse("vn_qbank:import-job", args=["00000000-0000-0000-0000-000000000000"]),
            "confirm": reverse("vn_qbank:import-job-confirm", args=["00000000-0000-0000-0000-000000000000"]),
            "bank": reverse("vn_qbank:bank-page", args=[bank.uuid]),
            "template": reverse("vn_qbank:import-template"),
        },
    }
    return render(request, "openedx_vn/qbank/import.html", context)
