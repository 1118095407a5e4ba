"""The gradebook path itself (ADR 0019): the whole points edx-submissions stores, the adapter in
``core.compat`` with edx-submissions (the ``score_set`` signal the LMS grades app listens to) and
without it."""

import sys
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from openedx_vn.assessment import gradebook
from openedx_vn.core import compat

ITEM = {
    "student_id": "7",
    "course_id": "course-v1:QuangNinh+TOAN10+2025",
    "item_id": "block-v1:QuangNinh+TOAN10+2025+type@vn_timed_test+block@kt_giua_ki",
    "item_type": "vn_timed_test",
}


@pytest.mark.parametrize(
    ("score", "weight", "pair"),
    [
        ("5.8", 10, (58, 100)),  # the default weight: tenths, exactly
        ("5.8", "20", (116, 200)),
        ("10.0", 1, (10, 10)),
        ("0.0", 10, (0, 100)),
        ("7.5", "2.5", (19, 25)),  # a weight with decimals: rounded half up
        ("6.0", 0, (0, 0)),  # worth nothing: nothing is sent
    ],
)
def test_the_pair_is_whole_points_taken_as_weighted(score, weight, pair):
    assert gradebook.points_pair(Decimal(score), weight) == pair


@pytest.mark.django_db
def test_the_adapter_makes_one_submission_and_sends_each_score_with_the_signal():
    from submissions.models import Score, Submission, score_set

    heard = []

    def listener(sender, **kwargs):  # what the LMS grades app's handler receives
        heard.append({key: kwargs[key] for key in ("points_earned", "points_possible", "anonymous_user_id")})

    score_set.connect(listener)
    try:
        first = compat.set_submission_score(ITEM, {"attempt": 1}, 30, 100)
        again = compat.set_submission_score(ITEM, {"attempt": 1}, 45, 100, first)
    finally:
        score_set.disconnect(listener)
    assert first == again and Submission.objects.count() == 1
    assert list(Score.objects.order_by("id").values_list("points_earned", "points_possible")) == [
        (30, 100),
        (45, 100),
    ]
    assert heard == [
        {"points_earned": 30, "points_possible": 100, "anonymous_user_id": "7"},
        {"points_earned": 45, "points_possible": 100, "anonymous_user_id": "7"},
    ]


@pytest.mark.django_db
def test_without_edx_submissions_nothing_is_sent_and_the_caller_is_told(monkeypatch, caplog):
    from submissions.models import Submission

    monkeypatch.setitem(sys.modules, "submissions.api", None)  # import fails as when the package is absent
    monkeypatch.setitem(sys.modules, "submissions", None)
    assert compat.set_submission_score(ITEM, {"attempt": 1}, 30, 100) == ""
    assert "edx-submissions is not installed" in caplog.text
    monkeypatch.undo()
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_outside_the_platform_the_anonymous_id_is_the_user_id():
    user = get_user_model().objects.create_user("hs_an")
    assert compat.anonymous_user_id(user, ITEM["course_id"]) == str(user.pk)
