"""The demo data gives giaovien a question bank of every type, imported through the pipeline, once."""

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from openedx_vn.qbank import api as qbank_api
from openedx_vn.qbank.models import Question


@pytest.mark.django_db
def test_giaovien_gets_a_bank_of_every_type_once():
    call_command("load_curriculum", verbosity=0)
    call_command("load_demo_data")
    call_command("load_demo_data")
    teacher = get_user_model().objects.get(username="giaovien")
    (bank,) = [b for b in qbank_api.list_banks(owner_id=teacher.id) if b.name.startswith("Toán 6")]
    assert bank.question_count == 20
    questions = Question.objects.filter(bank__uuid=bank.uuid)
    assert Counter(questions.values_list("type", flat=True)) == {
        "multiple_choice": 8,
        "true_false_cluster": 4,
        "short_answer": 4,
        "essay": 4,
    }
    assert questions.filter(subject_code="TOAN", grade=6).count() == 20
    assert questions.filter(outcome_text__contains=" TOAN.6.1.3.").count() == 6  # the fractions topic
