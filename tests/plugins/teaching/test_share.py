"""The share arithmetic and the policy defaults (no database)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from openedx_vn.teaching.policy import PolicyError, default_policy, parse_policy
from openedx_vn.teaching.share import ShareStatus, Target, combine, share_figure

FIVE = Target(Decimal("0.05"))  # primary: at least 5%
TEN = Target(Decimal("0.10"), strict=True)  # secondary: more than 10%


@pytest.mark.parametrize(
    ("planned", "online", "elapsed", "status"),
    [
        (140, 7, 10, ShareStatus.MET),  # exactly 5%: "at least" is met
        (140, 3, 10, ShareStatus.ON_TRACK),  # 3 in 10 weeks → 10.5 in 35 weeks = 7.5%
        (140, 2, 10, ShareStatus.ON_TRACK),  # → 7 in 35 weeks = 5%: met exactly at year end
        (140, 2, 12, ShareStatus.AT_RISK),  # → 5.8 in 35 weeks = 4.2%: short, within 80% of the target
        (140, 1, 10, ShareStatus.BEHIND),  # → 3.5 = 2.5%, under 80% of the target
        (140, 6, 35, ShareStatus.BEHIND),  # the year is over: 4.3% is short
        (140, 0, 0, ShareStatus.ON_TRACK),  # no week done yet: no pace to judge
        (0, 3, 10, ShareStatus.NO_PLAN),
    ],
)
def test_status_of_a_primary_class(planned, online, elapsed, status):
    assert share_figure(planned, online, FIVE, elapsed, 35).status == status


def test_at_risk_needs_the_margin():
    # 140 periods, 5 weeks: 1 period → projected 7/140 = 5%, reached (on track); with "> 5%" it is at risk.
    assert share_figure(140, 1, FIVE, 5, 35).status == ShareStatus.ON_TRACK
    strict = Target(Decimal("0.05"), strict=True)
    assert share_figure(140, 1, strict, 5, 35).status == ShareStatus.AT_RISK


def test_more_than_ten_percent_is_strict():
    figure = share_figure(140, 14, TEN, 35, 35)
    assert figure.share == Fraction(1, 10) and figure.status == ShareStatus.BEHIND
    assert share_figure(140, 15, TEN, 35, 35).status == ShareStatus.MET


def test_figures_are_exact_and_shown_with_one_decimal():
    figure = share_figure(140, 3, FIVE, 10, 35)
    assert figure.share == Fraction(3, 140)
    assert figure.projected == Fraction(105, 1400)
    assert (figure.percent(), figure.percent(figure.projected)) == (Decimal("2.1"), Decimal("7.5"))


def test_roll_up_weights_by_periods_and_caps_each_cell():
    cells = [(140, 14, True), (105, 200, True)]  # a subject over-delivered counts only its 105 periods
    figure = combine(cells, TEN, 35, 35)
    assert (figure.planned, figure.online) == (245, 119)
    assert figure.complete


def test_a_cell_without_a_plan_makes_the_roll_up_provisional():
    figure = combine([(140, 14, True), (0, 3, True)], TEN, 10, 35)
    assert not figure.complete
    assert not combine([(140, 14, False)], TEN, 10, 35).complete


def test_default_policy_cites_its_source_and_sets_the_department_targets():
    policy = default_policy()
    assert policy.target("primary") == Target(Decimal("0.05"), strict=False)
    assert policy.target("lower_secondary") == Target(Decimal("0.10"), strict=True)
    assert policy.target("preschool") is None and policy.caps == {}
    assert "Quảng Ninh" in policy.source
    assert parse_policy(policy.as_dict()) == policy


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"targets": {"primary": {"min_share": "5"}}}, "targets.primary.min_share: 5 is not a share"),
        ({"targets": {"primary": {"strict": True}}}, "targets.primary: give min_share"),
        ({"targets": {"college": {"min_share": "0.1"}}}, "unknown school level 'college'"),
        ({"caps": {"primary": "abc"}}, "caps.primary: 'abc' is not a number"),
        (
            {"targets": {"primary": {"min_share": "0.1"}}, "caps": {"primary": "0.05"}},
            "caps.primary: the cap 0.05 is below the target 0.1",
        ),
        ({"counting": {"at_risk_margin": "-1"}}, "counting.at_risk_margin"),
        ([], "must be a mapping"),
    ],
)
def test_a_malformed_policy_names_the_field(data, message):
    with pytest.raises(PolicyError, match=message.replace(".", r"\.").replace("(", r"\(")):
        parse_policy(data)
