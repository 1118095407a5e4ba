"""Store imported drafts as questions: one transaction; rows inserted with ``executemany``.

Large imports (10,000 questions) spend most of their time in the ORM building INSERTs, so the two inserts
go straight to the cursor; MySQL returns no ids from a bulk insert, so ids are read back by uuid.

Pictures arrive as data: URIs; before the rows are written each becomes a private file (``core.pictures``:
the private storage, a private S3 bucket in production), named by the SHA-256 of its bytes, and its ``src``
the stable address ``/vn/core/pictures/<sha256>.<ext>`` that a checked view resolves (ADR 0011). Same
picture, same file: importing again writes nothing new, and a failed transaction leaves at most files
nothing refers to, which the next import of the same pictures reuses.
"""

import base64
import binascii
import html
import json
import uuid

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from openedx_vn.core import pictures
from openedx_vn.qbank import listing
from openedx_vn.qbank.importing import images
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


def store_drafts(bank, drafts, user_id=None):
    """Create one question (version 1, current) per draft in ``bank``; returns their uuids in draft order.

    Pictures go to the storage first (uploads can be slow; no transaction is held open meanwhile).
    """
    store_pictures(drafts)
    return _store_rows(bank, drafts, user_id)


def store_pictures(drafts):
    """Move every data: picture of the drafts' HTML (stem, explanation, options, feedback, statements) into
    the private storage, and point its ``src`` at the picture's stable address."""
    stored = {}  # data URI → URL, so a picture repeated in a file is looked at once
    for draft in drafts:
        draft.stem = _stored_html(draft.stem, stored)
        draft.explanation = _stored_html(draft.explanation, stored)
        for key in ("choices", "statements"):
            for entry in draft.body.get(key, []):
                for field in ("text", "feedback"):
                    if entry.get(field):
                        entry[field] = _stored_html(entry[field], stored)


def _stored_html(text, stored):
    if not text or "data:image/" not in text:
        return text

    def replace(match):
        if match[0] not in stored:
            stored[match[0]] = html.escape(_save_picture(match[1], match[2]), quote=True)
        return stored[match[0]]

    return images.DATA_URI.sub(replace, text)


def _save_picture(mime, data):
    try:
        blob = base64.b64decode("".join(data.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("a picture's data: URI is not valid base64") from exc
    kind = images.image_type(blob)
    return pictures.save_picture(blob, images.EXTENSIONS[kind or mime])


@transaction.atomic
def _store_rows(bank, drafts, user_id):
    now = timezone.now()
    keys = [uuid.uuid4() for _ in drafts]
    uuid_value = Question._meta.get_field("uuid").get_db_prep_value
    # Each question carries its current version's filter fields (``listing``): written with the row.
    _insert(
        Question,
        ("uuid", "bank_id", "created_at", *listing.COLUMNS),
        [
            (uuid_value(k, connection), bank.id, now, *listing.values(d))
            for k, d in zip(keys, drafts, strict=True)
        ],
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
