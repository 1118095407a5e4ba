"""TT 22/2021 subject averages and the gradebook rows, against averages computed by hand."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from openedx_vn.assessment import averages
from openedx_vn.assessment.averages import StudentScores

D = Decimal


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("periods", "count"),
    [(17.5, 2), (35, 2), (36, 3), (52.5, 3), (70, 3), (71, 4), (105, 4), (140, 4)],
)
def test_regular_assessments_by_periods_per_year(periods, count):
    assert averages.regular_count(periods) == count  # Điều 6.2.b: 35 → 2, >35–70 → 3, >70 → 4


def test_periods_must_be_a_positive_number():
    for wrong in (0, -35, "35", True):
        with pytest.raises(ValueError, match="period"):
            averages.regular_count(wrong)


@pytest.mark.parametrize(
    ("regular", "mid", "end", "expected"),
    [
        # (7 + 8 + 2·6,5 + 3·7,5) / (2 + 5) = 50,5 / 7 = 7,214… → 7,2
        ([D(7), D(8)], D("6.5"), D("7.5"), D("7.2")),
        # (6 + 7 + 7,2 + 2·6 + 3·7) / (3 + 5) = 53,2 / 8 = 6,65 → 6,7 (half up, not to even)
        ([D(6), D(7), D("7.2")], D(6), D(7), D("6.7")),
        # (8 + 9 + 7,5 + 10 + 2·8 + 3·9) / (4 + 5) = 77,5 / 9 = 8,611… → 8,6
        ([D(8), D(9), D("7.5"), D(10)], D(8), D(9), D("8.6")),
        # (4·6 + 2·5 + 3·5,5) / 9 = 50,5 / 9 = 5,611… → 5,6
        ([D(6)] * 4, D(5), D("5.5"), D("5.6")),
        # all tens stay ten
        ([D(10)] * 3, D(10), D(10), D(10)),
    ],
)
def test_semester_average_by_hand(regular, mid, end, expected):
    assert averages.semester_average(regular, mid, end) == expected


def test_year_average_uses_the_semester_averages_as_recorded():
    # HK I 7,2 and HK II 7,9 (both rounded): (7,2 + 2·7,9) / 3 = 23 / 3 = 7,666… → 7,7.
    # (The unrounded 50,5/7 and 55/7 would give 7,642… → 7,6.)
    first = averages.semester_average([D(7), D(8)], D("6.5"), D("7.5"))
    second = averages.semester_average([D(8), D(9)], D(7), D(8))
    assert (first, second) == (D("7.2"), D("7.9"))
    assert averages.year_average(first, second) == D("7.7")
    with pytest.raises(ValueError, match="both"):
        averages.year_average(first, None)


def test_scores_are_read_with_a_decimal_comma_and_checked():
    assert averages.read_score("7,5") == D("7.5") and averages.read_score(8) == D(8)
    assert averages.read_score(D("10")) == D(10) and averages.read_score(" 0,0 ") == D(0)
    with pytest.raises(ValueError, match="10,5 is outside 0–10"):
        averages.read_score("10,5")
    with pytest.raises(ValueError, match="7,25 has more than one decimal place"):
        averages.read_score("7,25")
    with pytest.raises(ValueError, match="is not a score"):
        averages.read_score("bảy")
    assert [averages.shown(v) for v in (D("9.0"), D(10), D("7.25"), None)] == ["9", "10", "7,25", ""]


def test_the_figures_are_data_with_their_sources():
    figures = averages.rules()
    assert figures["semester_average"]["source"] == "Điều 9.1.b"
    assert figures["regular_per_semester"]["source"] == "Điều 6.2.b"
    assert figures["scores"]["source"] == "Điều 5.3.b"


# ------------------------------------------------------------------------------------------- gradebook
def _class():
    """Three students of a 35-period subject (2 regular scores a semester), listed out of order."""
    return [
        StudentScores(
            3,
            "Nguyễn Văn Đức",
            "Đức",
            "Nguyễn Văn",
            "HS03",
            {(1, "TX1"): 5, (1, "GK"): 6, (1, "CK"): 5, (2, "TX1"): 6, (2, "TX2"): 7, (2, "CK"): "6,5"},
        ),
        StudentScores(
            1,
            "Lê Thị An",
            "An",
            "Lê Thị",
            "HS01",
            {(1, "TX1"): 7, (1, "GK"): "6,5", (1, "CK"): "7,5", (2, "TX1"): 8, (2, "TX2"): 9, (2, "CK"): 8},
        ),
        StudentScores(
            2,
            "Trần Bảo Anh",
            "Anh",
            "Trần Bảo",
            "HS02",
            {(1, "TX1"): "9,5", (1, "GK"): 9, (1, "CK"): "8,5", (2, "TX1"): 8, (2, "TX2"): 8, (2, "CK"): 7},
        ),
    ]


# Two online tests: a regular test of semester I fills TX2, the mid-term of semester II fills GK
# ({user_id: score} as api.results gives them: Decimal, one decimal place; None = not graded yet).
TX2_TEST = {1: D("8.3"), 2: D("10.0"), 3: D("4.5"), 99: D("6.0")}
MID_TEST = {1: D("7.0"), 2: D("6.5"), 3: D("5.5")}


def _filled():
    students = averages.with_test_scores(_class(), TX2_TEST, 1, "TX2")
    return averages.with_test_scores(students, MID_TEST, 2, "GK")


def test_gradebook_rows_by_hand():
    book = averages.gradebook_rows(_filled(), periods_per_year=35)
    assert book.header == (
        "No.",
        "Student code",
        "Full name",
        "Semester I TX1",
        "Semester I TX2",
        "Semester I GK",
        "Semester I CK",
        "Semester I average",
        "Semester II TX1",
        "Semester II TX2",
        "Semester II GK",
        "Semester II CK",
        "Semester II average",
        "Year average",
    )
    assert book.rows == [
        # An: I (7 + 8,3 + 13 + 22,5)/7 = 50,8/7 = 7,257 → 7,3; II (8 + 9 + 14 + 24)/7 = 55/7 → 7,9;
        # year (7,3 + 15,8)/3 = 7,7
        [1, "HS01", "Lê Thị An", "7", "8,3", "6,5", "7,5", "7,3", "8", "9", "7", "8", "7,9", "7,7"],
        # Anh: I (9,5 + 10 + 18 + 25,5)/7 = 63/7 = 9; II (8 + 8 + 13 + 21)/7 = 50/7 = 7,14 → 7,1;
        # year (9 + 14,2)/3 = 7,733 → 7,7
        [2, "HS02", "Trần Bảo Anh", "9,5", "10", "9", "8,5", "9", "8", "8", "6,5", "7", "7,1", "7,7"],
        # Đức: I (5 + 4,5 + 12 + 15)/7 = 36,5/7 = 5,21 → 5,2; II (6 + 7 + 11 + 19,5)/7 = 43,5/7 = 6,21 → 6,2;
        # year (5,2 + 12,4)/3 = 5,866 → 5,9
        [3, "HS03", "Nguyễn Văn Đức", "5", "4,5", "6", "5", "5,2", "6", "7", "5,5", "6,5", "6,2", "5,9"],
    ]
    assert book.averages[1] == {1: D("7.3"), 2: D("7.9"), "year": D("7.7")}


def test_one_semester_only():
    book = averages.gradebook_rows(_filled(), periods_per_year=35, semesters=(2,))
    assert book.header[-1] == "Semester II average" and len(book.header) == 3 + 5
    assert [row[-1] for row in book.rows] == ["7,9", "7,1", "6,2"]


def test_missing_and_wrong_scores_are_named_student_by_student():
    students = _filled()
    students[0].scores.pop((1, "CK"))  # Đức has no end-of-term score in semester I
    students[1].scores[(2, "TX2")] = "11"  # An
    students[2].scores[(1, "TX3")] = 8  # Anh: a third regular score in a 35-period subject
    with pytest.raises(averages.ScoresIncomplete) as error:
        averages.gradebook_rows(students, periods_per_year=35)
    assert [(p.student, p.semester, p.column) for p in error.value.problems] == [
        ("Lê Thị An", 2, "TX2"),
        ("Trần Bảo Anh", 1, "TX3"),
        ("Nguyễn Văn Đức", 1, "CK"),
    ]
    message = str(error.value)
    assert "Lê Thị An, semester II, TX2: 11 is outside 0–10" in message
    assert "Trần Bảo Anh, semester I, TX3: the subject has 2 regular assessments a semester" in message
    assert "Nguyễn Văn Đức, semester I, CK: score missing" in message


def test_a_student_without_an_online_score_keeps_the_gap():
    students = averages.with_test_scores(_class(), {1: D("8.3"), 2: None}, 1, "TX2")
    with pytest.raises(averages.ScoresIncomplete) as error:
        averages.gradebook_rows(students, periods_per_year=35, semesters=(1,))
    assert [(p.student, p.column) for p in error.value.problems] == [
        ("Trần Bảo Anh", "TX2"),
        ("Nguyễn Văn Đức", "TX2"),
    ]


def test_the_gradebook_xlsx_reads_back_with_decimal_commas():
    book = averages.gradebook_rows(_filled(), periods_per_year=35)
    content = averages.gradebook_xlsx(book, "Toán 10A1")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert sheet.title == "Toán 10A1"
    assert tuple(rows[0]) == book.header
    assert rows[1] == [
        1,
        "HS01",
        "Lê Thị An",
        "7",
        "8,3",
        "6,5",
        "7,5",
        "7,3",
        "8",
        "9",
        "7",
        "8",
        "7,9",
        "7,7",
    ]
    assert len(rows) == 4
