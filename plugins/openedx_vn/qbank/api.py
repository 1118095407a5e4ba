"""Public Python API of the question-bank app."""

import re
import uuid

from django.db.models import Count, F
from django.utils.translation import gettext as _

from openedx_vn.core.memory import collector_paused
from openedx_vn.core.vietnamese import fold, vi_order
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import permissions, storing
from openedx_vn.qbank.data import (
    COGNITIVE_LEVELS,
    BankInfo,
    CandidateQuestion,
    ImportResult,
    QuestionType,
    QuestionTypeInfo,
    Score,
    cognitive_level,
    matrix_level,
)
from openedx_vn.qbank.importing import sanitize
from openedx_vn.qbank.importing.pipeline import FORMATS, QuestionImportError, preview
from openedx_vn.qbank.models import Question, QuestionBank, QuestionVersion
from openedx_vn.qbank.olx import QuestionContent, QuestionOLXError, parse_question, write_question
from openedx_vn.qbank.scoring import (
    parse_number,
    score_multiple_choice,
    score_short_answer,
    score_true_false_cluster,
)

__all__ = [
    "questions_per_school",
    "BankInfo",
    "CandidateQuestion",
    "ImportResult",
    "QuestionContent",
    "QuestionImportError",
    "QuestionOLXError",
    "Score",
    "can_edit_bank",
    "can_view_bank",
    "is_bank_user",
    "clean_html",
    "cognitive_level",
    "matrix_level",
    "split_stimulus",
    "create_bank",
    "export_formats",
    "export_library",
    "export_questions",
    "get_bank",
    "get_question_content",
    "get_question_contents",
    "question_picture",
    "list_candidates",
    "pin_questions",
    "question_keys",
    "record_difficulty",
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
def _bank_info(bank, count=True):
    return BankInfo(
        str(bank.uuid),
        bank.name,
        bank.scope,
        bank.owner_id,
        bank.school_code,
        bank.province_code,
        bank.questions.count() if count else None,
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
        raise LookupError(_("{value!r} is not a question bank id").format(value=bank_uuid)) from exc
    bank = QuestionBank.objects.filter(uuid=key).first()
    if bank is None:
        raise LookupError(_("No question bank {uuid}").format(uuid=bank_uuid))
    return bank


def list_banks(owner_id=None):
    """Banks by name; only those of ``owner_id`` when given."""
    banks = QuestionBank.objects.order_by(vi_order("name"), "id")
    if owner_id is not None:
        banks = banks.filter(owner_id=owner_id)
    return [_bank_info(bank) for bank in banks]


def can_edit_bank(user, bank):
    """Whether ``user`` may add to or change a bank (``BankInfo``): owner, shared editor, staff; see
    ``qbank.permissions`` (school and province banks: their organisation's teachers)."""
    return permissions.can_edit_bank(user, bank)


def can_view_bank(user, bank):
    """Whether ``user`` may read a bank (``BankInfo``) and draw tests from it."""
    return permissions.can_view_bank(user, bank)


def is_bank_user(user):
    """Whether ``user`` works with banks at all (staff, a school or province role, a bank of their own or
    shared with them): the teachers' side of the suite. Students are not bank users."""
    return permissions.is_bank_user(user)


def get_bank(bank_uuid, count=True):
    """The ``BankInfo`` of a bank; raise ``LookupError`` if there is none with that uuid. ``count=False``:
    ``question_count`` is None (counting a 100,000-question bank costs ~30 ms; a scope check needs none)."""
    return _bank_info(_bank(bank_uuid), count)


# ---------------------------------------------------------------- questions
def get_question_content(question_uuid, version=None):
    """A bank question's content as ``(QuestionContent, version number)``: ``version`` or the current one.

    Raises ``LookupError`` when the question (or that version) does not exist. The content carries the key:
    callers that serve students must keep it on the server (``QuestionContent`` texts are sanitised HTML).
    """
    try:
        key = uuid.UUID(str(question_uuid))
    except ValueError as exc:
        raise LookupError(_("{value!r} is not a question id").format(value=question_uuid)) from exc
    versions = QuestionVersion.objects.filter(question__uuid=key)
    if version is None:
        versions = versions.filter(question__current=F("id"))
    else:
        versions = versions.filter(number=version)
    found = versions.first()
    if found is None:
        raise LookupError(
            _("No question {uuid} version {version}").format(uuid=question_uuid, version=version)
            if version
            else _("No question {uuid}").format(uuid=question_uuid)
        )
    return QuestionContent(found.type, found.stem, found.body, found.explanation), found.number


def get_question_contents(pinned):
    """Contents of several questions at once: ``pinned`` is ``[(uuid, version)]``; returns ``{uuid:
    QuestionContent}``. Raises ``LookupError`` naming every missing question version. Carries the keys."""
    pinned = [(str(key), int(number)) for key, number in pinned]
    try:
        keys = {uuid.UUID(key) for key, _number in pinned}
    except ValueError as exc:
        raise LookupError(_("not a question id: {error}").format(error=exc)) from exc
    rows = QuestionVersion.objects.filter(question__uuid__in=keys).values_list(
        "question__uuid", "number", "type", "stem", "body", "explanation"
    )
    wanted = set(pinned)
    found = {}
    for key, number, qtype, stem, body, explanation in rows:
        if (str(key), number) in wanted:
            found[str(key)] = QuestionContent(qtype, stem, body, explanation)
    missing = [f"{key} v{number}" for key, number in pinned if key not in found]
    if missing:
        raise LookupError(_("No question {uuid}").format(uuid=", ".join(missing)))
    return found


def list_candidates(bank_uuids, types, levels, outcome_prefixes, subject_code="", grade=None):
    """The current questions of the banks a test may draw (``CandidateQuestion``s), without their content.

    Only questions of ``types`` and ``levels`` whose learning outcomes include one of ``outcome_prefixes``
    (a code or any code under it) are read: the filter runs in the database on the bank's narrow copy, and
    the rows are read without a join or a uuid (``pin_questions`` names the drawn ones).
    """
    from django.db.models import Q  # noqa: PLC0415

    banks = [_bank(key) for key in bank_uuids]
    # A three-level (CV 7991) matrix asks for "van_dung": "van_dung_cao" questions fill it, named so.
    folded = {
        code: matrix_level(code)
        for code in COGNITIVE_LEVELS
        if code not in levels and matrix_level(code) in levels
    }
    questions = Question.objects.filter(
        bank__in=banks, type__in=list(types), cognitive_level__in=[*levels, *folded]
    )
    questions = questions.exclude(current=None)
    if subject_code:
        questions = questions.filter(subject_code=subject_code)
    if grade is not None:
        questions = questions.filter(grade=grade)
    if outcome_prefixes:
        # outcome_text is " CODE. CODE. ": " TOAN.10.1." matches the code itself and every code under it.
        wanted = Q()
        for prefix in dict.fromkeys(outcome_prefixes):
            wanted |= Q(outcome_text__contains=f" {prefix}.")
        questions = questions.filter(wanted)
    rows = questions.values_list("id", "type", "cognitive_level", "outcome_text", "difficulty")
    split = {}  # questions of one topic share their codes: split each text once
    make = CandidateQuestion._make
    # 100,000 small tuples: the cyclic garbage collector would walk them again and again while they are made.
    with collector_paused():
        return [
            make(
                (
                    key,
                    qtype,
                    folded.get(level, level),
                    split.get(codes) or split.setdefault(codes, _codes(codes)),
                    difficulty,
                )
            )
            for key, qtype, level, codes, difficulty in rows.iterator(chunk_size=10_000)
        ]


def _codes(outcome_text):
    return tuple(outcome_text.replace(". ", " ").split())


def pin_questions(keys):
    """``{key: (uuid, current version number)}`` of ``CandidateQuestion`` keys (the questions drawn)."""
    rows = Question.objects.filter(id__in=list(keys)).values_list("id", "uuid", "current__number")
    return {key: (str(value), number) for key, value, number in rows}


def question_keys(question_uuids):
    """The ``CandidateQuestion`` keys of questions given by uuid (unknown uuids are left out)."""
    try:
        values = [uuid.UUID(str(key)) for key in question_uuids]
    except ValueError as exc:
        raise LookupError(_("not a question id: {error}").format(error=exc)) from exc
    return set(Question.objects.filter(uuid__in=values).values_list("id", flat=True))


def record_difficulty(question_uuid, version, difficulty):
    """Write a measured difficulty (share of students who did not earn the points, 0–1) on a question version.

    A statistic about the version, not its content: the version stays the same. Returns whether it existed.
    """
    if difficulty is not None and not 0 <= difficulty <= 1:
        raise ValueError(f"difficulty {difficulty} is not between 0 and 1")
    try:
        key = uuid.UUID(str(question_uuid))
    except ValueError:
        return False
    found = QuestionVersion.objects.filter(question__uuid=key, number=version).update(difficulty=difficulty)
    # The copy on the question row, read when tests are drawn, follows its current version.
    Question.objects.filter(uuid=key, current__number=version).update(difficulty=difficulty)
    return bool(found)


def question_picture(src):
    """``(bytes, mime type)`` of a picture a question's HTML shows (``src``: a ``data:`` URI or a file of
    the bank's storage), or None when its bytes are not reachable. For papers printed outside the bank."""
    from openedx_vn.qbank.exporting import images  # noqa: PLC0415

    return images.picture(src)


def clean_html(text):
    """Sanitised HTML (the bank's rules: no script, no event handlers, no external resources)."""
    return sanitize.clean_html(text)


# ------------------------------------------------------------------- import
def import_formats():
    """Names of the formats the import pipeline reads."""
    return sorted(FORMATS)


def import_template():
    """The Excel template for question imports (.xlsx bytes): columns and one example of each type."""
    from openedx_vn.qbank.importing.formats import xlsx  # noqa: PLC0415

    return xlsx.template_bytes()


def import_questions(
    content, filename, bank_uuid, user_id=None, fmt=None, dry_run=False, progress=None, adjust=None
):
    """Import a file (bytes) into a bank: all of its questions, or none.

    Duplicates (same stem and options as a question in the bank or earlier in the file) are reported and left
    out. With ``dry_run`` nothing is stored (the preview). ``progress(done, total)``: see ``preview``.
    ``adjust(drafts)`` (optional) changes the drafts before they are stored (the wizard's metadata).
    Raises ``QuestionImportError`` naming every problem with its place; nothing is stored then.
    """
    bank = _bank(bank_uuid)
    fingerprints = storing.bank_fingerprints(bank)
    result = preview(content, filename, fmt, fingerprints, curriculum_api.existing_codes, progress=progress)
    if result.problems:
        raise QuestionImportError(result.problems)
    if adjust:
        adjust(result.drafts)
    uuids = () if dry_run else tuple(str(key) for key in storing.store_drafts(bank, result.drafts, user_id))
    duplicates = tuple(
        _("%(place)s: repeats %(original)s") % {"place": draft.place, "original": draft.duplicate_of}
        for draft in result.duplicates
    )
    notes = tuple(str(note) for note in result.notes)
    notes += tuple(f"{draft.place}: {note}" for draft in result.drafts for note in draft.notes)
    return ImportResult(result.format, len(result.drafts), duplicates, uuids, notes)


# ------------------------------------------------------------------- export
EXPORT_FORMATS = {
    "olx_library": ".tar.gz",
    "olx_unit": ".tar.gz",
    "qti": ".zip",
    "gift": ".gift",
    "docx": ".docx",
}


def export_formats():
    """Names of the formats ``export_questions`` writes."""
    return list(EXPORT_FORMATS)


def _current_versions(bank, question_uuids=None):
    versions = QuestionVersion.objects.filter(question__bank=bank, question__current=F("id"))
    versions = versions.select_related("question").order_by("question_id")
    if question_uuids is None:
        return list(versions)
    try:
        keys = [uuid.UUID(str(key)) for key in question_uuids]
    except ValueError as exc:
        raise LookupError(_("not a question id: {error}").format(error=exc)) from exc
    found = {version.question.uuid: version for version in versions.filter(question__uuid__in=keys)}
    missing = [str(key) for key in keys if key not in found]
    if missing:
        raise LookupError(
            _("No question {uuid} in bank {bank}").format(uuid=", ".join(missing), bank=bank.uuid)
        )
    return [found[key] for key in dict.fromkeys(keys)]


def export_questions(bank_uuid, fmt, question_uuids=None, **options):
    """The bank's current questions (or the chosen ones, in order) as a file: ``(bytes, filename, notes)``.

    ``fmt`` and its options: ``olx_library`` (org, code), ``olx_unit`` (org, number, run), ``qti``, ``gift``,
    ``docx`` (explanations "end" or "inline", language); every format takes ``title`` (default: the bank's
    name). Notes name what a format could not keep (e.g. essays in OLX). Raises ``LookupError`` for an unknown
    bank or question, ``ValueError`` for an unknown format or option.
    """
    from openedx_vn.qbank.exporting import docx, gift, olx, qti  # noqa: PLC0415

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}")
    given = {name: value for name, value in options.items() if value not in (None, "")}
    unknown = set(given) - {"title"} - _EXPORT_OPTIONS[fmt]
    if unknown:
        raise ValueError(f"unknown option(s) for {fmt}: {', '.join(sorted(unknown))}")
    bank = _bank(bank_uuid)
    versions = _current_versions(bank, question_uuids)
    title = given.pop("title", None) or bank.name
    slug = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-") or "questions"
    if fmt == "olx_library":
        code = given.get("code") or slug.replace("-", "_").upper()
        content, notes = olx.library_archive(versions, given.get("org", "VN"), code, title)
    elif fmt == "olx_unit":
        content, notes = olx.unit_archive(versions, title, **given)
    elif fmt == "qti":
        content, notes = qti.package(versions, title)
    elif fmt == "gift":
        content, notes = gift.export(versions)
    else:
        content, notes = docx.paper(versions, title, **given)
    return content, slug + EXPORT_FORMATS[fmt], notes


_EXPORT_OPTIONS = {
    "olx_library": {"org", "code"},
    "olx_unit": {"org", "number", "run"},
    "qti": set(),
    "gift": set(),
    "docx": {"explanations", "language"},
}


def export_library(bank_uuid, org, code, display_name=None):
    """The bank's current questions as an Open edX content-library archive (``.tar.gz`` bytes, notes).

    Notes name the questions left out (essays). Raises ``LookupError`` for an unknown bank.
    """
    archive, _, notes = export_questions(bank_uuid, "olx_library", org=org, code=code, title=display_name)
    return archive, notes


def split_stimulus(stem):
    """``(shared stimulus HTML, own stem)`` of a stored stem: the passage or figure several questions share
    (kept at the start of each one's stem, ADR 0014); print it once for questions in a row that share it."""
    from openedx_vn.qbank.importing.word_stimulus import split_stimulus as split  # noqa: PLC0415

    return split(stem)


def questions_per_school(school_codes):
    """``{school code: questions}`` in the school-scope banks of those schools (reports, QĐ 4725 evidence);
    personal and province banks belong to no school and are not counted."""
    banks = {"bank__scope": QuestionBank.Scope.SCHOOL, "bank__school_code__in": list(school_codes)}
    rows = Question.objects.filter(**banks).values_list("bank__school_code").annotate(n=Count("id"))
    return dict(rows)
