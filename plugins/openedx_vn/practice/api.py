"""The practice app's public surface: the next question, an answer, where a student stands, class mastery,
parents' links (ADR 0015). The learner model is ``learner.py``; reviews are scheduled with ``fsrs``."""

import hashlib
from datetime import timedelta

from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.practice import learner
from openedx_vn.practice.data import (
    ClassMasteryRow,
    NextQuestion,
    OutcomeProgress,
    PracticeResult,
    ProgressLinkInfo,
)
from openedx_vn.practice.models import OutcomeState, PracticeAnswer, ProgressLink
from openedx_vn.qbank import api as qbank_api

__all__ = [
    "PRACTICE_TYPES",
    "ClassMasteryRow",
    "LinkError",
    "NextQuestion",
    "OutcomeProgress",
    "PracticeResult",
    "ProgressLinkInfo",
    "class_mastery",
    "issue_progress_link",
    "list_progress_links",
    "next_question",
    "outcome_progress",
    "outcome_titles",
    "practice_items",
    "record_answer",
    "revoke_progress_link",
    "student_for_token",
]

PRACTICE_TYPES = ("multiple_choice", "true_false_cluster", "short_answer")  # graded at once (no essays)
RECENT = 30  # a question is not asked again before this many others on its outcome
ITEMS_SECONDS = 300  # how long an outcome's questions are kept in the cache
LINK_SALT = "openedx_vn.practice.progress-link"


class LinkError(Exception):
    """A parent's link that is not valid (any more): the message says why, in Vietnamese."""


def _subject_grade(code):
    """("TOAN", 6) from "TOAN.6.1.2.3": the bank's narrow index starts with subject and grade."""
    parts = code.split(".")
    if len(parts) > 1 and parts[1].isdigit():
        return parts[0], int(parts[1])
    return "", None


def practice_items(bank_uuids, outcome_code):
    """The bank questions that practise ``outcome_code``, as ``learner.Item``s (key: the bank's key).

    Kept in the cache for ``ITEMS_SECONDS``: reading an outcome's questions scans its subject × grade in the
    bank (thousands of rows in a province bank), the choice that follows must stay under 50 ms, and a new
    question or a new difficulty may wait a few minutes before practice uses it.
    """
    digest = hashlib.sha256("|".join([outcome_code, *sorted(map(str, bank_uuids))]).encode()).hexdigest()
    key = f"vn_practice:items:{digest}"
    found = cache.get(key)
    if found is None:
        subject, grade = _subject_grade(outcome_code)
        levels = tuple(learner.LEVEL_B)
        rows = qbank_api.list_candidates(bank_uuids, PRACTICE_TYPES, levels, [outcome_code], subject, grade)
        found = [
            (
                row.key,
                learner.difficulty_to_b(row.difficulty, row.level, row.type),
                learner.GUESSING.get(row.type, 0),
            )
            for row in rows
        ]
        cache.set(key, found, ITEMS_SECONDS)
    return [learner.Item(*values) for values in found]


def _states(user_id, codes):
    return {
        state.outcome_code: state
        for state in OutcomeState.objects.filter(user_id=user_id, outcome_code__in=codes)
    }


def _recent_keys(user_id, outcome_code):
    """Keys of the questions the student answered lately on the outcome, newest first."""
    rows = PracticeAnswer.objects.filter(user_id=user_id, outcome_code=outcome_code).order_by("-id")
    return list(dict.fromkeys(rows.values_list("question_key", flat=True)[:RECENT]))


def next_question(user_id, outcome_codes, bank_uuids, now=None, rng=None):
    """The next ``NextQuestion`` for a student, or None when every outcome is mastered and no review is due.

    A mastered outcome whose review is due comes first; then the first outcome (in the given order) not yet
    mastered that has questions in ``bank_uuids``.
    """
    now = now or timezone.now()
    states = _states(user_id, outcome_codes)
    due = [
        code
        for code in outcome_codes
        if code in states and states[code].review_due and states[code].review_due <= now
    ]
    waiting = [code for code in outcome_codes if code not in states or states[code].mastered_at is None]
    for code, review in [(code, True) for code in due] + [(code, False) for code in waiting]:
        items = practice_items(bank_uuids, code)
        if not items:
            continue
        state = states.get(code)
        posterior = state.posterior if state else learner.prior()
        item = learner.choose(items, posterior, _recent_keys(user_id, code), **({"rng": rng} if rng else {}))
        question_uuid, version = qbank_api.pin_questions([item.key])[item.key]
        return NextQuestion(question_uuid, version, code, review, item.b, item.c, item.key)
    return None


def _scheduler():
    from fsrs import Scheduler  # noqa: PLC0415 - only when a review is scheduled

    return Scheduler(learning_steps=(), enable_fuzzing=False)


def _review(card_data, correct, now):
    from fsrs import Card, Rating  # noqa: PLC0415

    card = Card.from_dict(card_data) if card_data else Card()
    card, _log = _scheduler().review_card(card, Rating.Good if correct else Rating.Again, review_datetime=now)
    return card.to_dict(), card.due


