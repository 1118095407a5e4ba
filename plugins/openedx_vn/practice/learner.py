"""The learner model, per learning outcome: item response theory (3PL with a fixed guessing floor) with the
ability kept as a posterior on a grid (ADR 0015).

Online step, small on purpose: ``update`` multiplies the posterior by the answer's likelihood (closed form, no
fitting), ``choose`` takes one of the few questions most informative at the mastery line (randomesque, so two
students do not get the same sequence), ``mastery`` is the posterior probability that the ability is above
the mastery line. Checked against catsim's ``icc``/``inf`` and selector (tests).
"""

import math
import random

__all__ = [
    "GRID",
    "MASTERY_LEVEL",
    "MASTERY_THETA",
    "Item",
    "choose",
    "difficulty_to_b",
    "estimate",
    "information",
    "mastery",
    "prior",
    "probability",
    "update",
]

GRID = tuple(-4 + 0.2 * step for step in range(41))  # ability θ from -4 to 4
MASTERY_THETA = 1.0  # "thành thạo": a medium question (b = 0) answered right about 3 times in 4
MASTERY_LEVEL = 0.95  # declared when P(θ ≥ MASTERY_THETA) reaches this
GUESSING = {"multiple_choice": 0.25, "true_false_cluster": 0.0625, "short_answer": 0.0}
# Until item analysis measures a question, its cognitive level places it (biết … vận dụng cao).
LEVEL_B = {"biet": -1.5, "hieu": -0.5, "van_dung": 0.5, "van_dung_cao": 1.5}


class Item(tuple):
    """A question as the model sees it: ``(key, b, c)`` (difficulty on the θ scale, guessing floor)."""

    __slots__ = ()

    def __new__(cls, key, b, c=0.0):
        return super().__new__(cls, (key, float(b), float(c)))

    key = property(lambda self: self[0])
    b = property(lambda self: self[1])
    c = property(lambda self: self[2])


def difficulty_to_b(difficulty, level="", question_type=""):
    """θ-scale difficulty from the bank's item analysis (share of students who fail, 0–1), else the level.

    The share is read at an average class (θ = 0): facility = c + (1 - c)·σ(-b), so b = logit of the part
    above the guessing floor; clipped to ±3 (a question everyone fails or passes says little more).
    """
    c = GUESSING.get(question_type, 0.0)
    if difficulty is None:
        return LEVEL_B.get(level, 0.0)
    above = ((1 - difficulty) - c) / (1 - c)
    above = min(max(above, 0.05), 0.95)
    return max(-3.0, min(3.0, -math.log(above / (1 - above))))


def probability(theta, b, c=0.0):
    """P(right answer) at ability ``theta``: c + (1 - c)·σ(θ - b) (catsim's icc with a = 1, d = 1)."""
    return c + (1 - c) / (1 + math.exp(b - theta))


def information(theta, b, c=0.0):
    """Fisher information of the question at ``theta`` (3PL, a = 1; catsim's ``inf``)."""
    p = probability(theta, b, c)
    if p <= 0 or p >= 1:
        return 0.0
    return ((p - c) ** 2 * (1 - p)) / ((1 - c) ** 2 * p)


def prior(sd=1.5):
    """A normal prior on the grid (mean 0): new learners are neither masters nor beginners."""
    weights = [math.exp(-0.5 * (theta / sd) ** 2) for theta in GRID]
    total = sum(weights)
    return [weight / total for weight in weights]


def update(posterior, b, c, correct):
    """The posterior after one answer (Bayes on the grid); a new list, normalised."""
    weights = []
    for theta, weight in zip(GRID, posterior, strict=True):
        p = probability(theta, b, c)
        weights.append(weight * (p if correct else 1 - p))
    total = sum(weights) or 1.0
    return [weight / total for weight in weights]


def estimate(posterior):
    """The posterior mean of θ (EAP)."""
    return sum(theta * weight for theta, weight in zip(GRID, posterior, strict=True))


def mastery(posterior):
    """P(θ ≥ MASTERY_THETA): the probability that the outcome is mastered."""
    return sum(weight for theta, weight in zip(GRID, posterior, strict=True) if theta >= MASTERY_THETA - 1e-9)


def choose(items, posterior, exclude=(), top=3, rng=random, at=None):
    """The next question: among the ``top`` most informative at ``at``, one at random (randomesque).

    ``at`` defaults to the mastery line: the question is whether the student is above it, and items that
    inform most there decide it soonest (classification testing: Spray & Reckase 1994, Eggen 1999).
    ``items``: ``Item``s; ``exclude``: keys answered lately, newest first (when every question was answered
    lately, only the newer half stays out, never the last one asked). Returns an ``Item`` or None if no items.
    """
    if not items:
        return None
    theta = MASTERY_THETA if at is None else at
    exclude = list(exclude)
    left = []
    for count in (len(exclude), len(items) // 2, 1, 0):
        kept = set(exclude[:count])
        left = [item for item in items if item.key not in kept]
        if left:
            break
    best = sorted(left, key=lambda item: -information(theta, item.b, item.c))[: max(1, top)]
    return rng.choice(best)
