import pytest

from openedx_vn.curriculum import api
from openedx_vn.curriculum.data import Level


def test_levels_cover_grades_1_to_12_once():
    levels = api.get_levels()
    assert [level.code for level in levels] == ["TH", "THCS", "THPT"]
    grades = [grade for level in levels for grade in level.grades]
    assert grades == list(range(1, 13))


def test_period_length_follows_tt_32_2018():
    assert api.get_level("TH").period_minutes == 35
    assert api.get_level("THCS").period_minutes == 45
    assert api.get_level_for_grade(10) == Level(
        "THPT", "Trung học phổ thông", "Upper secondary", (10, 11, 12), 45
    )


@pytest.mark.parametrize("grade", [0, 13, "6"])
def test_grade_outside_general_education_is_refused(grade):
    with pytest.raises(api.CurriculumError, match="not a grade"):
        api.get_level_for_grade(grade)


def test_unknown_level_code_is_refused():
    with pytest.raises(api.CurriculumError, match="'MN'"):
        api.get_level("MN")
