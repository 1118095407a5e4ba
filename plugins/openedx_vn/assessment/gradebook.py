"""Scores to the LMS gradebook when they change (ADR 0019), without an XBlock runtime.

The ``vn_timed_test`` block names where the score belongs (course, its usage key, the student's anonymous
id for the course, its weight: ``link``); every change of an attempt's score (submit, the time-out sweep, an
essay graded later) queues ``push`` after the transaction commits, on the LMS worker (``tasks.push_grade``).
``push`` gives edx-submissions a submission and its score (``core.compat.set_submission_score``), whose
``score_set`` signal the LMS grades app turns into the block's grade. The block never calls
``runtime.publish``: the LMS lets a submission score win over a published one, and takes it as weighted.
"""

import logging
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from openedx_vn.assessment.models import Attempt
from openedx_vn.core import compat

log = logging.getLogger(__name__)

ITEM_TYPE = "vn_timed_test"
MAX_SCORE = Decimal(10)  # scores are out of 10
MAX_KEY = 255  # the student item's columns


def points_pair(score, weight):
    """``(earned, possible)`` in whole points, as edx-submissions stores them, taken as already weighted.

    ``possible`` is ten times the block's weight (100 for a test worth 10, the default), so a score with
    one decimal reaches the gradebook exactly (5,8 → 58/100) for any whole weight; a weight with decimals is
    rounded to tenths. A weight of 0 gives (0, 0): the test counts for nothing and nothing is sent.
    """
    possible = int((Decimal(weight) * 10).quantize(Decimal(1), ROUND_HALF_UP))
    if possible <= 0:
        return 0, 0
    earned = (Decimal(score) * possible / MAX_SCORE).quantize(Decimal(1), ROUND_HALF_UP)
    return int(earned), possible


def link(attempt, course_key, usage_key, learner_key, weight):
    """Record where ``attempt``'s score goes; queue a push when it changed or was never given.

    Called by the block (through ``api.link_gradebook``) when it shows the attempt, and at the start.
    """
    weight = MAX_SCORE if weight is None else Decimal(str(weight))
    target = (str(course_key)[:MAX_KEY], str(usage_key)[:MAX_KEY], str(learner_key)[:MAX_KEY])
    stored = (attempt.course_key, attempt.usage_key, attempt.learner_key)
    if target != stored or attempt.grade_weight != weight:
        if target != stored:  # another block or course: a new student item, a new submission
            attempt.submission_uuid = ""
        attempt.course_key, attempt.usage_key, attempt.learner_key = target
        attempt.grade_weight = weight
        fields = ["course_key", "usage_key", "learner_key", "grade_weight", "submission_uuid"]
        Attempt.objects.filter(pk=attempt.pk).update(**{name: getattr(attempt, name) for name in fields})
    if needs_push(attempt):
        schedule(attempt.pk)


def needs_push(attempt):
    """Whether the gradebook lacks this attempt's current score (or has it at another weight)."""
    if attempt.status == Attempt.Status.OPEN or attempt.score is None or not attempt.usage_key:
        return False
    _earned, possible = points_pair(attempt.score, _weight(attempt))
    if not possible:
        return False
    return attempt.published_score != attempt.score or attempt.published_possible != possible


def schedule(attempt_id):
    """Push the attempt's score once the current transaction commits (at once outside a transaction)."""
    from openedx_vn.assessment.tasks import push_grade  # noqa: PLC0415 - tasks imports the api

    transaction.on_commit(lambda: push_grade.delay(attempt_id))


def push(attempt_id):
    """Give the gradebook the attempt's score if it lacks it. Returns True when a score was sent.

    Takes the attempt's row lock, so two pushes of the same attempt never make two submissions.
    """
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().filter(pk=attempt_id).first()
        if attempt is None or not needs_push(attempt):
            return False
        earned, possible = points_pair(attempt.score, _weight(attempt))
        student_item = {
            "student_id": attempt.learner_key,
            "course_id": attempt.course_key,
            "item_id": attempt.usage_key,
            "item_type": ITEM_TYPE,
        }
        answer = {"attempt": attempt.pk, "version": attempt.version_code, "score": str(attempt.score)}
        submission = compat.set_submission_score(
            student_item, answer, earned, possible, attempt.submission_uuid
        )
        if not submission:
            return False
        Attempt.objects.filter(pk=attempt.pk).update(
            submission_uuid=submission, published_score=attempt.score, published_possible=possible
        )
    log.info("Score %s/%s of attempt %s sent to the gradebook", earned, possible, attempt_id)
    return True


def _weight(attempt):
    return MAX_SCORE if attempt.grade_weight is None else attempt.grade_weight
