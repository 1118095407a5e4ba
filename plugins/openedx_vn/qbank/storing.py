"""Store imported drafts as questions: one transaction; rows inserted with ``executemany``.

Large imports (10,000 questions) spend most of their time in the ORM building INSERTs, so the two inserts
go straight to the cursor; MySQL returns no ids from a bulk insert, so ids are read back by uuid.
"""

import json
import uuid

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from openedx_vn.qbank.models import Question, QuestionVersion

_VERSION_COLUMNS = (
    "question_id",
    "number",
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
    "category",
    "source",
    "licence",
    "fingerprint",
    "created_by",
    "created_at",
)


def _insert(model, columns, rows):
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608 - our names


@transaction.atomic
def store_drafts(bank, drafts, user_id=None):
    """Create one question (version 1, current) per draft in ``bank``; returns their uuids in draft order."""
    now = timezone.now()
    keys = [uuid.uuid4() for _ in drafts]
    uuid_value = Question._meta.get_field("uuid").get_db_prep_value
    _insert(
        Question, ("uuid", "bank_id", "created_at"), [(uuid_value(k, connection), bank.id, now) for k in keys]
    )
    ids = dict(Question.objects.filter(bank=bank, uuid__in=keys).values_list("uuid", "id"))
    rows = [
        (
            ids[key],
            1,
            d.type,
            d.title[:255],
            d.stem,
            json.dumps(d.body, ensure_ascii=False),
            d.explanation,
            d.points,
            d.cognitive_level,
            d.subject_code,
            d.grade,
            json.dumps(d.outcome_codes),
            d.category[:500],
            str(d.place)[:500],
            "",
            d.fingerprint,
            user_id,
            now,
        )
        for key, d in zip(keys, drafts, strict=True)
    ]
    _insert(QuestionVersion, _VERSION_COLUMNS, rows)
    # One UPDATE with a subquery: bulk_update would send a CASE per row.
    first = QuestionVersion.objects.filter(question=OuterRef("pk"), number=1).values("id")[:1]
    Question.objects.filter(bank=bank, current__isnull=True, id__in=list(ids.values())).update(
        current=Subquery(first)
    )
    return keys


def bank_fingerprints(bank):
    """Fingerprints of the current versions of a bank's questions."""
    return frozenset(
        Question.objects.filter(bank=bank, current__isnull=False).values_list(
            "current__fingerprint", flat=True
        )
    )
