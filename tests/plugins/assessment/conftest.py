"""A Toán 10 bank big enough for the CV 7991 blueprint, a teacher who owns it, and two students."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from devhost import demo_assessment
from openedx_vn.assessment import api
from openedx_vn.qbank.models import QuestionBank
from tests.plugins.qbank.banks import add_question
from tests.plugins.schools.teachers import make_teacher

ROWS = [
    {"topic": "Mệnh đề và tập hợp", "label": "Mệnh đề", "codes": ["TOAN.10.1"]},
    {"topic": "Mệnh đề và tập hợp", "label": "Tập hợp", "codes": ["TOAN.10.2"]},
]
# The CV 7991 proportions (formats 3 / 2 / 2 / 3 points, levels 4 / 3 / 3), as the dev host's demo test.
CELLS = demo_assessment.BLUEPRINT["cells"]
BLUEPRINT = {
    "title": "Kiểm tra giữa kì I – Toán 10",
    "subject_code": "TOAN",
    "grade": 10,
    "template": "cv7991",
    "total_points": "10",
    "rows": ROWS,
    "cells": CELLS,
}


def body_of(kind, n):
    if kind == "multiple_choice":
        right = n % 4
        return {
            "choices": [{"text": f"Phương án {i + 1} của câu {n}", "correct": i == right} for i in range(4)]
        }
    if kind == "true_false_cluster":
        return {
            "statements": [{"text": f"Ý {i + 1} của câu {n}", "is_true": (n + i) % 2 == 0} for i in range(4)]
        }
    if kind == "short_answer":
        return {"kind": "numeric", "value": f"-{n}.5", "tolerance": "0"}
    return {"rubric": [{"criterion": "Lập luận", "points": "1"}]}


def fill_bank(bank, per_kind=8):
    """``per_kind`` questions for every (type, level, row) of the blueprint; stems say which."""
    n = 0
    for row in ROWS:
        for kind in ("multiple_choice", "true_false_cluster", "short_answer", "essay"):
            for level in ("biet", "hieu", "van_dung"):
                for _ in range(per_kind):
                    n += 1
                    add_question(
                        bank,
                        f"Câu hỏi {n} ({kind}, {level}, {row['codes'][0]}): tính $x^2$",
                        kind,
                        body_of(kind, n),
                        subject_code="TOAN",
                        grade=10,
                        cognitive_level=level,
                        outcome_codes=[f"{row['codes'][0]}.{n % 3 + 1}"],
                        explanation=f"Lời giải câu {n}",
                    )
    return n


@pytest.fixture
def world(db):
    users = get_user_model().objects
    found = SimpleNamespace(
        teacher=users.create_user("gv_toan", first_name="Hùng", last_name="Trần Văn"),
        other_teacher=users.create_user("gv_khac"),
        student_a=users.create_user("hs_an", first_name="An", last_name="Nguyễn Văn"),
        student_b=users.create_user("hs_binh", first_name="Bình", last_name="Lê Thị"),
        staff=users.create_user("quantri", is_staff=True),
    )
    make_teacher(found.teacher, found.other_teacher)  # ADR 0012: a grant, not owning a bank
    found.bank = QuestionBank.objects.create(name="Toán 10 – thầy Hùng", owner_id=found.teacher.id)
    QuestionBank.objects.create(name="Ngân hàng khác", owner_id=found.other_teacher.id)
    fill_bank(found.bank)
    found.blueprint_uuid, found.problems = api.save_blueprint(found.teacher, BLUEPRINT)
    return found
