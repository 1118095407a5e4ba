"""Public Python API of the question-bank app."""

from openedx_vn.qbank.data import QuestionType, QuestionTypeInfo, Score
from openedx_vn.qbank.scoring import (
    parse_number,
    score_multiple_choice,
    score_short_answer,
    score_true_false_cluster,
)

__all__ = [
    "Score",
    "get_question_types",
    "parse_number",
    "score_multiple_choice",
    "score_short_answer",
    "score_true_false_cluster",
]


def get_question_types():
    """Return the supported question types with their labels in the active language."""
    return [QuestionTypeInfo(code=qt.value, label=str(qt.label)) for qt in QuestionType]
