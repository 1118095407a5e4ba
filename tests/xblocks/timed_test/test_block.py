"""The timed-test block through the SDK workbench runtime: the start page, what reaches the page (never a key
before the review), the grade published to the LMS, the Studio editor's validation, the workbench scenario.

Messages are checked in English (``translation.override("en")``): the Vietnamese catalog is the lead's.
"""

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import webob
from django.utils import timezone, translation
from lxml import html as lxml_html
from xblock.core import XBlock

from openedx_vn.assessment import api
from openedx_vn.assessment.models import Attempt
from openedx_vn_xblocks.timed_test import exams
from openedx_vn_xblocks.timed_test.block import DEMO_EXAM_UUID, TimedTestBlock
from tests.xblocks.timed_test.conftest import generate, timed_test


def render(block, view="student_view", language="en"):
    with translation.override(language):
        content = block.render(view).content
    return content, lxml_html.fromstring(content)


def text(page, css_class):
    found = page.find_class(css_class)
    return found[0].text_content().strip() if found else None


def config_of(page):
    scripts = page.xpath("//script[@type='application/json']")
    return json.loads(scripts[0].text) if scripts else None


def handle(block, handler, payload=None):
    request = webob.Request.blank("/", method="POST", body=json.dumps(payload or {}).encode())
    response = block.runtime.handle(block, handler, request)
    return response.status_code, json.loads(response.body)


def grades(block):
    return [data for event, data in block.runtime.published if event == "grade"]


def test_entry_point_loads_the_block():
    assert XBlock.load_class("vn_timed_test") is TimedTestBlock


# ------------------------------------------------------------------------------------------- start page
def test_before_the_start_the_page_shows_the_test_and_a_start_button(exam):
    block = timed_test(exam.info.uuid, "hs_an")
    content, page = render(block)
    assert text(page, "vn-tt-title") == "Kiểm tra giữa kì"
    assert text(page, "vn-tt-exam-title") == "Kiểm tra giữa kì I – Toán 10"
    assert (text(page, "vn-tt-minutes"), text(page, "vn-tt-count")) == ("45 minutes", "20")
    assert text(page, "vn-tt-start-button") == "Start the test"
    assert page.find_class("vn-timed-test")[0].get("data-state") == "not_started"
    assert text(page, "vn-tt-window") is None  # open at any time
    config = config_of(page)
    assert (config["user_id"], config["username"], config["state"]) == (
        exam.world.student_a.id,
        "hs_an",
        "not_started",
    )
    assert config["urls"]["answers"] == f"/vn/assessment/api/v1/attempts/{exam.info.uuid}/answers/"
    assert config["messages"]["part"] == "PART %(number)s. %(title)s"
    assert "Câu hỏi" not in content  # no question before the start
    assert block.max_score() == 10 and block.has_score


def test_the_window_is_shown_in_vietnam_time_and_a_test_not_open_yet_cannot_be_started(exam):
    opens = datetime(2026, 3, 16, 0, 30, tzinfo=UTC)  # 07:30 in Hà Nội
    info = generate(exam.world, opens_at=opens, closes_at=opens + timedelta(hours=1), seed=3)
    _content, page = render(timed_test(info.uuid, "hs_an"))
    assert text(page, "vn-tt-window") == "from 16/03/2026 07:30 to 16/03/2026 08:30"
    assert text(page, "vn-tt-not-open") == "This test is not open now."
    assert not page.find_class("vn-tt-start-button")


def test_a_visitor_who_is_not_signed_in_is_asked_to_sign_in(exam):
    _content, page = render(timed_test(exam.info.uuid, "nobody_here"))
    assert "Sign in to take this test." in page.text_content()
    assert not page.find_class("vn-tt-start-button") and config_of(page)["user_id"] is None


@pytest.mark.parametrize("exam_uuid", ["", "not-an-id", "0b7c1d5e-1111-4222-8333-944445555666"])
def test_a_missing_test_says_so(world, exam_uuid):
    _content, page = render(timed_test(exam_uuid, "hs_an"))
    assert text(page, "vn-tt-missing") == "This test is not available: ask your teacher."
    assert config_of(page) is None


