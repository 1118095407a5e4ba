"""The online step of the learner model against catsim, the library the benchmark uses offline: the same
probabilities and information, the same choice of question, the same ability estimate (no prior)."""

import math
import random

import pytest

from openedx_vn.practice import learner

catsim_irt = pytest.importorskip("catsim.irt")  # dev and test only (requirements/dev.in), never in the LMS
np = pytest.importorskip("numpy")
from catsim.estimation import NumericalSearchEstimator  # noqa: E402
from catsim.item_bank import ItemBank  # noqa: E402
from catsim.selection import MaxInfoSelector  # noqa: E402

CASES = [
    (theta, b, c) for theta in (-2.5, -0.3, 0.0, 1.2, 3.0) for b in (-2.0, 0.0, 0.7, 2.5) for c in (0, 0.25)
]


@pytest.mark.parametrize(("theta", "b", "c"), CASES)
def test_probability_and_information_are_catsims(theta, b, c):
    assert learner.probability(theta, b, c) == pytest.approx(catsim_irt.icc(theta, 1, b, c, 1), abs=1e-12)
    assert learner.information(theta, b, c) == pytest.approx(catsim_irt.inf(theta, 1, b, c, 1), abs=1e-12)


def test_the_choice_is_catsims_maximum_information_question():
    rng = random.Random(7)  # noqa: S311 - a fixed bank
    items = [learner.Item(i, rng.uniform(-3, 3), rng.choice([0.0, 0.25, 0.0625])) for i in range(300)]
    bank = ItemBank(np.array([[1, item.b, item.c, 1] for item in items]))
    posterior = learner.prior()
    for answer in [True, True, False, True, True, False, True]:
        theta = learner.estimate(posterior)
        administered = [item.key for item in items[:5]]
        ours = learner.choose(items, posterior, exclude=administered, top=1, at=theta)
        theirs = MaxInfoSelector().select(item_bank=bank, administered_items=administered, est_theta=theta)
        assert ours.key == theirs
        posterior = learner.update(posterior, ours.b, ours.c, answer)


def test_with_a_flat_prior_the_posterior_peaks_at_catsims_maximum_likelihood():
    rng = random.Random(3)  # noqa: S311 - a fixed bank
    items = [learner.Item(i, rng.uniform(-2, 2), 0.25) for i in range(12)]
    answers = [True, False, True, True, False, True, True, True, False, True, True, False]
    posterior = [1 / len(learner.GRID)] * len(learner.GRID)
    for item, answer in zip(items, answers, strict=True):
        posterior = learner.update(posterior, item.b, item.c, answer)
    mode = learner.GRID[max(range(len(posterior)), key=posterior.__getitem__)]
    bank = ItemBank(np.array([[1, item.b, item.c, 1] for item in items]))
    mle = NumericalSearchEstimator().estimate(
        item_bank=bank, administered_items=list(range(12)), response_vector=answers, est_theta=0.0
    )
    assert abs(mode - mle) <= 0.1 + 1e-9  # half the grid's step


def test_the_update_is_bayes_rule():
    posterior = learner.update(learner.prior(), 0.5, 0.25, False)
    prior = learner.prior()
    likelihood = [1 - learner.probability(theta, 0.5, 0.25) for theta in learner.GRID]
    expected = [p * q for p, q in zip(prior, likelihood, strict=True)]
    total = sum(expected)
    assert posterior == pytest.approx([value / total for value in expected])
    assert math.isclose(sum(posterior), 1.0)


def test_mastery_rises_with_right_answers_and_falls_with_wrong_ones():
    posterior = learner.prior()
    start = learner.mastery(posterior)
    right = learner.update(posterior, 1.0, 0.25, True)
    wrong = learner.update(posterior, 1.0, 0.25, False)
    assert learner.mastery(wrong) < start < learner.mastery(right)


@pytest.mark.parametrize(
    ("difficulty", "level", "kind", "expected"),
    [
        (None, "biet", "multiple_choice", -1.5),  # not measured yet: the cognitive level places it
        (None, "van_dung_cao", "short_answer", 1.5),
        (0.5, "", "short_answer", 0.0),  # half the class fails: medium
        (0.2, "", "short_answer", -math.log(4)),
        (0.99, "", "short_answer", math.log(19)),  # read as 5 % right: one success says little more
        (0.375, "", "multiple_choice", 0.0),  # 62,5 % right with four options = half above the guess
    ],
)
def test_the_banks_item_analysis_sets_the_difficulty(difficulty, level, kind, expected):
    assert learner.difficulty_to_b(difficulty, level, kind) == pytest.approx(expected, abs=1e-9)


def test_by_default_questions_inform_most_at_the_mastery_line():
    items = [learner.Item(key, b) for key, b in enumerate((-2.0, 0.0, 1.0, 2.5))]
    assert learner.choose(items, learner.prior(), top=1).b == learner.MASTERY_THETA


def test_when_every_question_was_asked_lately_the_newest_stay_out():
    items = [learner.Item(key, 0.0) for key in "abcd"]
    for _round in range(20):
        chosen = learner.choose(items, learner.prior(), exclude=["d", "c", "b", "a"], top=4)
        assert chosen.key in {"a", "b"}  # the newer half (d, c) is not asked again at once
    assert learner.choose([], learner.prior()) is None
