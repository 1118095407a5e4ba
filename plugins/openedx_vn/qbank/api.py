"""Public Python API of the question-bank app."""

import uuid

from django.db.models import F

from openedx_vn.core.permissions import is_platform_staff
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import storing
from openedx_vn.qbank.data import (
    BankInfo,
    ImportResult,
    QuestionType,
    QuestionTypeInfo,
    Score,
    cognitive_level,
)
from openedx_vn.qbank.importing.pipeline import FORMATS, QuestionImportError, preview
from openedx_vn.qbank.models import QuestionBank, QuestionVersion
from openedx_vn.qbank.olx import QuestionContent, QuestionOLXError, parse_question, write_question
from openedx_vn.qbank.scoring import (
    parse_number,
    score_multiple_choice,
    score_short_answer,
    score_true_false_cluster,
)

__all__ = [
    "BankInfo",
    "ImportResult",
    "QuestionContent",
    "QuestionImportError",
    "QuestionOLXError",
    "Score",
    "can_edit_bank",
    "cognitive_level",
    "create_bank",
    "export_library",
    "get_bank",
    "import_questions",
    "import_formats",
    "import_template",
    "list_banks",
    "parse_question",
    "get_question_types",
    "parse_number",
    "score_multiple_choice",
    "score_short_answer",
    "score_true_false_cluster",
    "write_question",
]


def get_question_types():
    """Return the supported question types with their labels in the active language."""
    return [QuestionTypeInfo(code=qt.value, label=str(qt.label)) for qt in QuestionType]


# -------------------------------------------------------------------- banks
def _bank_info(bank):
    return BankInfo(
        str(bank.uuid),
        bank.name,
        bank.scope,
        bank.owner_id,
        bank.school_code,
        bank.province_code,
        bank.questions.count(),
    )


def create_bank(name, owner_id, scope="personal", school_code="", province_code=""):
    """Create a question bank and return its ``BankInfo``."""
    bank = QuestionBank.objects.create(
        name=name, owner_id=owner_id, scope=scope, school_code=school_code, province_code=province_code
    )
    return _bank_info(bank)


def _bank(bank_uuid):
    try:
        key = uuid.UUID(str(bank_uuid))
    except ValueError as exc:
        raise LookupError(f"{bank_uuid!r} is not a question bank id") from exc
    bank = QuestionBank.objects.filter(uuid=key).first()
    if bank is None:
        raise LookupError(f"No question bank {bank_uuid}")
    return bank


def list_banks(owner_id=None):
    """Banks by name; only those of ``owner_id`` when given."""
    banks = QuestionBank.objects.order_by("name")
    if owner_id is not None:
        banks = banks.filter(owner_id=owner_id)
    return [_bank_info(bank) for bank in banks]


def can_edit_bank(user, bank):
    """Whether ``user`` may add to or change a bank (``BankInfo``): its owner, or global staff for now.

    School and province banks get their editors when the organisation's roles exist (teaching app).
    """
    return is_platform_staff(user) or (user.is_authenticated and user.id == bank.owner_id)


def get_bank(bank_uuid):
    """The ``BankInfo`` of a bank; raise ``LookupError`` if there is none with that uuid."""
    return _bank_info(_bank(bank_uuid))


# ------------------------------------------------------------------- import
def import_formats():
    """Names of the formats the import pipeline reads."""
    return sorted(FORMATS)


def import_template():
    """The Excel template for question imports (.xlsx bytes): columns and one example of each type."""
    from openedx_vn.qbank.importing.formats import xlsx  # noqa: PLC0415

    return xlsx.template_bytes()


def import_questions(content, filename, bank_uuid, user_id=None, fmt=None, dry_run=False):
    """Import a file (bytes) into a bank: all of its questions, or none.

    Duplicates (same stem and options as a question in the bank or earlier in the file) are reported and left
    out. With ``dry_run`` nothing is stored (the preview).
    Raises ``QuestionImportError`` naming every problem with its place; nothing is stored then.
    """
    bank = _bank(bank_uuid)
    result = preview(content, filename, fmt, storing.bank_fingerprints(bank), curriculum_api.existing_codes)
    if result.problems:
        raise QuestionImportError(result.problems)
    uuids = () if dry_run else tuple(str(key) for key in storing.store_drafts(bank, result.drafts, user_id))
    duplicates = tuple(f"{draft.place}: repeats {draft.duplicate_of}" for draft in result.duplicates)
    notes = tuple(str(note) for note in result.notes)
    notes += tuple(f"{draft.place}: {note}" for draft in result.drafts for note in draft.notes)
    return ImportResult(result.format, len(result.drafts), duplicates, uuids, notes)


# ------------------------------------------------------------------- export
def export_library(bank_uuid, org, code, display_name=None):
    """The bank's current questions as an Open edX content-library archive (``.tar.gz`` bytes, notes).

    Notes name the questions left out (essays). Raises ``LookupError`` for an unknown bank.
    """
    from openedx_vn.qbank.exporting import olx  # noqa: PLC0415

    bank = _bank(bank_uuid)
    versions = QuestionVersion.objects.filter(question__bank=bank, question__current=F("id"))
    versions = versions.select_related("question").order_by("question_id")
    return olx.library_archive(versions, org, code, display_name or bank.name)
