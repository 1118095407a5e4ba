"""A school bank of Toán 6 questions on two learning outcomes, for the practice tests."""

from django.contrib.auth import get_user_model

from openedx_vn.qbank.models import QuestionBank
from tests.plugins.qbank.banks import add_question

OUTCOME_A, OUTCOME_B = "TOAN.6.1.1.1", "TOAN.6.1.1.2"
LEVELS = ["biet", "hieu", "van_dung", "van_dung_cao"]


def _choices(right, wrong):
    return {
        "choices": [{"text": right, "correct": True}] + [{"text": text, "correct": False} for text in wrong]
    }


def make_bank(name="Ngân hàng Toán 6 – THCS Hạ Long", per_outcome=12):
    owner, _created = get_user_model().objects.get_or_create(username="gv_nganhang")
    bank = QuestionBank.objects.create(name=name, owner_id=owner.id, scope="school", school_code="22101")
    for code in (OUTCOME_A, OUTCOME_B):
        for index in range(per_outcome):
            add_question(
                bank,
                f"<p>Câu {code[-1]}.{index}: tính $0,5 \\cdot {index + 2}$.</p>",
                "multiple_choice",
                _choices(f"${(index + 2) / 2:g}$".replace(".", ","), ["$7$", "$8$", "$9$"]),
                subject_code="TOAN",
                grade=6,
                cognitive_level=LEVELS[index % 4],
                outcome_codes=[code],
                explanation=f"<p>$0,5 \\cdot {index + 2} = {(index + 2) / 2:g}$</p>".replace(".", ","),
            )
    # An essay on the same outcome is never given in practice (it cannot be graded at once).
    add_question(
        bank, "<p>Trình bày cách làm.</p>", "essay", subject_code="TOAN", grade=6, outcome_codes=[OUTCOME_A]
    )
    return bank
