"""What the sheets pages do, with the checks: who may, which test, the class list, the review decisions.

The test's teacher and platform staff print, upload and review; the school's leaders only see
(``api.get_exam`` decides who sees a test).
"""

import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openedx_vn.assessment import api
from openedx_vn.assessment.models import Exam
from openedx_vn.assessment.sheets import grade as sheet_grade
from openedx_vn.assessment.sheets.layout import build_layout
from openedx_vn.assessment.sheets.models import ScannedSheet, SheetStudent
from openedx_vn.assessment.sheets.pdf import sheet_pdf
from openedx_vn.core.permissions import is_platform_staff

__all__ = [
    "ClassListInvalid",
    "counts_of",
    "decide",
    "exam_of",
    "layout_for_exam",
    "print_sheets",
    "save_students",
]

MAX_STUDENTS = 300


class ClassListInvalid(ValueError):
    """A class list with problems: ``problems`` = [(line, message)]; nothing was stored."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(f"{line}: {message}" for line, message in problems))


def exam_of(user, exam_uuid, edit=False):
    """The test (model) ``user`` may see; ``edit``: only its teacher or staff. Raises ``api.NotAllowed``."""
    info = api.get_exam(user, exam_uuid)
    exam = Exam.objects.get(uuid=info.uuid)
    if edit and not (is_platform_staff(user) or user.id == exam.owner_id):
        raise api.NotAllowed(_("Only the test's teacher grades its answer sheets."))
    return exam


def counts_of(exam):
    """(multiple choice, đúng–sai, short answer) questions of the test, as its versions print them."""
    version = exam.versions.order_by("code").first()
    parts = version.parts if version else {}
    return tuple(
        len(parts.get(part, ())) for part in ("multiple_choice", "true_false_cluster", "short_answer")
    )


def layout_for_exam(exam, kind):
    return build_layout(kind, counts_of(exam))


def print_sheets(user, exam_uuid, kind):
    """The PDF of the test's sheets: one per student of its class list, or one blank. Raises
    ``layout.LayoutError`` when the test does not fit that kind of sheet."""
    exam = exam_of(user, exam_uuid)
    layout = layout_for_exam(exam, kind)
    students = exam.sheet_students.order_by("number").values_list("number", "full_name")
    return sheet_pdf(api.get_exam(user, exam_uuid), layout, list(students))


def save_students(user, exam_uuid, text):
    """Replace the test's class list with ``text``: a line per student, "number; full name; username"
    (username optional; a comma or a tab also separates). All or nothing: raises ``ClassListInvalid``
    naming each bad line. Returns how many students were stored."""
    exam = exam_of(user, exam_uuid, edit=True)
    rows, problems, seen = [], [], set()
    for line_no, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        fields = [field.strip() for field in re.split(r"[;\t]|,(?=\s*\S)", line, maxsplit=2)]
        fields += [""] * (3 - len(fields))
        number, name, username = fields[:3]
        where = _("line %(line)s") % {"line": line_no}
        if not re.fullmatch(r"\d{1,6}", number):
            problems.append(
                (where, _("the student number must be 1 to 6 digits, not «%(value)s»") % {"value": number})
            )
            continue
        number = number.zfill(6)
        if number in seen:
            problems.append((where, _("student number %(number)s appears twice") % {"number": number}))
        seen.add(number)
        if not name:
            problems.append((where, _("the full name is missing")))
        rows.append((where, number, name[:255], username))
    if len(rows) > MAX_STUDENTS:
        problems.append(("", _("at most %(count)s students in a class list") % {"count": MAX_STUDENTS}))
    usernames = {username for *_rest, username in rows if username}
    users = dict(get_user_model().objects.filter(username__in=usernames).values_list("username", "pk"))
    for where, _number, _name, username in rows:
        if username and username not in users:
            problems.append(
                (where, _("no account with the username «%(username)s»") % {"username": username})
            )
    if problems:
        raise ClassListInvalid(problems)
    with transaction.atomic():
        exam.sheet_students.all().delete()
        SheetStudent.objects.bulk_create(
            SheetStudent(exam=exam, number=number, full_name=name, user_id=users.get(username))
            for _where, number, name, username in rows
        )
    # Sheets that waited for an unknown number may be gradable now.
    for sheet in exam.scanned_sheets.filter(status=ScannedSheet.Status.REVIEW):
        sheet_grade.grade_sheet(sheet)
    return len(rows)


def students_text(exam):
    users = dict(
        get_user_model()
        .objects.filter(pk__in=[s.user_id for s in exam.sheet_students.all() if s.user_id])
        .values_list("pk", "username")
    )
    return "\n".join(
        f"{s.number}; {s.full_name}; {users.get(s.user_id, '')}".rstrip("; ")
        for s in exam.sheet_students.order_by("number")
    )


def _clean(key, value, exam):
    """A decision's value as stored, or raise ``ValueError`` with what is wrong."""
    kind = key.split(".")[0]
    value = (value or "").strip()
    if kind == "mc":
        if value not in ("", "0", "1", "2", "3"):
            raise ValueError(_("choose A, B, C, D or none"))
        return None if value == "" else int(value)
    if kind == "tf":
        if value not in ("", "True", "False"):
            raise ValueError(_("choose true, false or none"))
        return None if value == "" else value == "True"
    if kind == "sa":
        if value and not re.fullmatch(r"-?\d+(,\d+)?", value):
            raise ValueError(_("write a number such as -1,5 (or leave it empty)"))
        return value
    if kind == "number":
        if not exam.sheet_students.filter(number=value).exists():
            raise ValueError(_("choose a student of the class list"))
        return value
    if kind == "code":
        if not exam.versions.filter(code=value).exists():
            raise ValueError(_("choose one of the test's versions"))
        return value
    if kind in ("qr", "duplicate"):
        if value != "yes":
            raise ValueError(_("confirm, or discard the sheet"))
        return value
    raise ValueError(_("unknown field"))


def decide(user, sheet_uuid, form, discard=False):
    """The teacher's review of a sheet: ``form`` {"d-<problem key>": value}; every open problem needs a
    value. Grades the sheet when nothing is left open. Returns ``(status, {key: message})``."""
    sheet = ScannedSheet.objects.select_related("exam").get(uuid=sheet_uuid)
    exam_of(user, sheet.exam.uuid, edit=True)
    if discard:
        sheet.status, sheet.attempt = ScannedSheet.Status.DISCARDED, None
        sheet.reviewed_by, sheet.reviewed_at = user.id, timezone.now()
        sheet.save(update_fields=["status", "attempt", "reviewed_by", "reviewed_at"])
        return sheet.status, {}
    problems, _user_id, _code = sheet_grade.open_problems(sheet)
    decisions, errors = dict(sheet.decisions or {}), {}
    for where, _reason in problems:
        key = sheet_grade.problem_key(where)
        if f"d-{key}" not in form:
            errors[key] = _("decide this before grading")
            continue
        try:
            decisions[key] = _clean(key, form[f"d-{key}"], sheet.exam)
        except ValueError as exc:
            errors[key] = str(exc)
    if errors:
        return sheet.status, errors
    sheet.decisions = decisions
    sheet.reviewed_by, sheet.reviewed_at = user.id, timezone.now()
    sheet.save(update_fields=["decisions", "reviewed_by", "reviewed_at"])
    try:
        return sheet_grade.grade_sheet(sheet, reviewer=user.id), {}
    except ValueError as exc:
        return sheet.status, {"number": str(exc)}
