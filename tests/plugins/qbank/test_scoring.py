"""Scoring by the Vietnamese rules."""

from decimal import Decimal

import pytest

from openedx_vn.qbank import api


@pytest.mark.parametrize(("right", "earned"), [(0, 0.0), (1, 0.1), (2, 0.25), (3, 0.5), (4, 1.0)])
def test_true_false_cluster_follows_the_2025_exam_table(right, earned):
    key = [True, False, True, False]
    answers = key[:right] + [not value for value in key[right:]]
    assert api.score_true_false_cluster(answers, key).earned == earned


def test_true_false_cluster_unanswered_and_scaled():
    assert api.score_true_false_cluster([True, None, None, None], [True, False, True, False]).earned == 0.1
    assert (
        api.score_true_false_cluster([True, False, True, False], [True, False, True, False], 2).earned == 2.0
    )
    assert api.score_true_false_cluster([True, True], [True, False]).earned == 0.5  # 2 statements: share


@pytest.mark.parametrize(
    ("text", "value"), [("-1,5", "-1.5"), ("1.5", "1.5"), ("0,25", "0.25"), (",5", "0.5")]
)
def test_numbers_with_a_decimal_comma(text, value):
    assert api.parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1,2,3", "abc", "", "1e5", "--1"])
def test_unreadable_numbers_are_refused(text):
    with pytest.raises(ValueError, match="is not a number"):
        api.parse_number(text)


def test_short_answer_by_value_and_by_text():
    key = {"kind": "numeric", "value": "-1.5", "tolerance": "0"}
    assert api.score_short_answer("-1,50", key, 0.5).earned == 0.5
    assert api.score_short_answer("-1,4", key, 0.5).earned == 0.0
    assert api.score_short_answer("một phẩy năm", key, 0.5).earned == 0.0
    assert api.score_short_answer("3,14", {"kind": "numeric", "value": 3.1416, "tolerance": 0.01}).earned == 1
    text_key = {"kind": "text", "answers": ["Hà Nội"]}
    assert api.score_short_answer("  hà   nội ", text_key).earned == 1.0
    assert api.score_short_answer("Hải Phòng", text_key).earned == 0.0
