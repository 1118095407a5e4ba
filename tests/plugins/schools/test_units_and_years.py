"""Administrative units from the `vietnam-provinces` package, levels and roll-up, school years and weeks."""

from collections import Counter
from datetime import date

import pytest

from openedx_vn.schools import api
from openedx_vn.schools.levels import parse_levels, reports_to

QUANG_NINH = "22"


@pytest.mark.django_db
def test_quang_ninh_has_54_commune_level_units():
    """NQ 1679/NQ-UBTVQH15 (16/6/2025): 30 phường, 22 xã, 2 đặc khu (Vân Đồn, Cô Tô)."""
    result = api.load_units([QUANG_NINH])
    assert (result.provinces, result.communes, result.districts, result.created) == (1, 54, 0, 55)
    communes = api.list_units("commune", QUANG_NINH)
    assert Counter(unit.kind for unit in communes) == {"phường": 30, "xã": 22, "đặc khu": 2}
    assert {u.name for u in communes if u.kind == "đặc khu"} == {"Đặc khu Vân Đồn", "Đặc khu Cô Tô"}
    assert {u.code: u.name for u in communes}["06688"] == "Phường Hạ Long"
    assert all(len(u.code) == 5 and u.parent_code == QUANG_NINH for u in communes)
    [province] = api.list_units("province")
    assert (province.code, province.parent_code) == ("22", None)


@pytest.mark.django_db
def test_loading_again_keeps_codes_and_updates_names():
    api.load_units([QUANG_NINH])
    assert api.load_units([QUANG_NINH]).created == api.load_units([QUANG_NINH]).updated == 0
    from openedx_vn.schools.models import Unit  # noqa: PLC0415 - to simulate an old name in the table

    Unit.objects.filter(code="06688").update(name="Phường cũ")
    result = api.load_units([QUANG_NINH])
    assert (result.created, result.updated) == (0, 1)
    assert {u.code: u.name for u in api.list_units("commune")}["06688"] == "Phường Hạ Long"


@pytest.mark.django_db
def test_pre_2025_districts_are_kept_only_on_request():
    result = api.load_units([QUANG_NINH], legacy_districts=True)
    districts = {u.name: u for u in api.list_units("district", QUANG_NINH)}
    assert result.districts == len(districts) == 13  # Quảng Ninh before 01/7/2025: 13 district-level units
    assert districts["Thành phố Hạ Long"].code == "193"
    assert districts["Huyện Cô Tô"].kind == "huyện"


@pytest.mark.django_db
def test_an_unknown_province_stores_nothing():
    with pytest.raises(api.UnknownProvince, match="99"):
        api.load_units([QUANG_NINH, "99"])
    assert api.list_units() == []


@pytest.mark.parametrize(
    ("text", "levels", "unknown", "reports"),
    [
        ("THCS", ("lower_secondary",), [], "commune"),
        ("TH, THCS", ("primary", "lower_secondary"), [], "commune"),
        ("MN; TH", ("preschool", "primary"), [], "commune"),
        ("THCS, THPT", ("lower_secondary", "upper_secondary"), [], "province"),  # topped at THPT
        ("gdtx", ("continuing",), [], "province"),
        ("THPT, đại học", ("upper_secondary",), ["đại học"], "province"),
    ],
)
def test_levels_and_who_a_school_reports_to(text, levels, unknown, reports):
    assert parse_levels(text) == (levels, unknown)
    assert reports_to(levels) == reports


@pytest.mark.django_db
def test_weeks_and_semesters_of_2025_2026(year):
    assert api.week_of(date(2025, 9, 5)) == 1  # Friday: week 1 is its Monday-to-Sunday week
    assert api.week_of(date(2025, 9, 8)) == 2
    assert api.week_of(date(2026, 5, 31)) == 39  # calendar weeks: Tết is not taken out
    assert api.week_of(date(2025, 9, 4), "2025-2026") is None
    assert api.semester_of(date(2026, 1, 18)) == 1
    assert api.semester_of(date(2026, 1, 19)) == 2
    assert api.semester_of(date(2026, 6, 1), "2025-2026") is None
    with pytest.raises(api.SchoolsError, match="Chưa có năm học|No school year"):
        api.week_of(date(2024, 10, 1))


@pytest.mark.django_db
def test_a_school_year_is_checked_and_can_be_corrected(year):
    with pytest.raises(api.InvalidSchoolYear) as caught:
        api.set_school_year("2025-2027", date(2025, 9, 5), date(2026, 5, 31), 35, date(2026, 1, 19))
    assert set(caught.value.errors) == {"name"}
    with pytest.raises(api.InvalidSchoolYear) as caught:
        api.set_school_year("2026-2027", date(2026, 9, 5), date(2026, 12, 31), 35, date(2027, 1, 19))
    assert set(caught.value.errors) == {"starts_on", "semester2_starts_on", "weeks"}
    fixed = api.set_school_year("2025-2026", date(2025, 9, 5), date(2026, 5, 31), 35, date(2026, 1, 12))
    assert fixed.semester2_starts_on == date(2026, 1, 12)
    assert [y.name for y in api.list_school_years()] == ["2025-2026"]
