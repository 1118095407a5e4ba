"""From a sheet read to a graded attempt: match the student and the version, resolve what the teacher
decided, and hand the answers to ``api.record_paper_attempt`` (the online tests' rules, ``grading``).

A sheet is graded only when nothing about it is unsure: every problem the reader found (a faint or double
mark, an unreadable or unknown number, an unknown version, a QR code of another test, a second sheet of the
same student) must carry the teacher's decision first. Until then it waits on the review screen.
"""

from django.db import transaction
from django.utils import timezone

from openedx_vn.assessment import api
from openedx_vn.assessment.models import Attempt, ExamVersion
from openedx_vn.assessment.sheets.layout import SHORT_COLUMNS, build_layout
from openedx_vn.assessment.sheets.models import ScannedSheet, SheetStudent

__all__ = ["key_str", "problem_key", "grade_sheet", "paper_answers", "PAPER_ESSAY"]

# An essay written on paper: a value, so the attempt counts it as an essay to grade.
PAPER_ESSAY = "[Bài làm trên giấy]"


def key_str(key):
    return ".".join(str(part) for part in key)


def problem_key(where):
    """The decision key a problem is resolved by: Phần III problems are decided per question ("sa.2")."""
    if isinstance(where, (list, tuple)):
        where = key_str(where)
    parts = where.split(".")
    return ".".join(parts[:2]) if parts[0] == "sa" else where


def _short_text(values, number):
    text = "".join(values.get(f"sa.{number}.{column}") or " " for column in range(SHORT_COLUMNS))
    return text.strip() or None


def paper_answers(values, decisions, parts, exam_items):
    """``{question uuid: value in the printed shape}`` for ``api.record_paper_attempt`` from the sheet's
    ``values`` and the teacher's ``decisions`` (both keyed "mc.3"…), for a version's ``parts``."""
    merged = {**values, **{k: v for k, v in decisions.items() if k.split(".")[0] in ("mc", "tf")}}
    answers = {}
    for number, item in enumerate(parts.get("multiple_choice", ()), start=1):
        value = merged.get(f"mc.{number}")
        answers[item["uuid"]] = None if value in (None, "") else int(value)
    for number, item in enumerate(parts.get("true_false_cluster", ()), start=1):
        judged = [merged.get(f"tf.{number}.{statement}") for statement in range(4)]
        judged = [None if value in (None, "") else value in (True, "True", "true") for value in judged]
        answers[item["uuid"]] = None if all(value is None for value in judged) else judged
    for number, item in enumerate(parts.get("short_answer", ()), start=1):
        decided = decisions.get(f"sa.{number}")
        answers[item["uuid"]] = (
            (decided or None) if f"sa.{number}" in decisions else _short_text(values, number)
        )
    kinds = {item["uuid"]: item["type"] for item in exam_items}
    for item in parts.get("essay", ()):
        if kinds.get(item["uuid"]) == "essay":
            answers[item["uuid"]] = PAPER_ESSAY
    return answers


def _matching_problems(sheet, read, decisions):
    """Problems of matching: who, which version, which test, a second sheet. ``(problems, user_id, code)``."""
    problems = []
    exam = sheet.exam
    if read.get("qr_exam") and read["qr_exam"].replace("-", "") != exam.uuid.hex and "qr" not in decisions:
        problems.append(["qr", "other_test"])
    number = decisions.get("number") or sheet.number
    student = SheetStudent.objects.filter(exam=exam, number=number).first() if number else None
    user_id = student.user_id if student else None
    if number and student is None and "number" not in decisions:
        problems.append(["number", "unknown"])
    elif student is not None and user_id is None:
        problems.append(["number", "no_account"])
    code = decisions.get("code") or sheet.version_code
    known = bool(code) and ExamVersion.objects.filter(exam=exam, code=code).exists()
    if not known and ("code" not in decisions or not code):
        problems.append(["code", "unknown" if code else "missing"])
    if user_id is not None and "duplicate" not in decisions:
        others = ScannedSheet.objects.filter(
            exam=exam,
            user_id=user_id,
            status__in=[ScannedSheet.Status.GRADED, ScannedSheet.Status.CONFIRMED],
        ).exclude(pk=sheet.pk)
        if others.exists():
            problems.append(["duplicate", "duplicate"])
    if (
        user_id is not None
        and Attempt.objects.filter(exam=exam, user_id=user_id, sheets__isnull=True).exists()
    ):
        problems.append(["number", "online"])  # sat online already: the teacher decides, nothing is replaced
    if not number and "number" not in decisions:
        problems.append(["number", "missing"])
    return problems, user_id, code


def open_problems(sheet):
    """The sheet's problems the teacher has not decided yet."""
    read, decisions = sheet.read or {}, sheet.decisions or {}
    reader_problems = [p for p in read.get("problems", []) if problem_key(p[0]) not in decisions]
    # The reader's own number and code problems are replaced by the matching's, which sees the decisions.
    reader_problems = [p for p in reader_problems if p[0] not in ("number", "code")] + [
        p for p in reader_problems if p[0] in ("number", "code") and p[0] not in decisions
    ]
    matching, user_id, code = _matching_problems(sheet, read, decisions)
    seen = {(problem_key(p[0]), p[1]) for p in reader_problems}
    merged = reader_problems + [p for p in matching if (p[0], p[1]) not in seen]
    unique = []
    for problem in merged:
        if problem_key(problem[0]) in ("number", "code") and any(
            problem_key(q[0]) == problem_key(problem[0]) for q in unique
        ):
            continue
        unique.append(problem)
    return unique, user_id, code


def grade_sheet(sheet, reviewer=None):
    """Grade ``sheet`` if nothing about it is unsure, else leave it for review. Returns its status."""
    problems, user_id, code = open_problems(sheet)
    if problems:
        sheet.status = ScannedSheet.Status.REVIEW
        sheet.save(update_fields=["status"])
        return sheet.status
    exam = sheet.exam
    parts = ExamVersion.objects.values_list("parts", flat=True).get(exam=exam, code=code)
    answers = paper_answers(sheet.read.get("values", {}), sheet.decisions or {}, parts, exam.items)
    with transaction.atomic():
        if "duplicate" in (sheet.decisions or {}):  # the teacher keeps this sheet: the other one is set aside
            ScannedSheet.objects.filter(exam=exam, user_id=user_id).exclude(pk=sheet.pk).filter(
                status__in=[ScannedSheet.Status.GRADED, ScannedSheet.Status.CONFIRMED]
            ).update(status=ScannedSheet.Status.DISCARDED, attempt=None)
        attempt_id = api.record_paper_attempt(
            exam.uuid, user_id, code, answers, when=sheet.created_at or timezone.now()
        )
        sheet.user_id, sheet.attempt_id = user_id, attempt_id
        sheet.version_code = code
        sheet.status = ScannedSheet.Status.CONFIRMED if reviewer else ScannedSheet.Status.GRADED
        sheet.save(update_fields=["user_id", "attempt", "version_code", "status"])
    return sheet.status


def layout_of(sheet):
    read = sheet.read or {}
    return build_layout(read["kind"], read["counts"]) if read.get("kind") else None
