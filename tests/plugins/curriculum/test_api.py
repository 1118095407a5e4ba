import pytest

from openedx_vn.curriculum import api
from openedx_vn.curriculum.data import Level

pytestmark = pytest.mark.django_db


def test_levels_cover_grades_1_to_12_once(program):
    levels = api.get_levels()
    assert [level.code for level in levels] == ["TH", "THCS", "THPT"]
    assert [grade for level in levels for grade in level.grades] == list(range(1, 13))


def test_period_length_follows_tt_32_2018(program):
    assert api.get_level("TH").period_minutes == 35
    assert api.get_level("THCS").period_minutes == 45
    assert api.get_level_for_grade(10) == Level(
        "THPT", "Trung học phổ thông", "Upper secondary", (10, 11, 12), 45
    )


@pytest.mark.parametrize("grade", [0, 13, "6"])
def test_grade_outside_general_education_is_refused(program, grade):
    with pytest.raises(api.CurriculumError, match="không thuộc giáo dục phổ thông"):
        api.get_level_for_grade(grade)


def test_unknown_codes_are_refused(program):
    with pytest.raises(api.CurriculumError, match="'MN'"):
        api.get_level("MN")
    with pytest.raises(api.CurriculumError, match="môn LICHSU không được dạy ở lớp 6"):
        api.get_yearly_periods("LICHSU", 6)


def test_subjects_of_a_grade_add_up_to_the_program_total(program):
    counted = ("compulsory", "activity", "local_content", "special_topics")
    assert sum(o.periods_per_year for o in api.get_subjects(grade=6) if o.kind in counted) == 1015
    assert {o.code for o in api.get_subjects(level="THPT") if o.kind == "elective"} >= {"VATLI", "TINHOC"}
    assert api.get_offering("TOAN", 6).periods_per_year == 140


def test_nothing_loaded_is_a_clear_error(db):
    with pytest.raises(api.CurriculumError, match="load_curriculum"):
        api.get_levels()
