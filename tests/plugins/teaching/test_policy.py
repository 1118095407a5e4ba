"""The policy is data per school year and scope (deployment default, province, commune override): validated
with the wrong field named, changed only by that scope's officers, every change kept (who, when, before,
after) and audited; the share of each school is judged against the policy of its place."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from openedx_vn.audit import api as audit_api
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api
from openedx_vn.teaching.policy import default_policy

from .conftest import HA_LONG, HA_TU, QN, make_user

pytestmark = pytest.mark.django_db
HANOI = "01"


@pytest.fixture
def other_province(org):
    """Hà Nội and an officer of it."""
    schools_api.load_units([HANOI])
    officer = make_user("so_hanoi")
    schools_api.grant_role(officer.id, "province_officer", HANOI)
    return officer


def _with(primary=None, lower=None, upper=None):
    policy = default_policy().as_dict()
    for level, value in (("primary", primary), ("lower_secondary", lower), ("upper_secondary", upper)):
        if value is not None:
            policy["targets"][level] = {"min_share": value, "strict": False}
    return policy


def test_a_year_starts_from_the_shipped_default(org):
    info = api.get_policy("2025-2026")
    assert info.is_default and not info.stale and info.scope == "default"
    assert info.policy == default_policy().as_dict()
    assert info.policy["targets"]["primary"] == {"min_share": "0.05", "strict": False}
    assert info.policy["targets"]["preschool"] is None  # every level named: what comes out can be sent back
    assert api.get_policy().year == "2025-2026"  # the current year by default


def test_each_year_and_scope_keeps_its_own_policy(org):
    schools_api.set_school_year("2026-2027", date(2026, 9, 5), date(2027, 5, 31), 35, date(2027, 1, 18))
    policy = api.get_policy("2026-2027").policy
    policy["targets"]["primary"] = {"min_share": "0.08", "strict": False}
    policy["caps"] = {"upper_secondary": "0.3"}
    saved = api.set_policy(org.users["province"], "2026-2027", policy)  # an officer of one province: theirs
    assert saved.scope == "province" and saved.province_code == QN and not saved.inherited_from
    assert saved.policy["caps"] == {"upper_secondary": "0.3"}
    assert api.get_policy("2026-2027", QN).policy["targets"]["primary"]["min_share"] == "0.08"
    assert api.get_policy("2026-2027").policy["targets"]["primary"]["min_share"] == "0.05"  # the default
    assert api.get_policy("2025-2026", QN).policy["targets"]["primary"]["min_share"] == "0.05"
    commune = api.get_policy("2026-2027", commune_code=HA_LONG)
    assert (
        commune.inherited_from == "province" and commune.policy["targets"]["primary"]["min_share"] == "0.08"
    )


def test_only_that_scopes_officers_change_it(org, other_province):
    policy = default_policy().as_dict()
    for who in ("teacher_a", "leader_a", "commune_x", "student"):
        with pytest.raises(api.ActionError):
            api.set_policy(org.users[who], "2025-2026", policy, province_code=QN)
    # The deployment default is the operators': an officer naming no scope changes their own province.
    assert api.set_policy(org.users["province"], "2025-2026", _with(primary="0.2")).province_code == QN
    assert api.get_policy("2025-2026").policy["targets"]["primary"]["min_share"] == "0.05"
    assert api.set_policy(other_province, "2025-2026", policy).province_code == HANOI
    api.set_policy(org.users["operator"], "2025-2026", policy, province_code=QN)
    with pytest.raises(api.ActionError):  # an officer of another province: not Quảng Ninh, nor its communes
        api.set_policy(other_province, "2025-2026", policy, province_code=QN)
    with pytest.raises(api.ActionError):
        api.set_policy(other_province, "2025-2026", policy, commune_code=HA_LONG)
    assert api.get_policy("2025-2026", QN).policy == policy
    for who in ("province", "operator", "staff"):
        assert api.set_policy(org.users[who], "2025-2026", policy, province_code=QN).scope == "province"
    assert api.set_policy(org.users["province"], "2025-2026", policy, commune_code=HA_LONG).scope == "commune"
    assert api.set_policy(org.users["operator"], "2025-2026", policy).scope == "default"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda p: p["targets"].update(primary={"min_share": "5"}), "targets.primary.min_share"),
        (lambda p: p["targets"].update(primary={"min_share": "0"}), "targets.primary.min_share"),
        (lambda p: p["targets"].update(primary=None), "targets.primary"),
        (lambda p: p["targets"].pop("upper_secondary"), "targets.upper_secondary"),
        (lambda p: p["targets"].update(college={"min_share": "0.1"}), "targets.college"),
        (lambda p: p.update(caps={"primary": "0.01"}), "caps.primary"),
        (lambda p: p["counting"].update(min_attendance_share="nhiều"), "counting.min_attendance_share"),
        (lambda p: p.update(targets=["primary"]), "targets"),
        (lambda p: p.clear(), "targets"),
    ],
)
def test_a_wrong_policy_names_the_field_and_changes_nothing(org, change, field):
    policy = default_policy().as_dict()
    change(policy)
    with pytest.raises(api.PolicyError) as caught:
        api.set_policy(org.users["province"], "2025-2026", policy)
    assert caught.value.field == field and str(caught.value).startswith(field)
    assert api.get_policy("2025-2026", QN).inherited_from == "default"
    assert not audit_api.list_entries(org.users["operator"], action="policy.changed")


def test_every_change_is_kept_and_audited(org):
    api.set_policy(org.users["province"], "2025-2026", _with(primary="0.06"))
    saved = api.set_policy(org.users["province"], "2025-2026", _with(primary="0.07"))
    assert [c.after["targets"]["primary"]["min_share"] for c in saved.changes] == ["0.07", "0.06"]
    assert [c.before["targets"]["primary"]["min_share"] for c in saved.changes] == ["0.06", "0.05"]
    assert {c.username for c in saved.changes} == {"tinh_qn"}
    entries = audit_api.list_entries(org.users["province"], action="policy.changed")
    assert len(entries) == 2 and entries[0].province_code == QN and entries[0].actor_username == "tinh_qn"
    assert entries[0].before["targets"]["primary"]["min_share"] == "0.06"
    # A commune officer of the province does not see the province's own changes; the operator does.
    assert not audit_api.list_entries(org.users["commune_x"], action="policy.changed")
    assert len(audit_api.list_entries(org.users["operator"], action="policy.changed")) == 2


def _target(summary, level):
    return next(s.target for s in summary.levels if s.level == level).min_share


def test_each_school_follows_its_commune_then_its_province_then_the_default(org):
    operator = org.users["operator"]
    A, B, T = org.codes["A"], org.codes["B"], org.codes["T"]  # THCS Hạ Long, TH+THCS Hà Tu, THPT Hạ Long
    api.set_plan(org.classes["A", "6A1"], "TOAN", planned_periods=140)
    api.set_plan(org.classes["B", "6B1"], "TOAN", planned_periods=140)
    assert _target(api.school_summary(operator, A, "2025-2026"), "lower_secondary") == Decimal("0.10")
    api.set_policy(operator, "2025-2026", _with(lower="0.20", upper="0.25"), province_code=QN)
    api.set_policy(operator, "2025-2026", _with(lower="0.30", upper="0.35"), commune_code=HA_LONG)
    assert _target(api.school_summary(operator, A, "2025-2026"), "lower_secondary") == Decimal("0.30")
    assert _target(api.school_summary(operator, B, "2025-2026"), "lower_secondary") == Decimal("0.20")
    # The THPT in Hạ Long reports to the province: the commune's override is not for it.
    assert _target(api.school_summary(operator, T, "2025-2026"), "upper_secondary") == Decimal("0.25")
    rows = {r.school_code: r for r in api.schools_summary(operator, QN, year="2025-2026")}
    assert next(s for s in rows[A].levels if s.level == "lower_secondary").target.min_share == Decimal("0.30")
    assert _target(api.unit_summary(operator, HA_LONG, "2025-2026"), "lower_secondary") == Decimal("0.30")
    assert _target(api.unit_summary(operator, HA_TU, "2025-2026"), "lower_secondary") == Decimal("0.20")
    assert _target(api.unit_summary(operator, QN, "2025-2026"), "lower_secondary") == Decimal("0.20")
    grid = api.class_subject_grid(org.users["teacher_a"], A, "2025-2026")
    assert {c.target.min_share for row in grid.rows for c in row.cells} == {Decimal("0.30")}


def test_an_unknown_year_is_named(org):
    with pytest.raises(api.UnknownYear, match="2030-2031"):
        api.get_policy("2030-2031")


# ------------------------------------------------------------------------------------------------ REST
def _put(client, body, **query):
    url = reverse("vn_teaching:policy", args=["2025-2026"])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.put(url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="vi")


def test_an_empty_put_is_a_vietnamese_400_and_changes_nothing(client, org):
    client.force_login(org.users["province"])
    with translation.override("vi"):
        response = _put(client, {})
    assert response.status_code == 400
    assert "targets" in response.json() and "mức" in response.json()["targets"][0], response.content
    assert api.get_policy("2025-2026", QN).inherited_from == "default"


def test_rest_scopes_and_history(client, org, other_province):
    client.force_login(other_province)
    assert _put(client, _with(primary="0.5"), province=QN).status_code == 403
    assert _put(client, _with(primary="0.5"), commune=HA_LONG).status_code == 403
    assert _put(client, _with(primary="0.5"), province="x" * 30).status_code == 400
    client.force_login(org.users["province"])
    assert _put(client, _with(primary="0.5"), commune=HA_LONG).status_code == 200
    got = client.get(reverse("vn_teaching:policy", args=["2025-2026"]), {"commune": HA_LONG}).json()
    assert got["scope"] == "commune" and got["policy"]["targets"]["primary"]["min_share"] == "0.5"
    assert got["changes"][0]["username"] == "tinh_qn" and len(got["changes"][0]["at_display"]) == 16
    assert (
        client.get(reverse("vn_teaching:policy", args=["2025-2026"]), {"commune": "99999"}).status_code == 400
    )


def test_the_policy_page_shows_the_scope_form_and_history(client, org):
    client.force_login(org.users["province"])
    url = reverse("vn_teaching:policy-page")
    posted = {f"{lv}-percent": v for lv, v in (("primary", "6,5"), ("lower_secondary", "12"))}
    posted |= {"upper_secondary-percent": "10", "continuing-percent": "10", "lower_secondary-strict": "on"}
    response = client.post(url, posted)
    assert response.status_code == 302
    assert api.get_policy("2025-2026", QN).policy["targets"]["primary"]["min_share"] == "0.065"
    page = client.get(url).content.decode()
    assert 'id="policy-history"' in page and "tinh_qn" in page and "6,5%" in page
    bad = client.post(url, posted | {"primary-percent": "0"})
    assert bad.status_code == 400 and "targets.primary.min_share" in bad.content.decode()
    client.force_login(org.users["commune_x"])
    page = client.get(url, {"commune": HA_LONG}).content.decode()
    assert "Save" not in page and "disabled" in page  # a commune officer reads, does not change
    assert client.post(url, posted | {"commune": HA_LONG}).status_code == 403
    client.force_login(org.users["student"])
    assert client.get(url).status_code == 403
