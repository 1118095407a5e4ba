"""Compiled read queries (core.queries): the rows the ORM gives, for every kind of value; SQL built once."""

import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openedx_vn.assessment.models import Blueprint
from openedx_vn.core.queries import LONGEST_LIST, Compiled
from openedx_vn.schools.models import SchoolYear
from openedx_vn.teaching.models import PolicyVersion

pytestmark = pytest.mark.django_db

VALUES = ("name", "starts_on", "ends_on", "weeks", "semester2_starts_on")


@pytest.fixture
def years():
    for first in (2023, 2024, 2025):
        SchoolYear.objects.create(
            name=f"{first}-{first + 1}",
            starts_on=date(first, 9, 5),
            ends_on=date(first + 1, 5, 31),
            weeks=35,
            semester2_starts_on=date(first + 1, 1, 13),
        )


def orm(**filters):
    return list(SchoolYear.objects.filter(**filters).order_by("name").values_list(*VALUES))


def test_text_date_and_number_values_give_the_orm_rows(years):
    by_name = Compiled(lambda name: SchoolYear.objects.filter(name=name).values_list(*VALUES))
    on_day = Compiled(
        lambda day, weeks: (
            SchoolYear.objects.filter(starts_on__lte=day, weeks=weeks).order_by("name").values_list(*VALUES)
        )
    )
    for name in ("2023-2024", "2025-2026", "1999-2000", "x' OR '1'='1"):
        assert by_name(name=name) == orm(name=name)
    for day in (date(2024, 1, 1), date(2025, 9, 5), date(2020, 1, 1)):
        assert on_day(day=day, weeks=35) == orm(starts_on__lte=day, weeks=35)
        assert on_day(day=day, weeks=34) == []
    assert isinstance(by_name(name="2024-2025")[0][1], date)  # converters ran as the ORM's do


def test_lists_are_built_once_per_length_and_empty_lists_match_nothing(years):
    named = Compiled(
        lambda names: (
            SchoolYear.objects.filter(name__in=names).order_by("name").values_list("name", flat=True)
        )
    )
    assert named(names=["2023-2024"]) == [("2023-2024",)]
    assert named(names=("2025-2026", "2023-2024")) == [("2023-2024",), ("2025-2026",)]
    assert named(names={"2024-2025", "2025-2026"}) == [("2024-2025",), ("2025-2026",)]
    assert named(names=["2024-2025", "nope"]) == [("2024-2025",)]
    with CaptureQueriesContext(connection) as queries:
        assert named(names=[]) == []
    assert not queries.captured_queries  # as the ORM: an empty IN asks nothing
    assert len(named._plans) == 3  # lengths 1, 2 and 0


def test_constants_none_and_flags_keep_their_meaning(years):
    PolicyVersion.objects.create(year="2025-2026", province_code="", commune_code="", data={}, stale=True)
    PolicyVersion.objects.create(year="2025-2026", province_code="22", commune_code="", data={"a": 1})
    stale = Compiled(
        lambda year, flag: (
            PolicyVersion.objects.filter(year=year, stale=flag, commune_code="")
            .order_by("province_code")
            .values_list("province_code", "data", "stale")
        )
    )
    assert stale(year="2025-2026", flag=True) == [("", {}, True)]
    assert stale(year="2025-2026", flag=False) == [("22", {"a": 1}, False)]  # JSON and booleans converted
    updated_by = Compiled(
        lambda user: PolicyVersion.objects.filter(updated_by_user_id=user).values_list("province_code")
    )
    assert sorted(updated_by(user=None)) == [("",), ("22",)]  # None: IS NULL, built for itself
    assert updated_by(user=7) == []


def test_values_it_cannot_keep_are_refused(years):
    unused = Compiled(lambda name, other: SchoolYear.objects.filter(name=name).values_list("name"))
    with pytest.raises(ValueError, match="other"):
        unused(name="2025-2026", other="x")
    with pytest.raises(TypeError):
        Compiled(lambda names: SchoolYear.objects.filter(name__in=names).values_list("name"))(names=[None])
    with pytest.raises(TypeError):
        Compiled(lambda weeks: SchoolYear.objects.filter(weeks=weeks).values_list("name"))(weeks=3.5)


def test_the_sql_is_built_once(years):
    built = []
    query = Compiled(
        lambda name: built.append(name) or SchoolYear.objects.filter(name=name).values_list("name")
    )
    for name in ("2023-2024", "2024-2025", "2025-2026"):
        assert query(name=name) == [(name,)]
    assert len(built) == 2  # at the first call, with two sets of stand-ins, never again


def test_long_lists_are_left_to_the_orm(years):
    named = Compiled(
        lambda names: SchoolYear.objects.filter(name__in=names).order_by("name").values_list("name", "weeks")
    )
    names = [f"{n}-{n + 1}" for n in range(1900, 1900 + LONGEST_LIST + 5)] + ["2024-2025"]
    assert named(names=names) == [("2024-2025", 35)]
    assert not named._plans  # no plan kept for that length


def test_uuids_and_small_integer_columns():
    first = Blueprint.objects.create(title="Toán 10", owner_id=7, grade=10)
    Blueprint.objects.create(title="Toán 11", owner_id=7, grade=11)
    by_uuid = Compiled(
        lambda key, grade: Blueprint.objects.filter(uuid=key, grade=grade).values_list(
            "uuid", "title", "grade"
        ),
    )
    assert by_uuid(key=first.uuid, grade=10) == [(first.uuid, "Toán 10", 10)]  # a UUID back, as the ORM gives
    assert by_uuid(key=first.uuid, grade=11) == []
    assert by_uuid(key=uuid.uuid4(), grade=10) == []
