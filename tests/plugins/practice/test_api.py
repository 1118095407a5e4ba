"""Practice through practice.api on a real bank: the choice, the model's update, mastery, the review that
fsrs schedules, and the parents' links."""

from datetime import timedelta
from uuid import uuid4

import pytest
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from openedx_vn.practice import api, learner
from openedx_vn.practice.models import OutcomeState, PracticeAnswer
from openedx_vn.qbank import api as qbank_api
from tests.plugins.practice.banks import OUTCOME_A, OUTCOME_B

pytestmark = pytest.mark.django_db
STUDENT = 501


def _answer_until_mastered(bank, correct=True, limit=40):
    banks = [str(bank.uuid)]
    asked = []
    for _step in range(limit):
        question = api.next_question(STUDENT, [OUTCOME_A, OUTCOME_B], banks)
        asked.append(question)
        result = api.record_answer(STUDENT, question, correct)
        if result.just_mastered:
            return asked, result
    return asked, None


def test_questions_come_from_the_outcome_without_essays_and_without_repeats(bank):
    items = api.practice_items([str(bank.uuid)], OUTCOME_A)
    assert len(items) == 12  # the essay is left out
    asked, result = _answer_until_mastered(bank)
    assert result is not None and result.mastered and result.mastery >= learner.MASTERY_LEVEL
    assert {q.outcome_code for q in asked} == {OUTCOME_A}  # the first outcome until it is mastered
    assert len({q.question_uuid for q in asked}) == len(asked)  # no question twice in a row of 30
    for question in asked:
        content, _number = qbank_api.get_question_content(question.question_uuid, question.version)
        assert content.question_type == "multiple_choice"
    # Then the next outcome.
    assert api.next_question(STUDENT, [OUTCOME_A, OUTCOME_B], [str(bank.uuid)]).outcome_code == OUTCOME_B


def test_mastery_schedules_a_review_and_a_wrong_review_takes_it_back(bank):
    asked, result = _answer_until_mastered(bank)
    state = OutcomeState.objects.get(user_id=STUDENT, outcome_code=OUTCOME_A)
    assert state.mastered_at is not None and state.review_card["stability"] > 0
    assert result.review_due > timezone.now() + timedelta(hours=12)  # fsrs: days, not minutes
    later = result.review_due + timedelta(minutes=1)
    review = api.next_question(STUDENT, [OUTCOME_A, OUTCOME_B], [str(bank.uuid)], now=later)
    assert (review.outcome_code, review.review) == (OUTCOME_A, True)
    wrong = api.record_answer(STUDENT, review, False, now=later)
    wrong_again = api.record_answer(STUDENT, review, False, now=later)
    assert not wrong_again.mastered and wrong.mastery > wrong_again.mastery
    progress = {row.outcome_code: row for row in api.outcome_progress(STUDENT, [OUTCOME_A, OUTCOME_B])}
    assert progress[OUTCOME_A].status == "in_progress" and progress[OUTCOME_B].status == "not_started"
    assert PracticeAnswer.objects.filter(user_id=STUDENT, review=True).count() == 2


def test_wrong_answers_never_reach_mastery(bank):
    _asked, result = _answer_until_mastered(bank, correct=False, limit=25)
    assert result is None
    state = OutcomeState.objects.get(user_id=STUDENT, outcome_code=OUTCOME_A)
    assert state.mastered_at is None and learner.mastery(state.posterior) < 0.01


def test_measured_difficulty_changes_what_is_asked(bank):
    """Item analysis writes a difficulty on a question: the model reads it (a hard one is placed high)."""
    items = {item.key: item for item in api.practice_items([str(bank.uuid)], OUTCOME_A)}
    key = next(iter(items))
    question_uuid, version = qbank_api.pin_questions([key])[key]
    qbank_api.record_difficulty(question_uuid, version, 0.9)  # nine in ten failed it
    assert api.practice_items([str(bank.uuid)], OUTCOME_A) == list(items.values())  # cached a few minutes
    cache.clear()
    measured = {item.key: item for item in api.practice_items([str(bank.uuid)], OUTCOME_A)}[key]
    assert measured.b > 2 and measured.b != items[key].b


def test_nothing_to_ask_without_questions(bank):
    assert api.next_question(STUDENT, ["TOAN.6.9.9.9"], [str(bank.uuid)]) is None


def test_a_parents_link_is_signed_revocable_and_expires(db):
    link = api.issue_progress_link(STUDENT, created_by_id=STUDENT, days=7)
    assert api.student_for_token(link.token) == STUDENT
    with pytest.raises(api.LinkError, match="không hợp lệ"):
        api.student_for_token(link.token[:-2] + "xx")
    with pytest.raises(api.LinkError, match="hết hạn"):
        api.student_for_token(link.token, now=timezone.now() + timedelta(days=8))
    assert api.revoke_progress_link(link.uuid, STUDENT + 1) is False  # another student's: not theirs
    assert api.revoke_progress_link(link.uuid, STUDENT) is True
    with pytest.raises(api.LinkError, match="thu hồi"):
        api.student_for_token(link.token)
    fresh = api.issue_progress_link(STUDENT, STUDENT)
    forged = signing.dumps(fresh.uuid, salt="another-purpose")  # signed, but not as a progress link
    with pytest.raises(api.LinkError):
        api.student_for_token(forged)
    unknown = signing.dumps(str(uuid4()), salt=api.LINK_SALT)  # well signed, but no such row
    with pytest.raises(api.LinkError, match="thu hồi"):
        api.student_for_token(unknown)
    assert api.student_for_token(fresh.token) == STUDENT
    with pytest.raises(ValueError, match="days"):
        api.issue_progress_link(STUDENT, STUDENT, days=0)
