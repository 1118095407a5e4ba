"""Data of the assessment benchmarks (bench_assessment.py): 100,000-question banks, a 40-question Toán 10
blueprint, its teacher. Imported by the workers after ``django.setup()``; built once per database, reused.

Two banks of 100,000 questions: "worst", every question Toán 10 and the blueprint's eight rows cover every
topic, so all 100,000 are candidates; "mixed", ten subject × grade sets of 10,000 (a shared bank), of which
the test draws from Toán 10. Half of the questions carry a measured difficulty, as after item analysis.
"""

import os
import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection

from openedx_vn.assessment import api
from openedx_vn.qbank import storing
from openedx_vn.qbank.importing.drafts import Draft, Place
from openedx_vn.qbank.models import QuestionBank, QuestionVersion

SIZE = int(os.environ.get("VN_BENCH_ASSESS_QUESTIONS", "100000"))
BANKS = {
    # every question a candidate: the generator's worst case
    "worst": ("Bench – Toán 10 (assessment)", [("TOAN", 10)]),
    # a shared bank of ten subject × grade sets of 10,000: the test draws from one of them
    "mixed": (
        "Bench – ten subjects × grades (assessment)",
        [("TOAN", 10), ("TOAN", 11), ("TOAN", 12), ("VAT_LI", 10), ("VAT_LI", 11)]
        + [("HOA_HOC", 10), ("HOA_HOC", 11), ("SINH_HOC", 10), ("LICH_SU", 10), ("DIA_LI", 10)],
    ),
}
TOPICS = 8
TYPES = ("multiple_choice", "true_false_cluster", "short_answer", "essay")
LEVELS = ("biet", "hieu", "van_dung")
WORDS = (  # noqa: SIM905 - a sentence is easier to read than a list of words
    "tính giá trị biểu thức mệnh đề tập hợp bất phương trình hệ hàm số bậc hai đồ thị parabol hệ thức lượng "
    "tam giác vectơ tích vô hướng tọa độ đường thẳng đường tròn elip thống kê số trung bình trung vị xác suất"
).split()


