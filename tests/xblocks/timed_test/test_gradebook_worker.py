"""Scores reach the gradebook without the student (ADR 0019), through a real Celery worker on Redis and the
test database on MariaDB: an essay graded later and an attempt closed by the time-out sweep each give
edx-submissions a new score (its tables read back here), as the LMS grades app expects them."""

import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from openedx_vn.assessment import api
from openedx_vn.assessment.models import Attempt
from openedx_vn_xblocks.timed_test import exams
from tests.xblocks.timed_test.conftest import timed_test

pytestmark = pytest.mark.celery_worker

WAIT_SECONDS = 60  # a bound on waiting for the worker, not a timing assertion


def scores_of(usage, student):
    """[(earned, possible)] of the student item, oldest first, read from edx-submissions' tables."""
    from submissions.models import Score

    rows = Score.objects.filter(student_item__item_id=usage, student_item__student_id=str(student.id))
    return list(rows.order_by("id").values_list("points_earned", "points_possible"))


def wait_for(usage, student, count, worker):
    deadline = time.monotonic() + WAIT_SECONDS
    while len(scores_of(usage, student)) < count:
        if time.monotonic() > deadline:
            pytest.fail(f"the worker gave no score:\n{worker.log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)
    return scores_of(usage, student)


def right_answers(world, exam_uuid, student, view):
    _contents, versions, _points = api.exam_versions(world.teacher, exam_uuid)
    version = next(v for v in versions if v.code == view.version_code)
    keys = {item.uuid: item.key for items in version.parts.values() for item in items}
    essay = None
    for part in view.parts:
        for question in part["questions"]:
            if question["type"] == "multiple_choice":
                api.save_answer(
                    exam_uuid, student.id, question["uuid"], "ABCD".index(keys[question["uuid"]]), 1
                )
            elif question["type"] == "essay" and essay is None:
                essay = question["uuid"]
                api.save_answer(exam_uuid, student.id, essay, "Lời giải của em", 1)
    return essay


def test_an_essay_graded_later_and_a_sweep_closed_attempt_reach_the_gradebook(exam, celery_worker):
    world, exam_uuid = exam.world, exam.info.uuid
    # An: submits, then the teacher grades her essay; she never opens the block again.
    view = api.start_attempt(exam_uuid, world.student_a.id)
    block_a = timed_test(exam_uuid, "hs_an")
    block_a.render("student_view")  # the block names its course, usage key and weight
    usage_a = exams.place_of(block_a)["usage"]
    essay = right_answers(world, exam_uuid, world.student_a, view)
    api.submit_attempt(exam_uuid, world.student_a.id)
    assert wait_for(usage_a, world.student_a, 1, celery_worker) == [(30, 100)]  # 3,0 of 10
    api.grade_essay(world.teacher, exam_uuid, world.student_a.id, essay, "1")
    assert wait_for(usage_a, world.student_a, 2, celery_worker) == [(30, 100), (40, 100)]  # 4,0 now

    # Bình: her time runs out while she is away; the beat sweep closes the attempt.
    view = api.start_attempt(exam_uuid, world.student_b.id)
    block_b = timed_test(exam_uuid, "hs_binh", 'weight="20"')
    block_b.render("student_view")
    usage_b = exams.place_of(block_b)["usage"]
    right_answers(world, exam_uuid, world.student_b, view)
    Attempt.objects.filter(user_id=world.student_b.id).update(
        deadline_at=timezone.now() - timedelta(minutes=2)
    )
    assert api.close_expired_attempts() == 1
    assert wait_for(usage_b, world.student_b, 1, celery_worker) == [(60, 200)]  # weight 20: 3,0 → 6 of 20
    status = api.attempt_status(exam_uuid, world.student_b.id)
    assert status == ("timed_out", Decimal("3.0"), Decimal("3.0"))  # the worker recorded what it sent

    from submissions import api as submissions_api

    given = submissions_api.get_scores("workbench", str(world.student_a.id))
    assert {item: (s["points_earned"], s["points_possible"]) for item, s in given.items()} == {
        usage_a: (40, 100)
    }
