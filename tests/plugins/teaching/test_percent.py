"""Percentages are formatted with integers (and cached) but give exactly what Decimal's division and
``quantize`` gave: the same text for every share, gap and projection, ties rounded half to even, negative
gaps and negative zero included."""

import random
from decimal import Decimal
from fractions import Fraction

from openedx_vn.teaching.rest.present import percent
from openedx_vn.teaching.share import ShareFigure, ShareStatus, percent_text


def decimal_percent(value):
    """The formatting before: Decimal division, then quantize to one decimal."""
    return (Decimal(value.numerator * 100) / value.denominator).quantize(Decimal("0.1"))


def fractions():
    rnd = random.Random(16)  # noqa: S311 - reproducible cases
    yield from (Fraction(0), Fraction(1), Fraction(-1, 10_000), Fraction(1, 2000), Fraction(3, 2000))
    yield from (Fraction(1, 8), Fraction(-3, 8), Fraction(5, 16), Fraction(2, 3), Fraction(-2, 3))
    for _ in range(20_000):
        denominator = rnd.choice([rnd.randint(1, 40), rnd.randint(1, 5000), rnd.randint(1, 10**7)])
        yield Fraction(rnd.randint(-2 * denominator, 3 * denominator), denominator)
    for planned in range(1, 400):  # every share a class × subject can have, ties among them
        for online in range(0, planned + 1, max(1, planned // 37)):
            yield Fraction(online, planned)


def test_integer_percentages_equal_the_decimal_ones():
    differ = [value for value in fractions() if percent_text(value) != str(decimal_percent(value))]
    assert differ == []
    assert percent_text(Fraction(1, 2000)) == "0.0" and percent_text(Fraction(3, 2000)) == "0.2"  # half-even
    assert percent_text(Fraction(-1, 10_000)) == "-0.0"
    assert percent(None) is None and percent(Fraction(1, 3)) == "33.3"


def test_a_figure_gives_its_percent_as_the_same_decimal():
    for value in (Fraction(2, 3), Fraction(1, 8), Fraction(0), Fraction(7, 5)):
        shown = ShareFigure(3, 2, value, None, ShareStatus.ON_TRACK).percent()
        assert shown == decimal_percent(value) and str(shown) == str(decimal_percent(value))
