"""Vietnamese order (in Python and in the database) and the one way numbers, dates and times are written."""

import random
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import translation

from openedx_vn.core.vietnamese import (
    local_date,
    local_datetime,
    number,
    subject_label,
    vi_key,
    vi_order,
)

# The subjects of the 2018 program in the order a Vietnamese list gives them.
SUBJECTS = [
    "Âm nhạc",
    "Công nghệ",
    "Đạo đức",
    "Địa lí",
    "Giáo dục công dân",
    "Giáo dục thể chất",
    "Hoạt động trải nghiệm",
    "Lịch sử",
    "Mĩ thuật",
    "Ngoại ngữ 1",
    "Ngữ văn",
    "Tin học",
    "Toán",
    "Tự nhiên và Xã hội",
    "Vật lí",
]


def test_subjects_sort_in_vietnamese_order_not_byte_order():
    shuffled = random.Random(7).sample(SUBJECTS, len(SUBJECTS))  # noqa: S311 - a fixed shuffle
    assert sorted(shuffled, key=vi_key) == SUBJECTS
    assert sorted(shuffled)[-3:] == ["Âm nhạc", "Đạo đức", "Địa lí"]  # what byte order did


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Anh", "Ăn"),  # A < Ă < Â
        ("Ăn", "Âm"),
        ("Dũng", "Đan"),  # D < Đ, whatever follows
        ("Ơn", "Phúc"),
        ("Út", "Ưng"),  # U < Ư
        ("ma", "mà"),  # tones: none, huyền, hỏi, ngã, sắc, nặng
        ("mà", "mả"),
        ("mả", "mã"),
        ("mã", "má"),
        ("má", "mạ"),
        ("hoa hồng", "hoan"),  # a word before a longer word: as dictionaries do
        ("Lớp 6", "Lớp A"),
    ],
)
def test_vietnamese_letters_and_tones(before, after):
    assert vi_key(before) < vi_key(after)


def test_same_letters_different_forms_are_one_word():
    # NFC and NFD spellings of "Nguyễn" sort together; case decides last
    assert vi_key("Nguyễn")[:2] == vi_key("Nguye\u0302\u0303n")[:2]
    assert sorted(["nguyễn", "Nguyễn"], key=vi_key) == ["Nguyễn", "nguyễn"]
    assert vi_key(None) == vi_key("")


@pytest.mark.django_db
def test_the_database_sorts_in_vietnamese_with_the_collation():
    """utf8mb4_vietnamese_ci on MariaDB/MySQL; the same name registered on SQLite by core's app config."""
    users = get_user_model().objects
    for index, name in enumerate(random.Random(3).sample(SUBJECTS, len(SUBJECTS))):  # noqa: S311
        users.create(username=f"u{index}", first_name=name)
    ordered = list(users.order_by(vi_order("first_name"), "id").values_list("first_name", flat=True))
    if connection.vendor == "mysql" and connection.mysql_is_mariadb is False:
        pytest.skip("MySQL: same collation name, checked on MariaDB in CI")
    assert ordered == SUBJECTS
    backwards = users.order_by(vi_order("first_name", descending=True)).values_list("first_name", flat=True)
    assert list(backwards) == SUBJECTS[::-1]


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        ("0,5", None, "0,5"),  # typed by a teacher, read back as typed
        ("0.50", None, "0,5"),
        (Decimal("10.00"), None, "10"),
        (Decimal("1"), 1, "1,0"),  # a score, as the student saw it
        (7.25, 1, "7,3"),
        (Decimal("-1.5"), None, "-1,5"),
        (1234567.5, None, "1.234.567,5"),
        (0, None, "0"),
        (None, None, ""),
        ("", 1, ""),
        ("không", None, "không"),
    ],
)
def test_numbers_are_written_with_the_decimal_comma(value, places, shown):
    assert number(value, places) == shown


def test_dates_and_times_are_dd_mm_yyyy_in_vietnam_time_with_the_date_first():
    moment = datetime(2025, 12, 31, 17, 30, tzinfo=UTC)  # already 1 January in Vietnam
    assert local_datetime(moment) == "01/01/2026 00:30"
    assert local_date(moment) == "01/01/2026"
    assert local_date(date(2025, 9, 5)) == "05/09/2025"
    assert local_datetime(None) == local_date(None) == ""


def test_subject_and_grade_read_as_schools_write_them():
    with translation.override("vi"):
        assert subject_label("Ngoại ngữ 1", 6) == "Ngoại ngữ 1 – lớp 6"
        assert subject_label("Toán", None) == "Toán"
