import pytest
from django.utils import translation

from openedx_vn.qbank import api


def test_question_types_in_vietnamese():
    with translation.override("vi"):
        labels = {qt.code: qt.label for qt in api.get_question_types()}
    assert labels == {
        "multiple_choice": "Trắc nghiệm nhiều lựa chọn",
        "true_false_cluster": "Trắc nghiệm đúng/sai",
        "short_answer": "Trả lời ngắn",
        "essay": "Tự luận",
    }


@pytest.mark.parametrize(
    ("selected", "earned", "correct"),
    [(2, 0.25, True), (1, 0.0, False), (None, 0.0, False)],
)
def test_multiple_choice_scoring(selected, earned, correct):
    score = api.score_multiple_choice(selected, 2, points=0.25)
    assert (score.earned, score.possible, score.is_correct) == (earned, 0.25, correct)
