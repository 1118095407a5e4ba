"""Changing a bank by hand: new questions, new versions (versions never change), moving and copying.

Content is checked by the importer's rules (``importing.validate``) and cleaned by its sanitiser, so a
question typed in the editor obeys exactly what an imported one does.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import listing
from openedx_vn.qbank.importing import validate
from openedx_vn.qbank.importing.drafts import Draft, Place
from openedx_vn.qbank.importing.sanitize import clean_html
from openedx_vn.qbank.models import Question, QuestionVersion

# Fields of a version the editor sends; the others (category, source, licence, difficulty) are carried over.
CONTENT_FIELDS = (
    "type",
    "title",
    "stem",
    "body",
    "explanation",
    "points",
    "cognitive_level",
    "subject_code",
    "grade",
    "outcome_codes",
)
_CARRIED = ("category", "source", "licence", "difficulty")
MAX_TRANSFER = 500


class InvalidQuestion(ValueError):
    """The content breaks the bank's rules; ``problems`` lists them (nothing was stored)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


def _clean(content):
    """A ``Draft`` of the content with its HTML sanitised (texts of options and statements too)."""
    body = dict(content["body"])
    for key in ("choices", "statements", "rubric"):
        if key in body:
            body[key] = [
                {**entry, **{k: clean_html(entry[k]) for k in ("text", "feedback") if entry.get(k)}}
                for entry in body[key]
            ]
    return Draft(
        type=content["type"],
        stem=clean_html(content["stem"]),
        body=body,
        place=Place("editor"),
        title=content.get("title", "")[:255],
        explanation=clean_html(content.get("explanation", "")),
        points=Decimal(str(content.get("points", 1))),
        subject_code=(content.get("subject_code") or "").upper(),
        grade=content.get("grade"),
        outcome_codes=[code.strip() for code in content.get("outcome_codes") or [] if code.strip()],
        cognitive_level=content.get("cognitive_level") or "",
    )


def check(content):
    """The cleaned ``Draft`` of ``content``; raise ``InvalidQuestion`` with the importer's messages."""
    draft = _clean(content)
    codes = set(draft.outcome_codes)
    known = curriculum_api.existing_codes(codes) if codes else None
    problems = validate.problems_of(draft, known)
    if problems:
        raise InvalidQuestion(problems)
    draft.fingerprint = validate.fingerprint(draft)
    return draft


def _version_fields(draft):
    return {
        "type": draft.type,
        "title": draft.title,
        "stem": draft.stem,
        "body": draft.body,
        "explanation": draft.explanation,
        "points": draft.points,
        "cognitive_level": draft.cognitive_level,
        "subject_code": draft.subject_code,
        "grade": draft.grade,
        "outcome_codes": draft.outcome_codes,
        "fingerprint": draft.fingerprint,
    }


def duplicates_in(bank_id, fingerprint, exclude=None):
    """Uuids of the bank's questions whose current version has this fingerprint."""
    found = Question.objects.filter(bank_id=bank_id, current__fingerprint=fingerprint)
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return [str(key) for key in found.values_list("uuid", flat=True)]


@transaction.atomic
def create_question(bank, content, user_id):
    """A new question (version 1) in ``bank``; returns it. Raises ``InvalidQuestion``."""
    draft = check(content)
    question = Question.objects.create(bank=bank)
    version = QuestionVersion.objects.create(
        question=question, number=1, created_by=user_id, source="editor", **_version_fields(draft)
    )
    listing.copy_current(question, version)
    question.save()
    return question


@transaction.atomic
def add_version(question, content, user_id):
    """Store ``content`` as the question's next version and make it current; returns the new version.

    Earlier versions stay as they were (tests built from them keep showing them). Raises ``InvalidQuestion``.
    """
    draft = check(content)
    question = Question.objects.select_for_update().select_related("current").get(pk=question.pk)
    number = (question.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    carried = {field: getattr(question.current, field) for field in _CARRIED} if question.current else {}
    version = QuestionVersion.objects.create(
        question=question, number=number, created_by=user_id, **carried, **_version_fields(draft)
    )
    listing.copy_current(question, version)
    question.save()
    return version


def _selected(bank, question_uuids):
    if len(question_uuids) > MAX_TRANSFER:
        message = _("At most %(most)s questions at a time, %(count)s chosen.")
        raise InvalidQuestion([message % {"most": MAX_TRANSFER, "count": len(question_uuids)}])
    wanted = {str(key) for key in question_uuids}
    found = list(Question.objects.filter(bank=bank, uuid__in=wanted).select_related("current"))
    missing = wanted - {str(question.uuid) for question in found}
    if missing:
        raise InvalidQuestion(
            [_("Not a question of this bank: %(key)s") % {"key": key} for key in sorted(missing)]
        )
    return found


@transaction.atomic
def move_questions(source, target, question_uuids):
    """Move questions (with all their versions) from ``source`` to ``target``; returns how many moved."""
    questions = _selected(source, question_uuids)
    return Question.objects.filter(pk__in=[q.pk for q in questions]).update(bank=target)


@transaction.atomic
def copy_questions(source, target, question_uuids, user_id):
    """Copy the current versions into ``target`` as new questions (version 1).

    Returns ``(new uuids, skipped uuids)``: a question whose text is already in ``target`` is skipped, as an
    import skips duplicates.
    """
    questions = _selected(source, question_uuids)
    present = set(
        Question.objects.filter(bank=target, current__isnull=False).values_list(
            "current__fingerprint", flat=True
        )
    )
    created, skipped = [], []
    for question in questions:
        version = question.current
        if version is None or version.fingerprint in present:
            skipped.append(str(question.uuid))
            continue
        present.add(version.fingerprint)
        copy = Question.objects.create(bank=target)
        fields = {field: getattr(version, field) for field in (*_CARRIED, "fingerprint", *CONTENT_FIELDS)}
        fields["source"] = f"{source.name} / {question.uuid} v{version.number}"[:500]
        new_version = QuestionVersion.objects.create(question=copy, number=1, created_by=user_id, **fields)
        listing.copy_current(copy, new_version)
        copy.save()
        created.append(str(copy.uuid))
    return created, skipped
