"""Store imported drafts as questions: one transaction, bulk inserts (MySQL returns no ids: read back)."""

import uuid

from django.db import transaction

from openedx_vn.qbank.models import Question, QuestionVersion


@transaction.atomic
def store_drafts(bank, drafts, user_id=None):
    """Create one question (version 1, current) per draft in ``bank``; returns their uuids in draft order."""
    keys = [uuid.uuid4() for _ in drafts]
    Question.objects.bulk_create([Question(uuid=key, bank=bank) for key in keys], batch_size=1000)
    ids = dict(Question.objects.filter(uuid__in=keys).values_list("uuid", "id"))
    QuestionVersion.objects.bulk_create(
        [
            QuestionVersion(
                question_id=ids[key],
                number=1,
                type=draft.type,
                title=draft.title[:255],
                stem=draft.stem,
                body=draft.body,
                explanation=draft.explanation,
                points=draft.points,
                category=draft.category[:500],
                source=str(draft.place)[:500],
                fingerprint=draft.fingerprint,
                created_by=user_id,
            )
            for key, draft in zip(keys, drafts, strict=True)
        ],
        batch_size=1000,
    )
    versions = QuestionVersion.objects.filter(question_id__in=ids.values(), number=1).values_list(
        "question_id", "id"
    )
    current = dict(versions)
    questions = [Question(id=question_id, current_id=current[question_id]) for question_id in ids.values()]
    Question.objects.bulk_update(questions, ["current"], batch_size=1000)
    return keys


def bank_fingerprints(bank):
    """Fingerprints of the current versions of a bank's questions."""
    return frozenset(
        Question.objects.filter(bank=bank, current__isnull=False).values_list(
            "current__fingerprint", flat=True
        )
    )
