"""Item analysis: facility and upper–lower 27 % discrimination, stored per test and written to the bank."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from openedx_vn.assessment import analysis, api, items
from openedx_vn.qbank import api as qbank_api

# ------------------------------------------------------------------------------- by hand, plain code
# Ten students, four questions (q3 is worth 2 points); q5 was graded for nobody (an essay), q6 is worth 0.
POSSIBLE = {"q1": 1, "q2": 1, "q3": 2, "q4": 1, "q5": 3, "q6": 0}
EARNED = [  # q1, q2, q3, q4 → total
    (1, 1, 2, 0),  # s0 4
    (1, 1, 1.5, 0),  # s1 3,5
    (1, 0, 2, 0),  # s2 3
    (1, 1, 0.5, 1),  # s3 3,5
    (0, 1, 1, 1),  # s4 3
    (1, 0, 0.5, 1),  # s5 2,5
    (0, 1, 0, 1),  # s6 2
    (0, 0, 0.5, 1),  # s7 1,5
    (0, 0, 0, 1),  # s8 1
    (0, 0, 0, 1),  # s9 1
]
# Ranked by total (equal totals keep their order): s0, s1, s3 | s2, s4, s5, s6 | s7, s8, s9.
# Groups of round(0,27 · 10) = 3: upper s0 s1 s3, lower s7 s8 s9.
EXPECTED = {
    # facility = mean share; D = upper facility − lower facility
    "q1": (0.5, 1 - 0),  # right: s0 s1 s2 s3 s5
    "q2": (0.5, 1 - 0),  # right: s0 s1 s3 s4 s6
    "q3": (4.0 / 10, (1 + 0.75 + 0.25) / 3 - (0.25 + 0 + 0) / 3),  # shares 1 .75 1 .25 .5 .25 0 .25 0 0
    "q4": (0.7, 1 / 3 - 1),  # mostly the weaker students got it (upper: only s3): negative
}


def _sittings(rows):
    return [{f"q{i + 1}": Decimal(str(v)) for i, v in enumerate(row)} for row in rows]


def test_facility_and_discrimination_by_hand():
    figures = analysis.analyse(POSSIBLE, _sittings(EARNED))
    assert [f.question_uuid for f in figures] == ["q1", "q2", "q3", "q4"]  # q5: nobody graded; q6: 0 points
    for f in figures:
        expected_facility, expected_d = EXPECTED[f.question_uuid]
        assert f.responses == 10
        assert f.facility == pytest.approx(expected_facility)
        assert f.discrimination == pytest.approx(expected_d)
    assert figures[2].discrimination == pytest.approx(7 / 12)


def test_too_few_attempts_give_no_discrimination():
    figures = analysis.analyse(POSSIBLE, _sittings(EARNED[:9]))
    assert all(f.discrimination is None for f in figures)
    assert figures[0].facility == pytest.approx(5 / 9)


def test_an_ungraded_essay_counts_only_where_graded():
    sittings = _sittings(EARNED)
    for sitting in sittings[:4]:
        sitting["q5"] = Decimal("1.5")  # graded for four students: half of 3 points each
    q5 = next(f for f in analysis.analyse(POSSIBLE, sittings) if f.question_uuid == "q5")
    assert (q5.responses, q5.facility, q5.discrimination) == (4, 0.5, None)


# ------------------------------------------------------------------------------- through the database
STUDENTS = 11  # student k answers the k easiest multiple-choice questions right and the others wrong


def _mc_ranked(teacher, exam_uuid):
    """The test's multiple-choice questions in a fixed order (by uuid), with each version's keys."""
    _contents, made, _points = api.exam_versions(teacher, exam_uuid)
    keys = {v.code: {item.uuid: item.key for item in v.parts["multiple_choice"]} for v in made}
    return sorted(keys[made[0].code]), keys


def _sit(world, exam_uuid):
    ranked, keys = _mc_ranked(world.teacher, exam_uuid)
    users = get_user_model().objects
    for k in range(STUDENTS):
        student = users.create_user(f"hs_{k:02d}")
        view = api.start_attempt(exam_uuid, student.id)
        for part in view.parts:
            for question in part["questions"]:
                if question["type"] != "multiple_choice":
                    continue
                right = "ABCD".index(keys[view.version_code][question["uuid"]])
                value = right if ranked.index(question["uuid"]) < k else (right + 1) % 4
                api.save_answer(exam_uuid, student.id, question["uuid"], value, seq=1)
        api.submit_attempt(exam_uuid, student.id)
    return ranked


def _expected(j):
    """Question j (0…11) is right for the students k > j: facility (10 − j) / 11. Groups of
    round(0,27 · 11) = 3: upper k = 10, 9, 8; lower k = 0, 1, 2."""
    right = [k for k in range(STUDENTS) if j < k]
    upper = sum(1 for k in (10, 9, 8) if k in right) / 3
    lower = sum(1 for k in (0, 1, 2) if k in right) / 3
    return len(right) / STUDENTS, upper - lower


def _bank_difficulties(world):
    candidates = qbank_api.list_candidates(
        [world.bank.uuid], {"multiple_choice"}, {"biet", "hieu", "van_dung"}, ["TOAN.10"]
    )
    pinned = qbank_api.pin_questions([c.key for c in candidates])  # the copy a draw reads
    return {pinned[c.key][0]: c.difficulty for c in candidates}


@pytest.fixture
def sat(world):
    exam = api.generate_exam(
        world.teacher, world.blueprint_uuid, [str(world.bank.uuid)], version_count=4, seed=3
    )
    world.exam_uuid = exam.uuid
    world.ranked = _sit(world, exam.uuid)
    return world


def _check_figures(world, rows):
    by_uuid = {row.question_uuid: row for row in rows}
    # 12 multiple choice, 2 đúng – sai, 4 short answers (unanswered: 0); the unanswered essays: no row.
    assert sorted({row.type for row in rows}) == ["multiple_choice", "short_answer", "true_false_cluster"]
    assert len(rows) == 18 and all(row.responses == STUDENTS for row in rows)
    assert [_expected(j)[1] for j in range(12)] == pytest.approx(
        [1 / 3, 2 / 3, 1, 1, 1, 1, 1, 1, 2 / 3, 1 / 3, 0, 0]
    )
    for j, question in enumerate(world.ranked):
        facility, discrimination = _expected(j)
        assert by_uuid[question].facility == pytest.approx(facility)
        assert by_uuid[question].discrimination == pytest.approx(discrimination)
    difficulties = _bank_difficulties(world)
    for j, question in enumerate(world.ranked):
        assert difficulties[question] == pytest.approx(round(1 - _expected(j)[0], 4))


@pytest.mark.django_db
def test_analysis_is_stored_and_written_to_the_bank(sat):
    rows = items.analyse_items(sat.exam_uuid)
    _check_figures(sat, rows)
    again = items.analyse_items(sat.exam_uuid)  # a second run replaces the rows
    stored = items.item_statistics(sat.teacher, sat.exam_uuid)
    assert [(r.question_uuid, r.facility) for r in stored] == [(r.question_uuid, r.facility) for r in again]
    assert all(r.computed_at is not None for r in stored) and [r.number for r in stored] == sorted(
        r.number for r in stored
    )
    with translation.override("en"), pytest.raises(api.NotAllowed):
        items.item_statistics(sat.other_teacher, sat.exam_uuid)
    with pytest.raises(LookupError):
        items.analyse_items("0" * 32)


@pytest.mark.django_db
def test_the_task_runs_eagerly_on_the_dev_host_default(sat, settings):
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("a broker is configured: the worker test covers this")
    items.start_item_analysis(sat.teacher, sat.exam_uuid)
    _check_figures(sat, items.item_statistics(sat.teacher, sat.exam_uuid))


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_task_runs_in_a_real_worker_and_writes_the_bank(celery_worker, sat, settings):
    from openedx_vn.assessment import item_tasks  # noqa: PLC0415

    assert not settings.CELERY_TASK_ALWAYS_EAGER
    assert all(value is None for value in _bank_difficulties(sat).values())
    task_id = items.start_item_analysis(sat.teacher, sat.exam_uuid)
    result = item_tasks.analyse_items.AsyncResult(task_id).get(timeout=60)
    assert result == {"exam": sat.exam_uuid, "questions": 18, "difficulties": 18}
    # The worker process, not this one, ran it.
    assert celery_worker.log_shows(f"analyse_items[{task_id}] succeeded")
    _check_figures(sat, items.item_statistics(sat.teacher, sat.exam_uuid))