# --------------------------------------------------------------------------------------- no keys, review
def _answer_and_submit(world, exam_uuid, student):
    view = api.start_attempt(exam_uuid, student.id)
    _contents, versions, _points = api.exam_versions(world.teacher, exam_uuid)
    version = next(v for v in versions if v.code == view.version_code)
    keys = {item.uuid: item.key for items in version.parts.values() for item in items}
    for part in view.parts:
        for question in part["questions"]:
            if question["type"] == "multiple_choice":  # every multiple choice right: 12 × 0,25
                api.save_answer(
                    exam_uuid, student.id, question["uuid"], "ABCD".index(keys[question["uuid"]]), 1
                )
    return api.submit_attempt(exam_uuid, student.id)


def test_no_key_reaches_the_page_before_the_close_date(exam):
    world = exam.world
    info = generate(world, closes_at=timezone.now() + timedelta(days=2), seed=5)
    block = timed_test(info.uuid, "hs_an")
    before, _page = render(block)
    done = _answer_and_submit(world, info.uuid, world.student_a)
    assert done.score == Decimal("3.0") and done.review == {}
    after, page = render(block, language="vi")
    for content in (before, after):
        assert "Lời giải" not in content and "correct" not in content and "is_true" not in content
    assert text(page, "vn-tt-score") == "3,0"  # decimal comma
    assert config_of(page)["closes_at"] == exams.format_moment(info.closes_at)


# ---------------------------------------------------------------------------------------- grade to LMS
# The block never publishes: the assessment app gives the gradebook each change through edx-submissions
# (ADR 0019). Here the push is queued on commit and run in this process (gradebook.push, the task's body);
# tests/plugins/assessment/test_gradebook_worker.py runs the same through a real Celery worker.
def gradebook_scores(block, student):
    from submissions import api as submissions_api

    place = exams.place_of(block)
    scores = submissions_api.get_scores(place["course"], str(student.id))
    return {item: (row["points_earned"], row["points_possible"]) for item, row in scores.items()}


def push_queued(attempt_user_id, callbacks):
    from openedx_vn.assessment import gradebook

    assert callbacks, "a push is queued after the change commits"
    attempt = Attempt.objects.get(user_id=attempt_user_id)
    return gradebook.push(attempt.pk)


def test_the_score_reaches_the_gradebook_through_submissions_never_through_publish(
    exam, django_capture_on_commit_callbacks
):
    world = exam.world
    block = timed_test(exam.info.uuid, "hs_an")
    render(block)  # no attempt yet: nothing is linked, nothing is sent
    with django_capture_on_commit_callbacks() as callbacks:
        api.start_attempt(exam.info.uuid, world.student_a.id)
        render(block)  # the block names its course, usage key and weight (10 by default)
    assert callbacks == []  # an open attempt has no score to send
    with django_capture_on_commit_callbacks() as callbacks:
        _answer_and_submit(world, exam.info.uuid, world.student_a)
    assert push_queued(world.student_a.id, callbacks) is True
    usage = str(block.scope_ids.usage_id)
    assert gradebook_scores(block, world.student_a) == {usage: (30, 100)}  # 3,0 of 10, exactly
    assert gradebook_scores_of_items(usage) == 1
    with django_capture_on_commit_callbacks() as callbacks:
        render(block)
    assert callbacks == []  # the gradebook has this score: nothing to send
    assert grades(block) == []  # and runtime.publish was never called
    assert api.attempt_status(exam.info.uuid, world.student_a.id) == (
        "submitted",
        Decimal("3.0"),
        Decimal("3.0"),
    )


def gradebook_scores_of_items(usage):
    from submissions.models import Submission

    return Submission.objects.filter(
        student_item__item_id=usage, student_item__item_type="vn_timed_test"
    ).count()


def test_an_essay_graded_later_changes_the_gradebook_score_without_the_student(
    exam, django_capture_on_commit_callbacks
):
    world = exam.world
    block = timed_test(exam.info.uuid, "hs_an", 'weight="20"')
    api.start_attempt(exam.info.uuid, world.student_a.id)
    render(block)
    with django_capture_on_commit_callbacks() as callbacks:
        _answer_and_submit(world, exam.info.uuid, world.student_a)
    push_queued(world.student_a.id, callbacks)
    usage = str(block.scope_ids.usage_id)
    assert gradebook_scores(block, world.student_a) == {usage: (60, 200)}  # weight 20: 3,0 → 6 of 20
    essay = next(item["uuid"] for item in api._exam(exam.info.uuid).items if item["points"] == "2")
    with django_capture_on_commit_callbacks() as callbacks:
        api.grade_essay(world.teacher, exam.info.uuid, world.student_a.id, essay, "1,5")
    assert push_queued(world.student_a.id, callbacks) is True
    assert gradebook_scores(block, world.student_a) == {usage: (90, 200)}  # 4,5 of 10
    assert gradebook_scores_of_items(usage) == 1  # one submission, a new score
    _content, page = render(block)
    assert text(page, "vn-tt-score") == "4,5" and grades(block) == []


