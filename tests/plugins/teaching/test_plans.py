"""Teaching plans: defaults from the curriculum, checks naming the field, who may set and read them."""

import pytest

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.teaching import api

pytestmark = pytest.mark.django_db


def test_planned_periods_default_to_the_curriculum_of_the_grade(org):
    plan = api.set_plan(org.classes["A", "6A1"], "toan", user=org.users["leader_a"])
    expected = curriculum_api.get_yearly_periods("TOAN", 6)
    assert (plan.subject_code, plan.planned_periods, plan.level, plan.year) == (
        "TOAN",
        expected,
        "lower_secondary",
        "2025-2026",
    )
    assert plan.program_version == curriculum_api.get_current_version().key


def test_explicit_periods_replace_the_plan_and_forget_the_version(org):
    class_id = org.classes["A", "6A1"]
    api.set_plan(class_id, "TOAN")
    plan = api.set_plan(class_id, "TOAN", planned_periods=150, planned_online_periods=20)
    assert (plan.planned_periods, plan.planned_online_periods, plan.program_version) == (150, 20, "")
    assert [p.planned_periods for p in api.list_plans(org.codes["A"], "2025-2026")] == [150]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"planned_periods": 0}, "planned_periods", "not between 1 and 2000"),
        ({"planned_periods": "abc"}, "planned_periods", "not a whole number"),
        ({"planned_periods": 10, "planned_online_periods": 11}, "planned_online_periods", "more than the 10"),
        ({"year": "2024-2025"}, "year", "belongs to school year 2025-2026"),
        ({"subject_code": "KHONGCO"}, "planned_periods", "no default from the curriculum"),
    ],
)
def test_a_wrong_plan_names_the_field(org, kwargs, field, message):
    arguments = {"subject_code": "TOAN"} | kwargs
    with pytest.raises(api.PlanError) as caught:
        api.set_plan(org.classes["A", "6A1"], **arguments)
    assert field in caught.value.errors and message in caught.value.errors[field]


def test_an_unknown_class_is_named(org):
    with pytest.raises(api.PlanError, match="class_id: No class 999999"):
        api.set_plan(999999, "TOAN")


def test_only_the_leader_sets_the_plan(org):
    class_id = org.classes["A", "6A1"]
    for who in ("teacher_a", "commune_x", "province"):
        with pytest.raises(api.ActionError):
            api.set_plan(class_id, "TOAN", user=org.users[who])
    with pytest.raises(api.ScopeError):
        api.set_plan(class_id, "TOAN", user=org.users["leader_b"])
    assert api.set_plan(class_id, "TOAN", user=org.users["operator"]).planned_periods > 0


def test_a_teacher_reads_only_their_own_plans(org):
    api.set_plan(org.classes["A", "6A1"], "TOAN")
    api.set_plan(org.classes["A", "6A1"], "NGUVAN")
    api.set_plan(org.classes["A", "6A2"], "TOAN")
    mine = api.list_plans(org.codes["A"], user=org.users["teacher_a"])
    assert {(p.class_name, p.subject_code) for p in mine} == {("6A1", "TOAN"), ("6A2", "TOAN")}
    every = api.list_plans(org.codes["A"], user=org.users["commune_x"])
    assert [(p.class_name, p.subject_code) for p in every] == [
        ("6A1", "NGUVAN"),
        ("6A1", "TOAN"),
        ("6A2", "TOAN"),
    ]
    with pytest.raises(api.ScopeError):
        api.list_plans(org.codes["A"], user=org.users["commune_y"])


def test_deleting_a_plan_leaves_the_sessions_without_one(org):
    class_id = org.classes["A", "6A1"]
    api.set_plan(class_id, "TOAN", planned_periods=100)
    assert api.delete_plan(class_id, "TOAN", user=org.users["leader_a"])
    assert not api.delete_plan(class_id, "TOAN")
    assert api.list_plans(org.codes["A"]) == []
