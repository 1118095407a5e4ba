"""The student's REST endpoints the block's page calls: two students, real sessions, CSRF enforced.

Messages are checked in English (``translation.override("en")`` has no effect on a request: the client sends
``Accept-Language: en``).
"""

import json
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from openedx_vn.assessment import api
from openedx_vn.assessment.models import Attempt, Exam
from openedx_vn.qbank.models import QuestionVersion
from tests.xblocks.timed_test.conftest import generate, signed_in

BASE = "/vn/assessment/api/v1/attempts"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def post(client, url, data=None):
    if data is None and url.endswith("/start/"):  # the ticket the block gives the signed-in student's page
        user_id = int(client.session["_auth_user_id"])
        data = {"ticket": api.attempt_ticket(url.rstrip("/").split("/")[-2], user_id)}
    return client.post(
        url, json.dumps(data or {}), content_type="application/json", HTTP_X_CSRFTOKEN=client.csrf, **EN
    )


def questions(view):
    return [q for part in view["parts"] for q in part["questions"]]


def keys_of(world, exam_uuid, version_code):
    """{question uuid: printed key} of a version, as the teacher prints it."""
    _contents, versions, _points = api.exam_versions(world.teacher, exam_uuid)
    version = next(v for v in versions if v.code == version_code)
    return {item.uuid: item.key for items in version.parts.values() for item in items}


@pytest.fixture
def students(exam):
    world = exam.world
    return signed_in(world.student_a), signed_in(world.student_b)


def test_signed_out_users_and_requests_without_csrf_are_refused(exam, students):
    url = f"{BASE}/{exam.info.uuid}/"
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.get(url, **EN).status_code == 403
    assert anonymous.post(f"{url}start/", **EN).status_code == 403
    first, _second = students
    refused = first.post(f"{url}start/", "{}", content_type="application/json", **EN)  # no X-CSRFToken
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert api.attempt_status(exam.info.uuid, exam.world.student_a.id) is None


def test_an_unknown_test_is_a_404(exam, students):
    first, _second = students
    for key in (str(uuid.uuid4()), "not-an-id"):
        assert first.get(f"{BASE}/{key}/", **EN).json() == {"detail": "There is no such test."}
        assert post(first, f"{BASE}/{key}/start/").status_code == 404
    answer = post(first, f"{BASE}/{exam.info.uuid}/answers/", {"question": "x", "value": 1, "seq": 1})
    assert answer.status_code == 404 and answer.json() == {"detail": "You have not started this test."}


def test_two_students_start_save_and_submit_their_own_attempts(exam, students):
    first, second = students
    url = f"{BASE}/{exam.info.uuid}/"
    before = first.get(url, **EN).json()
    assert before["status"] == "not_started" and before["user_id"] == exam.world.student_a.id
    assert before["minutes"] == 45
    view_a = post(first, f"{url}start/").json()
    view_b = post(second, f"{url}start/").json()
    assert (view_a["status"], view_a["username"], view_b["username"]) == ("open", "hs_an", "hs_binh")
    assert 44 * 60 < view_a["seconds_left"] <= 45 * 60
    assert [part["part"] for part in view_a["parts"]] == [
        "multiple_choice",
        "true_false_cluster",
        "short_answer",
        "essay",
    ]
    mc_a, mc_b = questions(view_a)[0]["uuid"], questions(view_b)[0]["uuid"]

    saved = post(first, f"{url}answers/", {"question": mc_a, "value": 2, "seq": 3}).json()
    assert saved["saved"] is True and saved["seq"] == 3 and 0 < saved["seconds_left"] <= 45 * 60
    # A retry and a late, older save change nothing; the stored seq comes back.
    assert post(first, f"{url}answers/", {"question": mc_a, "value": 2, "seq": 3}).json()["saved"] is False
    late = post(first, f"{url}answers/", {"question": mc_a, "value": 0, "seq": 2}).json()
    assert (late["saved"], late["seq"]) == (False, 3)
    post(second, f"{url}answers/", {"question": mc_b, "value": 1, "seq": 1})

    again = first.get(url, **EN).json()  # a reload
    assert again["answers"] == {mc_a: {"value": 2, "seq": 3}}
    assert second.get(url, **EN).json()["answers"] == {mc_b: {"value": 1, "seq": 1}}
    assert post(first, f"{url}start/").json()["version_code"] == view_a["version_code"]  # resumes

    done = post(first, f"{url}submit/").json()
    assert done["status"] == "submitted" and done["score"] is not None
    closed = post(first, f"{url}answers/", {"question": mc_a, "value": 1, "seq": 4})
    assert closed.status_code == 409
    assert closed.json() == {"detail": "The test is over: this answer was not saved."}
    assert post(first, f"{url}submit/").json()["score"] == done["score"]  # a second submit changes nothing
    assert second.get(url, **EN).json()["status"] == "open"  # the other student goes on


