"""Grading an attempt by the rules: each question by its type's rule (qbank scoring), the sum scaled to 10.

- multiple choice: the question's points when the option is right (0,25 in part I of the national exam);
- đúng – sai: 0,1 / 0,25 / 0,5 / 1 of the question's points for 1 / 2 / 3 / 4 statements right (QĐ 764);
- short answer: by value, written with a decimal comma, within the key's tolerance;
- essay: the points the teacher gives with the rubric; until then the attempt has essays pending.

The score out of 10 is rounded to one decimal place (TT 22/2021 Điều 5.3.b) in THCS/THPT, and to a whole
number in primary school, which has no decimal scores (TT 27/2020 Điều 7).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from openedx_vn.qbank import api as qbank_api

__all__ = ["AttemptGrade", "grade_answers", "read_answer", "scaled_score", "AnswerError"]

PRIMARY_LAST_GRADE = 5
ESSAY_MAX_CHARS = 20_000
SHORT_MAX_CHARS = 100


class AnswerError(ValueError):
    """An answer of the wrong shape for its question; the message is translated (the student reads it)."""


@dataclass(frozen=True)
class AttemptGrade:
    points: Decimal  # earned, of ``possible``
    possible: Decimal
    score: Decimal  # out of 10, rounded by the rules
    earned: dict  # uuid → Decimal points earned (essays: only once graded)
    essays_pending: int


def read_answer(question_type, body, value, option_order=()):
    """The stored form of an answer sent by the browser (``None`` clears it).

    Multiple choice arrives as the printed option index and is stored as the bank's index
    (``option_order[printed]``), so that results and item analysis compare versions.
    """
    if value is None:
        return None
    if question_type == "multiple_choice":
        count = len(body.get("choices", ()))
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
            raise AnswerError(_("choose one of the %(count)s options") % {"count": count})
        return option_order[value] if option_order else value
    if question_type == "true_false_cluster":
        count = len(body.get("statements", ()))
        if (
            not isinstance(value, list)
            or len(value) != count
            or any(v not in (True, False, None) for v in value)
        ):
            raise AnswerError(
                _("judge each of the %(count)s statements true, false or not yet") % {"count": count}
            )
        return value
    if question_type == "short_answer":
        if not isinstance(value, str) or len(value) > SHORT_MAX_CHARS:
            message = _("a short answer is text of at most %(count)s characters")
            raise AnswerError(message % {"count": SHORT_MAX_CHARS})
        return value.strip()
    if not isinstance(value, str) or len(value) > ESSAY_MAX_CHARS:
        message = _("an essay is text of at most %(count)s characters")
        raise AnswerError(message % {"count": f"{ESSAY_MAX_CHARS:,}".replace(",", ".")})
    return value


def shown_answer(question_type, stored, option_order=()):
    """The stored answer as the browser shows it: multiple choice back to the printed index."""
    if question_type == "multiple_choice" and stored is not None and option_order:
        return list(option_order).index(stored)
    return stored


def _question_points(content, stored, points):
    """Exact points earned: the rule's share (1, or 0,1 · 0,25 · 0,5 · 1 for đúng – sai) times the question's
    points, in decimals, so a hand calculation gives the same figure; only the score is rounded."""
    if stored is None:
        return Decimal(0)
    body = content.body
    if content.question_type == "multiple_choice":
        right = next(i for i, choice in enumerate(body["choices"]) if choice.get("correct"))
        share = qbank_api.score_multiple_choice(stored, right).earned
    elif content.question_type == "true_false_cluster":
        key = [bool(statement.get("is_true")) for statement in body["statements"]]
        share = qbank_api.score_true_false_cluster(stored, key).earned
    else:
        share = qbank_api.score_short_answer(stored, body).earned
    # The shares are table figures (0.1, 0.25, …) or n/statements, given to 4 decimals by the rules module.
    return Decimal(str(share)) * points


def scaled_score(points, possible, grade=None):
    """``points`` of ``possible`` as a score out of 10, rounded as TT 22 (one decimal) or TT 27 (whole)."""
    if not possible:
        return Decimal(0)
    raw = Decimal(points) * 10 / Decimal(possible)
    step = Decimal(1) if grade is not None and grade <= PRIMARY_LAST_GRADE else Decimal("0.1")
    return raw.quantize(step, ROUND_HALF_UP)


def grade_answers(items, contents, answers, grade=None):
    """Grade stored ``answers`` ({uuid: (value, essay_points)}) of the test ``items`` (exam items) whose
    ``contents`` ({uuid: QuestionContent}) carry the keys."""
    earned, pending = {}, 0
    possible = Decimal(0)
    for item in items:
        points = Decimal(item["points"])
        possible += points
        content = contents[item["uuid"]]
        value, essay_points = answers.get(item["uuid"], (None, None))
        if content.question_type == "essay":
            if essay_points is None:
                if value:  # an unanswered essay earns nothing and waits for nobody
                    pending += 1
                continue
            earned[item["uuid"]] = min(Decimal(essay_points), points)
        else:
            earned[item["uuid"]] = _question_points(content, value, points)
    total = sum(earned.values(), Decimal(0))
    return AttemptGrade(total, possible, scaled_score(total, possible, grade), earned, pending)