def _draft(rng, n, subjects):
    subject, grade = subjects[n % len(subjects)]
    kind = TYPES[n // len(subjects) % 4]
    level = LEVELS[rng.randrange(3)]
    topic = rng.randint(1, TOPICS)
    stem = f"<p>Câu {n}. {' '.join(rng.choices(WORDS, k=rng.randint(12, 30))).capitalize()} $x^{topic}$?</p>"
    if kind == "multiple_choice":
        right = rng.randrange(4)
        body = {"choices": [{"text": f"{rng.randint(-99, 99)}", "correct": i == right} for i in range(4)]}
    elif kind == "true_false_cluster":
        texts = [" ".join(rng.choices(WORDS, k=8)) for _ in range(4)]
        body = {"statements": [{"text": t, "is_true": rng.random() < 0.5} for t in texts]}
    elif kind == "short_answer":
        body = {"kind": "numeric", "value": f"{rng.randint(-99, 99)}.{rng.randint(0, 9)}", "tolerance": "0"}
    else:
        body = {"rubric": [{"criterion": "Lập luận", "points": "1"}]}
    draft = Draft(kind, stem, body, Place("bench", n, n), title=f"Câu {n}", points=Decimal("0.25"))
    draft.subject_code, draft.grade, draft.cognitive_level = subject, grade, level
    draft.outcome_codes = [f"{subject}.{grade}.{topic}.{rng.randint(1, 4)}.{rng.randint(1, 6)}"]
    draft.explanation = f"<p>Lời giải câu {n}.</p>"
    draft.fingerprint = f"assess{n:058d}"
    return draft


def teacher():
    """The benchmark's teacher: an operator (teacher tools need a teacher; ADR 0012 counts operators)."""
    from openedx_vn.schools import api as schools_api  # noqa: PLC0415

    owner, _ = get_user_model().objects.get_or_create(username="bench_assess_teacher")
    schools_api.grant_role(owner.id, "operator")
    return owner


def bank(owner, kind="worst"):
    """The bank of ``BANKS[kind]``, built when missing or incomplete: ``(QuestionBank, seconds spent building
    or None)``."""
    name, subjects = BANKS[kind]
    found = QuestionBank.objects.filter(name=name).first()
    if found and found.questions.count() == SIZE:
        return found, None
    QuestionBank.objects.filter(name=name).delete()
    found = QuestionBank.objects.create(name=name, owner_id=owner.id)
    rng = random.Random(2026)  # noqa: S311 - synthetic data
    start = time.perf_counter()
    for first in range(0, SIZE, 10_000):
        drafts = [_draft(rng, n, subjects) for n in range(first + 1, min(first + 10_000, SIZE) + 1)]
        storing.store_drafts(found, drafts)
    # Half of the questions measured (0.05 … 0.95), as item analysis leaves a bank that has been used.
    versions = connection.ops.quote_name(QuestionVersion._meta.db_table)
    questions = connection.ops.quote_name(QuestionBank.questions.rel.related_model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {versions} SET difficulty = 0.05 + ((id * 37) %% 91) / 100.0 "  # noqa: S608 - fixed names
            f"WHERE id %% 2 = 0 AND question_id IN (SELECT id FROM {questions} WHERE bank_id = %s)",
            [found.id],
        )
    if connection.vendor == "mysql":
        with connection.cursor() as cursor:
            for table in ("vn_qbank_question", "vn_qbank_questionversion"):
                cursor.execute(f"ANALYZE TABLE {table}")  # noqa: S608 - fixed names
                cursor.fetchall()
    return found, time.perf_counter() - start


def _cell(row, fmt, level, count, points):
    return {"row": row, "format": fmt, "level": level, "count": count, "points": points}


def blueprint_data():
    """40 questions, 10 points: 24 multiple choice (3), 4 đúng – sai (16 statements, 2), 8 short answers (2),
    4 essays (3), over the eight topics of the bank."""
    rows = [
        {"topic": f"Chủ đề {t}", "label": f"Nội dung {t}", "codes": [f"TOAN.10.{t}"]} for t in range(1, 9)
    ]
    levels = ["biet"] * 4 + ["hieu"] * 2 + ["van_dung"] * 2
    cells = [_cell(r, "multiple_choice", levels[r], 3, "0.375") for r in range(8)]
    cells += [
        _cell(r, "true_false_cluster", lv, 4, "0.5") for r, lv in ((0, "biet"), (2, "biet"), (4, "hieu"))
    ]
    cells += [_cell(6, "true_false_cluster", "van_dung", 4, "0.5")]
    cells += [_cell(r, "short_answer", lv, 2, "0.5") for r, lv in ((1, "hieu"), (3, "hieu"), (5, "van_dung"))]
    cells += [_cell(7, "short_answer", "van_dung", 2, "0.5")]
    cells += [_cell(r, "essay", lv, 1, "0.75") for r, lv in ((1, "biet"), (3, "hieu"), (5, "van_dung"))]
    cells += [_cell(7, "essay", "van_dung", 1, "0.75")]
    return {
        "title": "Bench – kiểm tra cuối kì I Toán 10 (40 câu)",
        "subject_code": "TOAN",
        "grade": 10,
        "template": "",
        "total_points": "10",
        "rows": rows,
        "cells": cells,
    }


def blueprint(owner):
    """The uuid of the stored 40-question blueprint (created once)."""
    data = blueprint_data()
    for key, title, *_rest in api.list_blueprints(owner):
        if title == data["title"]:
            return str(key)
    key, problems = api.save_blueprint(owner, data)
    blocking = [str(p) for p in problems if p.blocking]
    if blocking:
        raise RuntimeError(f"bench blueprint: {blocking}")
    return key
