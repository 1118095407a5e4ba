"""Editing makes versions (old ones stay as they were); the importer's rules refuse bad content; questions
move and are copied between banks; banks are shared."""

import json

import pytest
from django.urls import reverse

from openedx_vn.qbank.models import BankShare, Question, QuestionBank, QuestionVersion
from tests.plugins.qbank.banks import add_question

pytestmark = pytest.mark.django_db

EDITED = {
    "type": "multiple_choice",
    "title": "Câu 1",
    "stem": "<p>Phân số nào bằng $\\frac{1}{2}$?</p><script>alert(1)</script>",
    "body": {
        "choices": [
            {"text": "2/3", "correct": False},
            {"text": "3/6", "correct": True, "feedback": "<b>Đúng</b><img src='http://x/y.png'>"},
            {"text": "2/5", "correct": False},
        ]
    },
    "explanation": "3/6 = 1/2",
    "points": "0.25",
    "cognitive_level": "hieu",
    "subject_code": "toan",
    "grade": 6,
    "outcome_codes": [],
}


def _post(client, url, data):
    # In English: the assertions read the importer's messages (Vietnamese by default).
    return client.post(url, json.dumps(data), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


def test_an_edit_is_a_new_current_version_and_the_old_one_stays(client, people):
    client.force_login(people.editor)
    url = reverse("vn_qbank:question-versions", args=[people.question.uuid])
    response = _post(client, url, EDITED)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["version"], data["is_current"], data["points"], data["subject_code"]) == (
        2,
        True,
        "0.25",
        "TOAN",
    )
    assert "<script>" not in data["stem"] and "alert" not in data["stem"]  # cleaned as an import is
    assert "http://x" not in data["body"]["choices"][1]["feedback"]
    assert [v["number"] for v in data["versions"]] == [2, 1]
    first = QuestionVersion.objects.get(question=people.question, number=1)
    assert first.stem == "<p>Phân số nào bằng $\\frac{1}{2}$?</p>" and first.cognitive_level == "biet"
    question = Question.objects.get(pk=people.question.pk)
    assert (question.current.number, question.cognitive_level, question.grade) == (2, "hieu", 6)
    assert question.current.created_by == people.editor.id
    old = client.get(reverse("vn_qbank:question-detail", args=[people.question.uuid]), {"version": 1}).json()
    assert (old["version"], old["is_current"], old["cognitive_level"]) == (1, False, "biet")
    missing = client.get(reverse("vn_qbank:question-detail", args=[people.question.uuid]), {"version": 9})
    assert missing.status_code == 404
    # The list filters on the new version.
    listed = client.get(
        reverse("vn_qbank:bank-question-list", args=[people.bank.uuid]), {"level": "hieu"}
    ).json()
    assert [row["version"] for row in listed["results"]] == [2]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"body": {"choices": [{"text": "A", "correct": True}, {"text": "B", "correct": True}]}},
            "exactly one",
        ),
        ({"body": {"choices": [{"text": "A", "correct": True}, {"text": " ", "correct": False}]}}, "empty"),
        ({"stem": "<p> </p>"}, "no text"),
        ({"type": "short_answer", "body": {"kind": "text", "answers": []}}, "no accepted answer"),
        ({"outcome_codes": ["TOAN.99.9"]}, "unknown learning outcome"),
    ],
)
def test_the_importers_rules_refuse_bad_content(client, people, change, message):
    client.force_login(people.owner)
    response = _post(
        client, reverse("vn_qbank:question-versions", args=[people.question.uuid]), {**EDITED, **change}
    )
    assert response.status_code == 400
    assert any(message in problem for problem in response.json()["problems"]), response.json()
    assert people.question.versions.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "matching"}, "type"),
        ({"body": {"choices": "A B"}}, "body"),
        ({"body": {"choices": [{"text": "A", "correct": "yes"}, {"text": "B", "correct": False}]}}, "body"),
        ({"type": "short_answer", "body": {"kind": "numeric", "value": "một"}}, "body"),
        ({"type": "true_false_cluster", "body": {"statements": []}}, "body"),
        ({"grade": 13}, "grade"),
        ({"points": "-1"}, "points"),
    ],
)
def test_malformed_content_is_named(client, people, change, field):
    client.force_login(people.owner)
    response = _post(
        client, reverse("vn_qbank:question-versions", args=[people.question.uuid]), {**EDITED, **change}
    )
    assert response.status_code == 400 and field in response.json(), response.json()


def test_a_new_question_of_each_type(client, people):
    client.force_login(people.owner)
    url = reverse("vn_qbank:bank-question-list", args=[people.bank.uuid])
    bodies = {
        "true_false_cluster": {
            "statements": [{"text": "a", "is_true": True}, {"text": "b", "is_true": False}]
        },
        "short_answer": {"kind": "numeric", "value": "-1,5", "tolerance": ""},
        "essay": {"rubric": [{"text": "Đặt ẩn đúng", "points": "0,5"}]},
    }
    for kind, body in bodies.items():
        response = _post(client, url, {"type": kind, "stem": f"Câu {kind}", "body": body})
        assert response.status_code == 201, response.content
        assert response.json()["version"] == 1
    stored = Question.objects.get(type="short_answer").current.body
    assert stored == {"kind": "numeric", "value": "-1.5", "tolerance": "0"}
    assert Question.objects.get(type="essay").current.body["rubric"] == [
        {"text": "Đặt ẩn đúng", "points": "0.5"}
    ]
    assert people.bank.questions.count() == 4


