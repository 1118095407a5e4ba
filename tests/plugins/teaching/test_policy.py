"""The policy is data per school year: each year keeps its own copy, edited by province officers and
operators, validated with the wrong field named."""

from datetime import date

import pytest

from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api
from openedx_vn.teaching.policy import default_policy

pytestmark = pytest.mark.django_db


def test_a_year_starts_from_the_shipped_default(org):
    info = api.get_policy("2025-2026")
    assert info.is_default and not info.stale
    assert info.policy == default_policy().as_dict()
    assert info.policy["targets"]["primary"] == {"min_share": "0.05", "strict": False}
    assert api.get_policy().year == "2025-2026"  # the current year by default


def test_each_year_keeps_its_own_policy(org):
    schools_api.set_school_year("2026-2027", date(2026, 9, 5), date(2027, 5, 31), 35, date(2027, 1, 18))
    policy = api.get_policy("2026-2027").policy
    policy["targets"]["primary"] = {"min_share": "0.08", "strict": False}
    policy["caps"] = {"upper_secondary": "0.3"}
    saved = api.set_policy(org.users["province"], "2026-2027", policy)
    assert not saved.is_default and saved.policy["caps"] == {"upper_secondary": "0.3"}
    assert api.get_policy("2026-2027").policy["targets"]["primary"]["min_share"] == "0.08"
    assert api.get_policy("2025-2026").policy["targets"]["primary"]["min_share"] == "0.05"


def test_only_province_officers_and_operators_edit_it(org):
    policy = default_policy().as_dict()
    for who in ("teacher_a", "leader_a", "commune_x", "student"):
        with pytest.raises(api.ActionError):
            api.set_policy(org.users[who], "2025-2026", policy)
    for who in ("province", "operator", "staff"):
        assert not api.set_policy(org.users[who], "2025-2026", policy).is_default


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda p: p["targets"].update(primary={"min_share": "5"}), "targets.primary.min_share"),
        (lambda p: p["targets"].update(college={"min_share": "0.1"}), "targets.college"),
        (lambda p: p.update(caps={"primary": "0.01"}), "caps.primary"),
        (lambda p: p["counting"].update(min_attendance_share="nhiều"), "counting.min_attendance_share"),
        (lambda p: p.update(targets=["primary"]), "targets"),
    ],
)
def test_a_wrong_policy_names_the_field_and_changes_nothing(org, change, field):
    policy = default_policy().as_dict()
    change(policy)
    with pytest.raises(api.PolicyError) as caught:
        api.set_policy(org.users["province"], "2025-2026", policy)
    assert caught.value.field == field and str(caught.value).startswith(field)
    assert api.get_policy("2025-2026").is_default


def test_an_unknown_year_is_named(org):
    with pytest.raises(api.UnknownYear, match="2030-2031"):
        api.get_policy("2030-2031")