def test_bad_answers_are_400s_naming_the_field(exam, students):
    first, _second = students
    url = f"{BASE}/{exam.info.uuid}/"
    view = post(first, f"{url}start/").json()
    by_type = {q["type"]: q["uuid"] for q in questions(view)}
    mc = by_type["multiple_choice"]
    cases = [
        ({"value": 1, "seq": 1}, "question"),
        ({"question": mc, "value": 1}, "seq"),
        ({"question": mc, "value": 1, "seq": 0}, "seq"),
        ({"question": mc, "value": 1, "seq": True}, "seq"),
        ({"question": mc, "seq": 1}, "value"),
        ({"question": mc, "value": 9, "seq": 1}, "value"),
        ({"question": by_type["true_false_cluster"], "value": [True], "seq": 1}, "value"),
        ({"question": by_type["short_answer"], "value": 1.5, "seq": 1}, "value"),
        ({"question": "0" * 32, "value": 1, "seq": 1}, "question"),
    ]
    for payload, field in cases:
        answer = post(first, f"{url}answers/", payload)
        assert answer.status_code == 400, payload
        assert list(answer.json()) == [field], (payload, answer.json())
    assert post(first, f"{url}answers/", ["not", "an", "object"]).status_code == 400
    assert first.get(url, **EN).json()["answers"] == {}


def test_keys_stay_on_the_server_until_the_close_date(exam, students):
    world = exam.world
    closes = timezone.now() + timedelta(days=1)
    info = generate(world, closes_at=closes, seed=11)
    first, _second = students
    url = f"{BASE}/{info.uuid}/"
    view = post(first, f"{url}start/").json()
    keys = keys_of(world, info.uuid, view["version_code"])
    for question in questions(view):
        if question["type"] == "short_answer":
            value = keys[question["uuid"]]  # the right value, with its decimal comma
            post(first, f"{url}answers/", {"question": question["uuid"], "value": value, "seq": 1})
    done = post(first, f"{url}submit/").content.decode()
    state = first.get(url, **EN).content.decode()
    for text in (json.dumps(view), done, state):
        assert '"correct"' not in text and "is_true" not in text and "Lời giải" not in text
        assert '"key"' not in text and '"explanation"' not in text
    assert json.loads(done)["review"] == {} and json.loads(done)["score"] == "2.0"  # 4 × 0,5 of 10

    Exam.objects.filter(uuid=info.uuid).update(closes_at=timezone.now() - timedelta(minutes=1))
    review = first.get(url, **EN).json()["review"]
    assert len(review) == 20 and all(r["explanation"].startswith("Lời giải") for r in review.values())
    assert {q["uuid"]: review[q["uuid"]]["key"] for q in questions(view)} == keys


def test_an_attempt_past_its_deadline_is_closed_with_its_answers(exam, students):
    first, _second = students
    url = f"{BASE}/{exam.info.uuid}/"
    view = post(first, f"{url}start/").json()
    question = questions(view)[0]["uuid"]
    post(first, f"{url}answers/", {"question": question, "value": 1, "seq": 1})
    Attempt.objects.filter(user_id=exam.world.student_a.id).update(
        deadline_at=timezone.now() - timedelta(minutes=5)
    )
    late = post(first, f"{url}answers/", {"question": question, "value": 2, "seq": 2})
    assert late.status_code == 409
    state = first.get(url, **EN).json()
    assert state["status"] == "timed_out" and state["answers"][question] == {"value": 1, "seq": 1}
    assert state["seconds_left"] == 0


def test_texts_reach_the_page_sanitised(exam, students):
    first, _second = students
    item = api._exam(exam.info.uuid).items[0]
    QuestionVersion.objects.filter(question__uuid=item["uuid"], number=item["version"]).update(
        stem='<b>Tính</b> $x^2$<script>alert("x")</script><img src="x" onerror="alert(1)">'
    )
    view = post(first, f"{BASE}/{exam.info.uuid}/start/").json()
    stem = next(q["stem"] for q in questions(view) if q["uuid"] == item["uuid"])
    assert stem.startswith("<b>Tính</b> $x^2$")
    assert "<script" not in stem and "onerror" not in stem


def test_a_test_is_started_only_with_the_ticket_its_block_gave(students, exam):
    first, second = students
    url = f"{BASE}/{exam.info.uuid}/start/"
    bare = post(first, url, {})
    assert bare.status_code == 403 and "ticket" in bare.json()
    other_id = int(second.session["_auth_user_id"])
    borrowed = post(first, url, {"ticket": api.attempt_ticket(exam.info.uuid, other_id)})
    assert borrowed.status_code == 403
    assert post(first, url).status_code == 200
    assert post(first, url, {}).status_code == 200  # resuming needs none