def test_move_keeps_the_question_and_its_versions(client, people):
    mine = QuestionBank.objects.create(name="Lưu trữ", owner_id=people.owner.id)
    client.force_login(people.owner)
    _post(client, reverse("vn_qbank:question-versions", args=[people.question.uuid]), EDITED)
    body = {"questions": [str(people.question.uuid)], "target": str(mine.uuid)}
    response = _post(client, reverse("vn_qbank:bank-move", args=[people.bank.uuid]), body)
    assert response.json() == {"moved": 1}
    question = Question.objects.get(pk=people.question.pk)
    assert question.bank == mine and question.versions.count() == 2
    again = _post(client, reverse("vn_qbank:bank-move", args=[people.bank.uuid]), body)
    assert again.status_code == 400 and str(people.question.uuid) in again.json()["questions"][0]
    same = _post(client, reverse("vn_qbank:bank-move", args=[mine.uuid]), {**body, "target": str(mine.uuid)})
    assert same.status_code == 400


def test_moving_into_a_bank_one_may_only_view_is_refused(client, people):
    BankShare.objects.create(bank=people.other_bank, user_id=people.owner.id, role="viewer")
    client.force_login(people.owner)
    body = {"questions": [str(people.question.uuid)], "target": str(people.other_bank.uuid)}
    assert _post(client, reverse("vn_qbank:bank-move", args=[people.bank.uuid]), body).status_code == 403
    assert Question.objects.get(pk=people.question.pk).bank == people.bank


def test_a_viewer_copies_into_their_own_bank_and_duplicates_are_skipped(client, people):
    theirs = QuestionBank.objects.create(name="Của tôi", owner_id=people.viewer.id)
    second = add_question(people.bank, "Câu thứ hai", subject_code="TOAN")
    client.force_login(people.viewer)
    body = {"questions": [str(people.question.uuid), str(second.uuid)], "target": str(theirs.uuid)}
    first = _post(client, reverse("vn_qbank:bank-copy", args=[people.bank.uuid]), body).json()
    assert (len(first["created"]), first["skipped"]) == (2, [])
    again = _post(client, reverse("vn_qbank:bank-copy", args=[people.bank.uuid]), body).json()
    assert again["created"] == [] and set(again["skipped"]) == {str(people.question.uuid), str(second.uuid)}
    copy = Question.objects.get(uuid=first["created"][0])
    assert copy.bank == theirs and copy.current.number == 1 and copy.current.created_by == people.viewer.id
    assert str(people.question.uuid) in copy.current.source or str(second.uuid) in copy.current.source
    assert people.bank.questions.count() == 2  # the originals stay


def test_shares_are_added_changed_and_removed(client, people):
    client.force_login(people.owner)
    url = reverse("vn_qbank:bank-share-list", args=[people.bank.uuid])
    added = _post(client, url, {"username": "gv_khac", "role": "editor"})
    assert added.status_code == 201 and added.json()["role"] == "editor"
    unknown = _post(client, url, {"username": "khong_co_ai"})
    assert unknown.status_code == 400 and "khong_co_ai" in unknown.json()["username"][0]
    assert _post(client, url, {"username": "gv_chu"}).status_code == 400  # the owner
    assert _post(client, url, {"username": "gv_khac", "role": "viewer"}).json()["role"] == "viewer"
    rows = client.get(url).json()
    assert {(row["username"], row["role"]) for row in rows} == {
        ("gv_xem", "viewer"),
        ("gv_sua", "editor"),
        ("gv_khac", "viewer"),
    }
    detail = reverse("vn_qbank:bank-share-detail", args=[people.bank.uuid, people.other.id])
    assert client.delete(detail).status_code == 204
    assert client.delete(detail).status_code == 404
    client.force_login(people.other)
    assert client.get(reverse("vn_qbank:bank-detail", args=[people.bank.uuid])).status_code == 403


def test_the_api_is_documented(client):
    schema = client.get(reverse("schema")).content.decode()
    for path in (
        "/vn/qbank/api/v1/banks/{bank_uuid}/questions/",
        "/vn/qbank/api/v1/questions/{question_uuid}/versions/",
        "/vn/qbank/api/v1/banks/{bank_uuid}/move/",
        "/vn/qbank/api/v1/banks/{bank_uuid}/shares/{user_id}/",
        "/vn/qbank/api/v1/banks/{bank_uuid}/imports/",
        "/vn/qbank/api/v1/imports/{job_uuid}/confirm/",
    ):
        assert path in schema, path
