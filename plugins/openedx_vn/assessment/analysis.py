"""Item analysis of a test (phân tích câu hỏi): facility and discrimination of each question. Plain code.

- **Facility** (độ khó, p): the mean share of its points a question earned, over the attempts that were
  graded on it: ``mean(earned / possible)``. 1 = everyone earned everything; the bank's difficulty estimate is
  ``1 − facility`` (``qbank.api.record_difficulty``). Partial credit (đúng – sai, essays) counts as its share.
- **Discrimination** (độ phân biệt, D): the upper–lower group index with groups of 27 % (T. L. Kelley, "The
  selection of upper and lower groups for the validation of test items", Journal of Educational Psychology
  30 (1939) 17–24; the index as in R. L. Ebel and D. A. Frisbie, *Essentials of Educational Measurement*,
  1991, ch. 13): sort the attempts by total points, take the top and the bottom 27 % (``round(0.27 n)``, at
  least 1), and ``D = facility in the upper group − facility in the lower group`` (−1…1). It is what
  Vietnamese teacher training teaches and can be checked by hand. Attempts with equal totals keep the order
  they were given in (the caller passes them in a stable order), so the groups are reproducible.

Discrimination is ``None`` for a question answered by fewer than ``MIN_ATTEMPTS`` graded attempts: with three
students in each group one answer moves D by 0,33, and fewer make it noise.
"""

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["GROUP_SHARE", "MIN_ATTEMPTS", "ItemFigures", "analyse", "discrimination", "facility"]

GROUP_SHARE = 0.27
MIN_ATTEMPTS = 10


@dataclass(frozen=True)
class ItemFigures:
    """The figures of one question: ``responses`` graded attempts, ``facility`` 0–1, ``discrimination``
    −1…1 or None (too few attempts)."""

    question_uuid: str
    responses: int
    facility: float
    discrimination: float | None


def _share(earned, possible):
    # An essay graded above its points (never by the API, but stored data may be old) counts as full.
    return min(float(Decimal(earned) / Decimal(possible)), 1.0)


def facility(shares):
    """The mean of ``shares`` (each earned / possible, 0–1); raise ``ValueError`` when there are none."""
    shares = list(shares)
    if not shares:
        raise ValueError("facility of no attempt")
    return sum(shares) / len(shares)


def discrimination(scored, min_attempts=MIN_ATTEMPTS, group_share=GROUP_SHARE):
    """The upper–lower index of one question: ``scored`` is ``[(total points of the attempt, share earned on
    this question)]`` in a stable order. None when there are fewer than ``min_attempts`` attempts."""
    scored = list(scored)
    if len(scored) < min_attempts or not scored:
        return None
    size = max(1, int(group_share * len(scored) + 0.5))  # round half up: 2.7 → 3
    # Stable sort: equal totals stay in the given order; the upper group is the first ``size`` of the
    # best-first order, the lower group the last ``size``.
    ranked = sorted(scored, key=lambda pair: pair[0], reverse=True)
    upper = [share for _total, share in ranked[:size]]
    lower = [share for _total, share in ranked[-size:]]
    return facility(upper) - facility(lower)


def analyse(possible, sittings, min_attempts=MIN_ATTEMPTS, group_share=GROUP_SHARE):
    """``ItemFigures`` of each question of a test, in the order of ``possible``.

    ``possible``: {question uuid: points the question is worth}; ``sittings``: one {question uuid: points
    earned} per graded attempt, in a stable order (e.g. by attempt id). A question missing from a sitting
    (an essay not graded yet) is not counted for that question. A question worth no points, or graded in no
    attempt, has no figures.
    """
    sittings = [{key: Decimal(value) for key, value in earned.items()} for earned in sittings]
    totals = [sum(earned.values(), Decimal(0)) for earned in sittings]
    figures = []
    for question, points in possible.items():
        if not Decimal(points):
            continue
        scored = [
            (total, _share(earned[question], points))
            for total, earned in zip(totals, sittings, strict=True)
            if question in earned
        ]
        if not scored:
            continue
        figures.append(
            ItemFigures(
                question,
                len(scored),
                facility(share for _total, share in scored),
                discrimination(scored, min_attempts, group_share),
            )
        )
    return figures