def test_a_time_out_closed_by_the_sweep_reaches_the_gradebook(exam, django_capture_on_commit_callbacks):
    world = exam.world
    view = api.start_attempt(exam.info.uuid, world.student_b.id)
    block = timed_test(exam.info.uuid, "hs_binh")
    render(block)
    api.save_answer(exam.info.uuid, world.student_b.id, view.parts[0]["questions"][0]["uuid"], 0, 1)
    Attempt.objects.filter(user_id=world.student_b.id).update(
        deadline_at=timezone.now() - timedelta(minutes=2)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        assert api.close_expired_attempts() == 1
    assert push_queued(world.student_b.id, callbacks) is True
    score = api.attempt_status(exam.info.uuid, world.student_b.id)[1]
    usage = str(block.scope_ids.usage_id)
    assert gradebook_scores(block, world.student_b) == {usage: (int(score * 10), 100)}
    _content, page = render(block)
    assert page.find_class("vn-timed-test")[0].get("data-state") == "timed_out"
    assert page.find_class("vn-tt-result")[0].get("hidden") is None


def test_a_block_worth_nothing_sends_nothing(exam, django_capture_on_commit_callbacks):
    world = exam.world
    api.start_attempt(exam.info.uuid, world.student_a.id)
    block = timed_test(exam.info.uuid, "hs_an", 'weight="0"')
    render(block)
    with django_capture_on_commit_callbacks():
        _answer_and_submit(world, exam.info.uuid, world.student_a)
    from openedx_vn.assessment import gradebook

    assert gradebook.push(Attempt.objects.get(user_id=world.student_a.id).pk) is False
    assert gradebook_scores(block, world.student_a) == {}


def test_the_start_ticket_names_where_the_score_goes(exam):
    world = exam.world
    block = timed_test(exam.info.uuid, "hs_an", 'weight="5"')
    _content, page = render(block)
    place = api.check_ticket(config_of(page)["ticket"], exam.info.uuid, world.student_a.id)
    assert place == {"course": "workbench", "usage": str(block.scope_ids.usage_id), "weight": "5.0"}


# ---------------------------------------------------------------------------------------------- Studio
def studio_save(block, values):
    with translation.override("en"):
        return handle(block, "submit_studio_edits", {"values": values, "defaults": []})


def test_studio_checks_that_the_test_exists(exam):
    block = timed_test(exam.info.uuid, "author")
    status, body = studio_save(block, {"exam_uuid": "0b7c1d5e-1111-4222-8333-944445555666"})
    assert status == 400
    assert [m["text"] for m in body["error"]["messages"]] == ["Test: there is no test with this id"]
    status, body = studio_save(block, {"exam_uuid": "", "weight": -1, "display_name": " "})
    texts = [m["text"] for m in body["error"]["messages"]]
    assert texts == [
        "Display name: give the test a name",
        "Test: paste the id of a test generated from a blueprint",
        "Weight: a number of points, 0 or more",
    ]
    other = generate(exam.world, seed=99)
    assert studio_save(block, {"exam_uuid": f"  {other.uuid} ", "weight": 20})[0] == 200
    assert (block.exam_uuid, block.weight) == (other.uuid, 20)


def test_studio_preview_shows_the_test_without_starting_it(exam):
    content, page = render(timed_test(exam.info.uuid, "author"), view="author_view")
    assert text(page, "vn-tt-exam-title") == "Kiểm tra giữa kì I – Toán 10"
    assert config_of(page) is None and not page.find_class("vn-tt-start-button")
    assert api.attempt_status(exam.info.uuid, exam.world.student_a.id) is None


# ------------------------------------------------------------------------------------------- workbench
def test_the_scenario_names_the_dev_hosts_demo_test():
    from devhost import demo_assessment

    ((_title, olx),) = TimedTestBlock.workbench_scenarios()
    assert f'exam_uuid="{DEMO_EXAM_UUID}"' in olx and DEMO_EXAM_UUID == demo_assessment.DEMO_EXAM_UUID
