"""Tests drawn from a bank, their versions, and online attempts: saving in order, time-out, grading."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from openedx_vn.assessment import api
from openedx_vn.qbank import api as qbank_api
from tests.plugins.assessment.conftest import BLUEPRINT


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _exam(world, **options):
    options.setdefault("version_count", 4)
    options.setdefault("seed", 7)
    return api.generate_exam(world.teacher, world.blueprint_uuid, [world.bank_uuid], **options)


@pytest.fixture
def bank(world):
    world.bank_uuid = str(world.bank.uuid)
    return world


def test_the_cv7991_blueprint_is_stored_without_problems(world):
    assert world.problems == []
    blueprint, problems = api.get_blueprint(world.teacher, world.blueprint_uuid)
    assert problems == [] and blueprint.points == Decimal(10) and len(blueprint.rows) == 2


def test_bad_blueprint_data_names_each_field(world):
    data = json.loads(json.dumps(BLUEPRINT))
    data["cells"][2]["points"] = "một"
    data["cells"][3]["format"] = "matching"
    data["rows"][1]["codes"] = []
    with pytest.raises(api.BlueprintInvalid) as error:
        api.save_blueprint(world.teacher, data)
    places = [where for where, _what in error.value.problems]
    assert places == ["rows[1].codes", "cells[2].points", "cells[3].format"]


def test_a_draft_with_a_wrong_total_is_kept_but_cannot_be_drawn(bank):
    data = json.loads(json.dumps(BLUEPRINT))
    data["cells"][0]["points"] = "2"
    key, problems = api.save_blueprint(bank.teacher, data)
    assert [p.blocking for p in problems if "add up to 11" in str(p)] == [True]
    with pytest.raises(ValueError, match="add up to 11"):
        api.generate_exam(bank.teacher, key, [bank.bank_uuid])


def test_generation_is_reproducible_and_fills_every_cell(bank):
    first, second = _exam(bank), _exam(bank)
    _contents, versions_1, points = api.exam_versions(bank.teacher, first.uuid)
    _contents, versions_2, _points = api.exam_versions(bank.teacher, second.uuid)
    assert first.version_codes == ("101", "102", "103", "104")
    assert [v.answer_key() for v in versions_1] == [v.answer_key() for v in versions_2]
    assert first.question_count == 12 + 2 + 4 + 2 and first.max_points == Decimal(10)
    assert sum(points.values()) == Decimal(10)
    counts = {part: len(items) for part, items in versions_1[0].parts.items()}
    assert counts == {"multiple_choice": 12, "true_false_cluster": 2, "short_answer": 4, "essay": 2}
    # Every version holds the same questions; the order differs somewhere.
    uuids = [sorted(item.uuid for items in v.parts.values() for item in items) for v in versions_1]
    assert all(u == uuids[0] for u in uuids)
    orders = {tuple(item.uuid for item in v.parts["multiple_choice"]) for v in versions_1}
    assert len(orders) > 1


def test_a_short_bank_names_the_short_cells(bank):
    other = qbank_api.create_bank("Nhỏ", bank.teacher.id)
    with pytest.raises(api.GenerationError) as error:
        api.generate_exam(bank.teacher, bank.blueprint_uuid, [other.uuid], seed=1)
    assert len(error.value.short) == 9
    assert "Mệnh đề, multiple_choice, biet: 4 question(s) missing (0 of 4)" in str(error.value)


def test_recent_tests_of_the_same_classes_are_left_out(bank):
    first = _exam(bank, class_ids=[1])
    again = _exam(bank, class_ids=[1], exclude_recent=1, seed=8)
    used = {item["uuid"] for item in api._exam(first.uuid).items}
    drawn = {item["uuid"] for item in api._exam(again.uuid).items}
    assert not used & drawn


def test_only_the_teacher_and_staff_see_the_test(bank):
    exam = _exam(bank)
    with pytest.raises(api.NotAllowed):
        api.get_exam(bank.other_teacher, exam.uuid)
    with pytest.raises(api.NotAllowed):
        api.generate_exam(bank.student_a, bank.blueprint_uuid, [bank.bank_uuid])
    assert api.get_exam(bank.staff, exam.uuid).uuid == exam.uuid


def _all_questions(view):
    return [q for part in view.parts for q in part["questions"]]


def test_the_student_view_carries_no_key_before_the_end(bank):
    exam = _exam(bank, closes_at=timezone.now() + timedelta(days=1))
    view = api.start_attempt(exam.uuid, bank.student_a.id)
    text = json.dumps(view.parts) + json.dumps(view.review)
    assert '"correct"' not in text and "is_true" not in text and "-1.5" not in text and "Lời giải" not in text
    assert view.review == {} and 44 * 60 < view.seconds_left <= 45 * 60


def _answer_everything(teacher, exam, student, view, wrong=()):
    """Answer each question right, except the numbers in ``wrong`` (by order in the view)."""
    _contents, versions, _points = api.exam_versions(teacher, exam.uuid)
    version = next(v for v in versions if v.code == view.version_code)
    keys = {item.uuid: item.key for items in version.parts.values() for item in items}
    for index, question in enumerate(_all_questions(view)):
        key = keys[question["uuid"]]
        kind = question["type"]
        if kind == "multiple_choice":
            value = "ABCD".index(key)
            value = (value + 1) % 4 if index in wrong else value
        elif kind == "true_false_cluster":
            value = [letter == "Đ" for letter in key]
            if index in wrong:
                value[0] = not value[0]
        elif kind == "short_answer":
            value = "0" if index in wrong else key
        else:
            value = "Bài làm tự luận"
        api.save_answer(exam.uuid, student.id, question["uuid"], value, seq=1)


def test_a_full_attempt_is_graded_by_the_rules(bank):
    exam = _exam(bank)
    view = api.start_attempt(exam.uuid, bank.student_a.id)
    # Wrong: one multiple choice (−0,25), one statement of the first đúng–sai (1 point: 3 right → 0,5),
    # one short answer (−0,5: two of 1 point).
    questions = _all_questions(view)
    first_tf = next(i for i, q in enumerate(questions) if q["type"] == "true_false_cluster")
    first_sa = next(i for i, q in enumerate(questions) if q["type"] == "short_answer")
    _answer_everything(bank.teacher, exam, bank.student_a, view, wrong={0, first_tf, first_sa})
    done = api.submit_attempt(exam.uuid, bank.student_a.id)
    # 10 − 3 (essays, not graded yet) − 0,25 − 0,5 − 0,5 = 5,75 → 5,8 (one decimal, TT 22)
    assert done.status == "submitted" and done.points == Decimal("5.75") and done.score == Decimal("5.8")
    assert done.essays_pending == 2
    essays = [
        q["uuid"] for q in sorted(questions, key=lambda q: q["points"], reverse=True) if q["type"] == "essay"
    ]
    assert [Decimal(q["points"]) for q in questions if q["uuid"] in essays] in ([2, 1], [1, 2])
    api.grade_essay(bank.teacher, exam.uuid, bank.student_a.id, essays[0], "1,5", "Lập luận tốt")
    score = api.grade_essay(bank.teacher, exam.uuid, bank.student_a.id, essays[1], "0.5")
    assert score == Decimal("7.8")  # 5,75 + 1,5 + 0,5 = 7,75 → 7,8
    with pytest.raises(ValueError, match="from 0 to"):
        api.grade_essay(bank.teacher, exam.uuid, bank.student_a.id, essays[1], "9")
    with pytest.raises(api.NotAllowed):
        api.grade_essay(bank.other_teacher, exam.uuid, bank.student_a.id, essays[1], "1")
    # No close date: no review (classmates may still be sitting it); once closed, keys and explanations.
    assert api.attempt_view(exam.uuid, bank.student_a.id).review == {}
    closed = timezone.now() - timedelta(minutes=1)
    api.set_exam_window(bank.teacher, exam.uuid, None, closed)
    assert api.attempt_view(exam.uuid, bank.student_a.id, now=closed + timedelta(seconds=5)).review == {}
    review = api.attempt_view(exam.uuid, bank.student_a.id).review
    assert review[essays[0]]["comment"] == "Lập luận tốt"
    assert all(r["explanation"].startswith("Lời giải") for r in review.values())


def test_saves_are_ordered_and_idempotent(bank):
    exam = _exam(bank)
    view = api.start_attempt(exam.uuid, bank.student_b.id)
    question = _all_questions(view)[0]["uuid"]
    assert api.save_answer(exam.uuid, bank.student_b.id, question, 2, seq=5).saved
    late = api.save_answer(exam.uuid, bank.student_b.id, question, 1, seq=4)  # older, arriving late
    retry = api.save_answer(exam.uuid, bank.student_b.id, question, 3, seq=5)  # same seq again
    assert (late.saved, late.seq, retry.saved) == (False, 5, False)
    resumed = api.start_attempt(exam.uuid, bank.student_b.id)  # a reload
    assert resumed.answers[question] == {"value": 2, "seq": 5}
    assert resumed.version_code == view.version_code
    with pytest.raises(ValueError, match="choose one of the 4 options"):
        api.save_answer(exam.uuid, bank.student_b.id, question, 7, seq=6)
    with pytest.raises(ValueError, match="not in this test"):
        api.save_answer(exam.uuid, bank.student_b.id, "0" * 32, 1, seq=7)


def test_time_out_submits_the_saved_answers(bank):
    exam = _exam(bank, minutes=30)
    start = timezone.now()
    view = api.start_attempt(exam.uuid, bank.student_a.id, now=start)
    question = _all_questions(view)[0]["uuid"]
    api.save_answer(exam.uuid, bank.student_a.id, question, 0, seq=1, now=start + timedelta(minutes=10))
    with pytest.raises(api.AttemptClosed):
        api.save_answer(exam.uuid, bank.student_a.id, question, 1, seq=2, now=start + timedelta(minutes=31))
    assert api.close_expired_attempts(now=start + timedelta(minutes=31)) == 0  # closed by the refused save
    later = api.attempt_view(exam.uuid, bank.student_a.id, now=start + timedelta(minutes=40))
    assert later.status == "timed_out" and later.answers[question]["value"] == 0 and later.seconds_left == 0


def test_the_sweep_closes_abandoned_attempts(bank):
    exam = _exam(bank, minutes=30)
    start = timezone.now()
    api.start_attempt(exam.uuid, bank.student_a.id, now=start)
    api.start_attempt(exam.uuid, bank.student_b.id, now=start + timedelta(minutes=20))
    assert api.close_expired_attempts(now=start + timedelta(minutes=35)) == 1
    assert api.attempt_status(exam.uuid, bank.student_a.id)[:2] == ("timed_out", Decimal("0.0"))
    assert api.attempt_status(exam.uuid, bank.student_b.id)[0] == "open"


def test_results_sort_by_given_name(bank):
    exam = _exam(bank)
    for student in (bank.student_b, bank.student_a):
        api.start_attempt(exam.uuid, student.id)
        api.submit_attempt(exam.uuid, student.id)
    rows = api.results(bank.teacher, exam.uuid)
    assert [row.full_name for row in rows] == ["Nguyễn Văn An", "Lê Thị Bình"]
    with pytest.raises(api.NotAllowed):
        api.results(bank.other_teacher, exam.uuid)


def test_a_closed_test_cannot_be_started(bank):
    exam = _exam(bank, closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(api.AttemptClosed):
        api.start_attempt(exam.uuid, bank.student_a.id)


def test_primary_scores_are_whole_numbers():
    from openedx_vn.assessment.grading import scaled_score

    assert scaled_score(Decimal("6.5"), Decimal(10), grade=4) == Decimal(7)
    assert scaled_score(Decimal("6.45"), Decimal(10), grade=8) == Decimal("6.5")
    assert scaled_score(Decimal("3"), Decimal(4), grade=11) == Decimal("7.5")


def test_exact_points_before_rounding(bank):
    """Đúng – sai worth 0,5 with 2 statements right earns 0,125, not 0,13: only the score is rounded."""
    from openedx_vn.assessment.grading import grade_answers
    from openedx_vn.qbank.olx import QuestionContent

    statements = {"statements": [{"text": str(i), "is_true": True} for i in range(4)]}
    contents = {f"q{i}": QuestionContent("true_false_cluster", "", statements, "") for i in range(4)}
    items = [{"uuid": f"q{i}", "points": "0.5"} for i in range(4)]
    items.append({"uuid": "rest", "points": "8"})
    contents["rest"] = QuestionContent(
        "short_answer", "", {"kind": "numeric", "value": "1", "tolerance": "0"}, ""
    )
    answers = {f"q{i}": ([True, True, False, False], None) for i in range(4)}
    answers["rest"] = ("1", None)
    graded = grade_answers(items, contents, answers)
    assert graded.points == Decimal("8.5") and graded.score == Decimal("8.5")  # 8 + 4 × 0,125


def test_a_save_after_the_submit_is_refused_and_stores_nothing(bank):
    """A save is stored only while the attempt is open (the attempt row's lock orders it with a submit)."""
    exam = _exam(bank)
    view = api.start_attempt(exam.uuid, bank.student_a.id)
    question = _all_questions(view)[0]["uuid"]
    api.submit_attempt(exam.uuid, bank.student_a.id)
    with pytest.raises(api.AttemptClosed):
        api.save_answer(exam.uuid, bank.student_a.id, question, 1, seq=9)
    assert api.attempt_view(exam.uuid, bank.student_a.id).answers == {}


def test_concurrent_saves_keep_the_newest_answer(bank, transactional_db):
    """Saves of one question sent at once, in any order, on separate connections: the highest seq wins."""
    import random
    import threading

    from django.db import connection, connections

    if connection.vendor == "sqlite":
        pytest.skip("needs a database with concurrent writers (MariaDB/MySQL)")
    exam = _exam(bank)
    view = api.start_attempt(exam.uuid, bank.student_a.id)
    questions = [q["uuid"] for q in _all_questions(view) if q["type"] == "multiple_choice"]
    rng = random.Random(5)  # noqa: S311 - a reproducible order, not a secret
    for question in questions:
        seqs = list(range(1, 9))
        rng.shuffle(seqs)
        barrier = threading.Barrier(len(seqs))

        def save(seq, question=question, barrier=barrier):
            barrier.wait()
            try:
                api.save_answer(exam.uuid, bank.student_a.id, question, seq % 4, seq=seq)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=save, args=(seq,)) for seq in seqs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    answers = api.attempt_view(exam.uuid, bank.student_a.id).answers
    assert {answers[q]["seq"] for q in questions} == {8}
    assert {answers[q]["value"] for q in questions} == {0}  # 8 % 4: the value sent with seq 8


def test_oversized_blueprint_values_are_named_not_stored(world):
    data = json.loads(json.dumps(BLUEPRINT))
    data |= {"title": "x" * 300, "template": "khong-co", "total_points": "100000", "grade": "²"}
    data["cells"][0]["count"] = 2**40
    with pytest.raises(api.BlueprintInvalid) as error:
        api.save_blueprint(world.teacher, data)
    places = {where for where, _what in error.value.problems}
    assert places == {"title", "template", "cells[0].count", "total_points", "grade"}
    assert len(api.list_blueprints(world.teacher)) == 1  # the fixture's only
