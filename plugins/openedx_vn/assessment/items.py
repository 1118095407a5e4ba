"""Item analysis of a test, stored and written back to the banks (re-exported by ``api``).

``analyse_items`` computes each question's facility and discrimination from the submitted attempts
(``analysis``), stores them as ``ItemStatistic`` rows (one per question, replaced on every run) and writes
the measured difficulty (1 − facility) on the question version in its bank. It runs on Celery
(``item_tasks.analyse_items``, queued by ``start_item_analysis``); ``item_statistics`` reads the rows for the
test's teacher.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import connection, transaction
from django.utils.translation import gettext as _

from openedx_vn.assessment import analysis
from openedx_vn.assessment.models import Attempt, Exam, ItemStatistic
from openedx_vn.qbank import api as qbank_api

__all__ = ["ItemAnalysisRow", "analyse_items", "item_statistics", "start_item_analysis"]

_UPDATED = ["responses", "facility", "discrimination", "computed_at"]


@dataclass(frozen=True)
class ItemAnalysisRow:
    """One question's figures in a test: ``number`` is its place in the drawn order (1…), ``type`` its
    question type, ``difficulty`` the estimate written to the bank (None: too few attempts to write one)."""

    number: int
    question_uuid: str
    version: int
    type: str
    points: Decimal
    responses: int
    facility: float
    discrimination: float | None
    difficulty: float | None
    computed_at: datetime | None = None


def _exam(exam_uuid):
    try:
        key = uuid.UUID(str(exam_uuid))
    except ValueError as exc:
        raise LookupError(_("{value!r} is not an id").format(value=exam_uuid)) from exc
    exam = Exam.objects.filter(uuid=key).only("id", "uuid", "items").first()
    if exam is None:
        raise LookupError(_("No test {uuid}").format(uuid=exam_uuid))
    return exam


def _difficulty(figures):
    # The bank keeps an estimate only when it rests on enough attempts (the same floor as discrimination).
    if figures.responses < analysis.MIN_ATTEMPTS:
        return None
    return round(1 - figures.facility, 4)


def analyse_items(exam_uuid):
    """Compute, store and write back the item analysis of a test: returns its ``ItemAnalysisRow``s.

    Counts the submitted and timed-out attempts (not the open ones). Each question's ``ItemStatistic`` row is
    replaced; the difficulty ``1 − facility`` goes to the bank's question version (``record_difficulty``)
    when at least ``analysis.MIN_ATTEMPTS`` attempts were graded on it. Raises ``LookupError`` for an
    unknown test. Running it again on the same attempts gives the same rows.
    """
    exam = _exam(exam_uuid)
    items = {item["uuid"]: item for item in exam.items}
    earned = (
        Attempt.objects.filter(exam=exam)
        .exclude(status=Attempt.Status.OPEN)
        .order_by("id")
        .values_list("earned", flat=True)
    )
    figures = analysis.analyse({key: Decimal(item["points"]) for key, item in items.items()}, list(earned))
    rows = [
        ItemStatistic(
            exam=exam,
            question_uuid=f.question_uuid,
            responses=f.responses,
            facility=f.facility,
            discrimination=f.discrimination,
        )
        for f in figures
    ]
    with transaction.atomic():
        ItemStatistic.objects.filter(exam=exam).exclude(
            question_uuid__in=[f.question_uuid for f in figures]
        ).delete()
        upsert = {"update_conflicts": True, "update_fields": _UPDATED}
        if connection.features.supports_update_conflicts_with_target:  # SQLite, PostgreSQL; MySQL infers it
            upsert["unique_fields"] = ["exam", "question_uuid"]
        ItemStatistic.objects.bulk_create(rows, **upsert)
    for f in figures:
        difficulty = _difficulty(f)
        if difficulty is not None:
            qbank_api.record_difficulty(f.question_uuid, items[f.question_uuid]["version"], difficulty)
    return _rows(exam, {f.question_uuid: (f.responses, f.facility, f.discrimination, None) for f in figures})


def _rows(exam, figures):
    rows = []
    for number, item in enumerate(exam.items, start=1):
        if item["uuid"] not in figures:
            continue
        responses, facility, discrimination, computed_at = figures[item["uuid"]]
        difficulty = _difficulty(analysis.ItemFigures(item["uuid"], responses, facility, discrimination))
        rows.append(
            ItemAnalysisRow(
                number,
                item["uuid"],
                item["version"],
                item["type"],
                Decimal(item["points"]),
                responses,
                facility,
                discrimination,
                difficulty,
                computed_at,
            )
        )
    return rows


def item_statistics(user, exam_uuid):
    """The stored ``ItemAnalysisRow``s of a test ``user`` may see (its teacher, the school's leaders, staff),
    in the drawn order; empty before the first analysis. Raises ``NotAllowed`` or ``LookupError``."""
    from openedx_vn.assessment import api  # noqa: PLC0415 - api re-exports this module

    exam = api._exam_for(user, exam_uuid)
    stored = ItemStatistic.objects.filter(exam=exam).values_list(
        "question_uuid", "responses", "facility", "discrimination", "computed_at"
    )
    return _rows(exam, {row[0]: row[1:] for row in stored})


def start_item_analysis(user, exam_uuid):
    """Queue the analysis of a test ``user`` may see on Celery; returns the task id (on the dev host without
    a broker it has run by the time this returns). Raises ``NotAllowed`` or ``LookupError``."""
    from openedx_vn.assessment import api, item_tasks  # noqa: PLC0415 - the task module imports this one

    exam = api._exam_for(user, exam_uuid)
    return item_tasks.analyse_items.delay(str(exam.uuid)).id