def record_answer(user_id, question, correct, course_key="", now=None):
    """Update the student's model of ``question.outcome_code`` with one graded answer; a ``PracticeResult``.

    Mastery is declared when P(θ ≥ ``learner.MASTERY_THETA``) reaches ``learner.MASTERY_LEVEL``; a first
    review is then scheduled (fsrs). A wrong review answer that drops below the line takes mastery back.
    """
    now = now or timezone.now()
    with transaction.atomic():
        state, _created = OutcomeState.objects.select_for_update().get_or_create(
            user_id=user_id, outcome_code=question.outcome_code, defaults={"posterior": learner.prior()}
        )
        state.posterior = learner.update(state.posterior, question.b, question.c, correct)
        state.answered += 1
        state.correct += int(bool(correct))
        mastery = learner.mastery(state.posterior)
        mastered = mastery >= learner.MASTERY_LEVEL
        just = mastered and state.mastered_at is None
        if just:
            state.mastered_at = now
            state.review_card, state.review_due = _review(None, True, now)
        elif question.review and state.mastered_at is not None:
            state.review_card, state.review_due = _review(state.review_card, correct, now)
            if not mastered:
                state.mastered_at, state.review_due = None, None
        state.save()
        PracticeAnswer.objects.create(
            user_id=user_id,
            outcome_code=question.outcome_code,
            question_uuid=question.question_uuid,
            question_key=question.key,
            version=question.version,
            correct=bool(correct),
            review=question.review,
            mastery_after=mastery,
            course_key=course_key,
        )
    return PracticeResult(
        question.outcome_code, bool(correct), mastery, state.mastered_at is not None, just, state.review_due
    )


def _progress(code, state):
    if state is None:
        return OutcomeProgress(code, "not_started", 0.0, 0, 0)
    status = "mastered" if state.mastered_at else "in_progress"
    mastery = learner.mastery(state.posterior)
    return OutcomeProgress(
        code, status, mastery, state.answered, state.correct, state.mastered_at, state.review_due
    )


def outcome_progress(user_id, outcome_codes=None):
    """``OutcomeProgress`` on ``outcome_codes`` (not started included), else on every outcome practised."""
    if outcome_codes is None:
        states = {
            s.outcome_code: s for s in OutcomeState.objects.filter(user_id=user_id).order_by("outcome_code")
        }
        outcome_codes = list(states)
    else:
        states = _states(user_id, outcome_codes)
    return [_progress(code, states.get(code)) for code in outcome_codes]


def outcome_titles(codes):
    """``{code: title}`` from the curriculum (the code itself when the curriculum lacks it)."""
    titles = {}
    for code in codes:
        try:
            titles[code] = curriculum_api.get_node(code).title
        except curriculum_api.CurriculumError:
            titles[code] = code
    return titles


def class_mastery(outcome_codes, student_ids):
    """``ClassMasteryRow`` per outcome for a class's students (the caller has checked the teacher's scope)."""
    students = set(student_ids)
    states = OutcomeState.objects.filter(outcome_code__in=outcome_codes, user_id__in=students)
    counts = {code: [0, 0] for code in outcome_codes}
    for code, mastered_at in states.values_list("outcome_code", "mastered_at"):
        counts[code][0 if mastered_at else 1] += 1
    titles = outcome_titles(outcome_codes)
    return [
        ClassMasteryRow(code, titles[code], done, doing, max(0, len(students) - done - doing))
        for code, (done, doing) in counts.items()
    ]


# ------------------------------------------------------------------------------------- parents' links
def _signer():
    # No timestamp in the token: a link's expiry and revocation are stored, and a student copying the link
    # twice (or a parent's bookmark) must get the same address.
    return signing.Signer(salt=LINK_SALT)


def _link_info(link):
    token = _signer().sign_object(str(link.uuid))
    return ProgressLinkInfo(
        str(link.uuid), link.student_id, token, link.expires_at, link.revoked_at is not None
    )


def issue_progress_link(student_id, created_by_id, days=30, now=None):
    """A new read-only link to ``student_id``'s progress for ``days`` days (the caller checked who asks)."""
    if not 1 <= int(days) <= 365:
        raise ValueError("days must be between 1 and 365")
    now = now or timezone.now()
    link = ProgressLink.objects.create(
        student_id=student_id, created_by_id=created_by_id, expires_at=now + timedelta(days=int(days))
    )
    return _link_info(link)


def list_progress_links(student_id):
    """The student's links, newest first (revoked ones included, marked)."""
    return [_link_info(link) for link in ProgressLink.objects.filter(student_id=student_id).order_by("-id")]


def revoke_progress_link(link_uuid, student_id):
    """Revoke a link of ``student_id``; returns whether one was revoked."""
    return bool(
        ProgressLink.objects.filter(uuid=link_uuid, student_id=student_id, revoked_at=None).update(
            revoked_at=timezone.now()
        )
    )


def student_for_token(token, now=None):
    """The student id a parent's link shows; ``LinkError`` when it is forged, revoked or expired."""
    try:
        link_uuid = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError):
        try:  # a link given out before tokens were stable (they carried the time they were shown)
            link_uuid = signing.loads(token, salt=LINK_SALT)
        except signing.BadSignature as exc:
            raise LinkError(gettext("This link is not valid.")) from exc
    link = ProgressLink.objects.filter(uuid=link_uuid).first()
    if link is None or link.revoked_at is not None:
        raise LinkError(gettext("This link has been revoked."))
    if link.expires_at <= (now or timezone.now()):
        raise LinkError(gettext("This link has expired."))
    return link.student_id
