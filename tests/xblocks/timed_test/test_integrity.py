"""Sitting a test under the teacher's online rules (ADR 0019): the integrity log (server-stamped, bounded, the
student's own attempt only), the late-start rule, extra time, the review date, the teacher's page and the
results page. Through the REST endpoints the block's page calls, with CSRF checked as for the browser."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html as lxml_html

from openedx_vn.assessment import api, integrity
from openedx_vn.assessment.models import Attempt, Exam, IntegrityEvent
from tests.xblocks.timed_test.conftest import generate, signed_in


def events_url(exam_uuid):
    return f"/vn/assessment/api/v1/attempts/{exam_uuid}/events/"


def report(client, exam_uuid, **body):
    response = client.post(
        events_url(exam_uuid), json.dumps(body), content_type="application/json", HTTP_X_CSRFTOKEN=client.csrf
    )
    return response.status_code, response.json()


def rows(user):
    found = IntegrityEvent.objects.filter(attempt__user_id=user.id).order_by("started_at", "pk")
    return [(event.kind, event.ended_at is not None) for event in found]


# ------------------------------------------------------------------------------------------ the log
def test_leaving_and_coming_back_is_logged_with_the_servers_times(exam):
    world = exam.world
    api.start_attempt(exam.info.uuid, world.student_a.id)
    client = signed_in(world.student_a)
    before = timezone.now()
    assert report(client, exam.info.uuid, kind="fullscreen", phase="start") == (200, {"recorded": True})
    assert report(client, exam.info.uuid, kind="fullscreen", phase="start") == (200, {"recorded": False})
    assert report(client, exam.info.uuid, kind="hidden", phase="start") == (200, {"recorded": True})
    assert report(client, exam.info.uuid, kind="hidden", phase="end") == (200, {"recorded": True})
    assert report(client, exam.info.uuid, kind="hidden", phase="end") == (200, {"recorded": False})
    assert rows(world.student_a) == [("fullscreen", False), ("hidden", True)]
    event = IntegrityEvent.objects.get(kind="hidden")
    assert before <= event.started_at <= event.ended_at <= timezone.now()
    # The student sees their own log in the attempt's view.
    view = client.get(f"/vn/assessment/api/v1/attempts/{exam.info.uuid}/").json()
    assert [entry["kind"] for entry in view["integrity"]["events"]] == ["fullscreen", "hidden"]
    # Submitting ends what is still open.
    api.submit_attempt(exam.info.uuid, world.student_a.id)
    assert rows(world.student_a) == [("fullscreen", True), ("hidden", True)]
    assert report(client, exam.info.uuid, kind="hidden", phase="start")[0] == 409


def test_only_long_disconnections_are_logged_and_never_before_the_start(exam):
    world = exam.world
    started = timezone.now()
    api.start_attempt(exam.info.uuid, world.student_a.id, now=started)
    now = started + timedelta(minutes=2)
    assert api.record_integrity(exam.info.uuid, world.student_a.id, "offline", "end", 5, now=now) is False
    assert api.record_integrity(exam.info.uuid, world.student_a.id, "offline", "end", 40, now=now) is True
    # A browser claiming a day offline is dated back to the start at most.
    assert api.record_integrity(exam.info.uuid, world.student_a.id, "offline", "end", 86400, now=now) is True
    first, second = IntegrityEvent.objects.order_by("pk")
    assert (first.ended_at - first.started_at).total_seconds() == 40
    assert second.started_at == Attempt.objects.get().started_at and second.ended_at == now


def test_the_log_is_bounded_per_attempt(exam, monkeypatch):
    world = exam.world
    monkeypatch.setattr(integrity, "MAX_EVENTS", 3)
    api.start_attempt(exam.info.uuid, world.student_a.id)
    client = signed_in(world.student_a)
    for _turn in range(3):
        assert report(client, exam.info.uuid, kind="hidden", phase="start")[1] == {"recorded": True}
        report(client, exam.info.uuid, kind="hidden", phase="end")
    with translation.override("vi"):
        status, body = report(client, exam.info.uuid, kind="hidden", phase="start")
    assert status == 429 and body["detail"] == "Nhật kí giám sát của lượt làm bài này đã đầy (3 mục)."
    assert IntegrityEvent.objects.count() == 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "tab", "phase": "start"}, "kind"),
        ({"kind": "hidden", "phase": "later"}, "phase"),
        ({"kind": "offline", "phase": "end", "seconds": -4}, "seconds"),
        ({"kind": "offline", "phase": "end", "seconds": "40"}, "seconds"),
        ({"kind": "hidden", "phase": "start", "padding": "x" * 600}, "detail"),
    ],
)
def test_bad_reports_are_refused_naming_the_field(exam, body, field):
    api.start_attempt(exam.info.uuid, exam.world.student_a.id)
    status, answer = report(signed_in(exam.world.student_a), exam.info.uuid, **body)
    assert status == 400 and list(answer) == [field]
    assert IntegrityEvent.objects.count() == 0


def test_a_student_reports_only_into_their_own_attempt(exam, client):
    world = exam.world
    api.start_attempt(exam.info.uuid, world.student_a.id)
    other = signed_in(world.student_b)  # has not started: nothing of hers to write into
    assert report(other, exam.info.uuid, kind="hidden", phase="start")[0] == 404
    anonymous = client.post(events_url(exam.info.uuid), {"kind": "hidden", "phase": "start"})
    assert anonymous.status_code == 403
    assert IntegrityEvent.objects.count() == 0


# ------------------------------------------------------------------------------------------ the rules
def test_late_start_extra_time_and_the_review_date(exam):
    world = exam.world
    now = timezone.now()
    info = generate(world, opens_at=now - timedelta(minutes=20), closes_at=now + timedelta(hours=1), seed=11)
    extra = api.parse_accommodations("hs_binh: 15\n\n")
    review = now + timedelta(hours=3)
    rules = api.set_online_rules(world.teacher, info.uuid, True, 10, extra, review)
    assert (rules.require_fullscreen, rules.late_start_minutes, rules.extra) == (True, 10, {"hs_binh": 15})
    with pytest.raises(api.AttemptClosed, match="trong vòng 10 phút sau giờ mở bài"):
        api.start_attempt(info.uuid, world.student_a.id, now=now)
    api.set_online_rules(world.teacher, info.uuid, True, 30, extra, review)
    api.start_attempt(info.uuid, world.student_a.id, now=now)
    api.start_attempt(info.uuid, world.student_b.id, now=now)
    deadlines = dict(Attempt.objects.filter(exam__uuid=info.uuid).values_list("user_id", "deadline_at"))
    assert deadlines[world.student_a.id] == now + timedelta(minutes=45)
    assert deadlines[world.student_b.id] == now + timedelta(minutes=60)  # 45 + 15
    assert api.exam_summary(info.uuid).require_fullscreen is True
    api.submit_attempt(info.uuid, world.student_a.id, now=now)
    after_close = now + timedelta(hours=2)
    assert (
        api.attempt_view(info.uuid, world.student_a.id, now=after_close).review == {}
    )  # review date not yet
    opened = api.attempt_view(info.uuid, world.student_a.id, now=review + timedelta(minutes=1))
    assert opened.review and opened.review_at == review


def test_rules_that_cannot_hold_are_refused_by_field_and_nothing_is_stored(exam):
    world = exam.world
    with translation.override("en"):
        with pytest.raises(api.RulesInvalid) as caught:
            api.set_online_rules(world.teacher, exam.info.uuid, True, 10, {"khong_co": 5}, timezone.now())
        assert caught.value.problems == {
            "late_start_minutes": "a late-start rule needs the date the test opens",
            "review_at": "a review date needs the date the test closes",
            "extra": "no such user: khong_co",
        }
        with pytest.raises(api.RulesInvalid) as caught:
            api.parse_accommodations("hs_an: 15\nhs_binh mười\n: 5")
        assert caught.value.problems["extra"] == (
            "line 2: write a username, a colon and 1 to 600 minutes, e.g. hs_an: 15; "
            "line 3: write a username, a colon and 1 to 600 minutes, e.g. hs_an: 15"
        )
    stored = Exam.objects.get(uuid=exam.info.uuid)
    assert (stored.require_fullscreen, stored.late_start_minutes, stored.extra_minutes) == (False, None, {})
    with pytest.raises(api.NotAllowed):
        api.set_online_rules(world.other_teacher, exam.info.uuid, True, None, {}, None)


def test_the_after_submit_view_gives_points_by_part_and_essays_waiting(exam):
    world = exam.world
    view = api.start_attempt(exam.info.uuid, world.student_a.id)
    essays = [q["uuid"] for part in view.parts for q in part["questions"] if q["type"] == "essay"]
    api.save_answer(exam.info.uuid, world.student_a.id, essays[0], "Bài làm tự luận", 1)
    done = api.submit_attempt(exam.info.uuid, world.student_a.id)
    by_part = {part["part"]: part for part in done.part_scores}
    assert set(by_part) == {part["part"] for part in view.parts}
    assert by_part["essay"]["essays_pending"] == 1 and by_part["essay"]["earned"] == 0
    assert sum(part["points"] for part in done.part_scores) == Decimal(10)
    assert done.essays_pending == 1


# ------------------------------------------------------------------------------------------ the pages
def test_the_teacher_sets_the_rules_on_the_tests_page_and_reads_the_log_in_the_results(exam):
    world = exam.world
    teacher = signed_in(world.teacher)
    page = reverse("vn_assessment:online-page", args=[exam.info.uuid])
    with translation.override("vi"):
        refused = teacher.post(
            page,
            {"late_start_minutes": "10", "extra": "hs_an 15\nai đó", "csrfmiddlewaretoken": teacher.csrf},
        )
    assert refused.status_code == 400 and "dòng 2: ghi tên đăng nhập" in refused.content.decode()
    with translation.override("vi"):
        refused = teacher.post(page, {"late_start_minutes": "10", "csrfmiddlewaretoken": teacher.csrf})
    assert refused.status_code == 400 and "quy định vào muộn cần ngày giờ mở bài" in refused.content.decode()
    saved = teacher.post(
        page, {"require_fullscreen": "on", "extra": "hs_an: 15", "csrfmiddlewaretoken": teacher.csrf}
    )
    assert saved.status_code == 302
    assert Exam.objects.get(uuid=exam.info.uuid).extra_minutes == {str(world.student_a.id): 15}
    assert signed_in(world.student_a).get(page).status_code == 403
    assert signed_in(world.other_teacher).get(page).status_code == 403

    api.start_attempt(exam.info.uuid, world.student_a.id)
    api.record_integrity(exam.info.uuid, world.student_a.id, "fullscreen", "start")
    api.record_integrity(exam.info.uuid, world.student_a.id, "hidden", "start")
    api.record_integrity(exam.info.uuid, world.student_a.id, "hidden", "end")
    with translation.override("vi"):
        results = teacher.get(reverse("vn_assessment:results-page", args=[exam.info.uuid]))
    tree = lxml_html.fromstring(results.content)
    cell = tree.xpath("//tr[@data-user='hs_an']//td[contains(@class, 'vn-as-integrity')]")[0]
    kinds = [li.get("data-kind") for li in cell.xpath(".//li")]
    assert kinds == ["fullscreen", "hidden"]
    assert (
        "Rời chế độ toàn màn hình" in cell.text_content() and "Chuyển thẻ hoặc cửa sổ" in cell.text_content()
    )
