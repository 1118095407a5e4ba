"""Subject averages of THCS/THPT students by TT 22/2021, and the gradebook rows a school exports.

An online test's score can fill any column of the gradebook: a regular assessment (ĐĐGtx, columns ``TX1``…),
the mid-term (``GK``) or the end-of-term (``CK``) of semester 1 or 2 (``with_test_scores``). The figures —
weights, number of regular assessments, rounding — are data in ``openedx_vn_data/assessment/tt22.yaml``,
each with its article:

- semester average ĐTBmhk = (TĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (số ĐĐGtx + 5) (Điều 9.1.b);
- year average ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3, from the semester averages as recorded (Điều 9.1.b);
- every score and average on 0–10 with one decimal place, rounded half up (Điều 5.3.b);
- 2, 3 or 4 regular assessments per semester for 35, up to 70, or more than 70 periods a year (Điều 6.2.b).
"""

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

import yaml
from django.utils.translation import gettext as _

from openedx_vn.core import spreadsheets
from openedx_vn.core.vietnamese import person_key
from openedx_vn_data import data_file

__all__ = [
    "Gradebook",
    "ScoreProblem",
    "ScoresIncomplete",
    "StudentScores",
    "columns",
    "gradebook_rows",
    "gradebook_xlsx",
    "read_score",
    "regular_count",
    "rules",
    "semester_average",
    "shown",
    "with_test_scores",
    "year_average",
]

SEMESTERS = (1, 2)
_ROMAN = {1: "I", 2: "II"}


@cache
def rules():
    """The TT 22 figures as data (see tt22.yaml)."""
    return yaml.safe_load(data_file("assessment", "tt22.yaml").read_text(encoding="utf-8"))


def _step():
    return Decimal(1).scaleb(-int(rules()["scores"]["decimals"]))


_ROUNDING = {"half_up": ROUND_HALF_UP}  # "làm tròn số": 5 and above rounds up (6,65 → 6,7)


def _round(value):
    return value.quantize(_step(), _ROUNDING[rules()["scores"]["rounding"]])


def shown(value):
    """A score as Vietnamese documents write it: one decimal place at most, decimal comma ("7,5", "8")."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


def read_score(value):
    """A score from a number or text ("7,5" or "7.5"): a ``Decimal``; raise ``ValueError`` (message for the
    teacher) when it is not a number, outside 0–10, or has more than one decimal place."""
    figures = rules()["scores"]
    try:
        number = Decimal(str(value).strip().replace(",", ".")) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValueError(_("%(value)r is not a score") % {"value": value})
    if not Decimal(figures["minimum"]) <= number <= Decimal(figures["maximum"]):
        raise ValueError(
            _("%(value)s is outside %(minimum)s–%(maximum)s")
            % {"value": shown(number), "minimum": figures["minimum"], "maximum": figures["maximum"]}
        )
    if number != number.quantize(_step()):
        raise ValueError(
            _("%(value)s has more than one decimal place (TT 22/2021 %(article)s)")
            % {"value": str(number).replace(".", ","), "article": figures["source"]}
        )
    return number


def regular_count(periods_per_year):
    """How many regular assessments (ĐĐGtx) a semester has for a subject of ``periods_per_year`` periods."""
    if isinstance(periods_per_year, bool) or not isinstance(periods_per_year, int | float | Decimal):
        raise ValueError(_("the periods per year are a number"))
    if periods_per_year <= 0:
        raise ValueError(_("a subject has at least one period a year"))
    for band in rules()["regular_per_semester"]["by_periods_per_year"]:
        if band["up_to"] is None or periods_per_year <= band["up_to"]:
            return int(band["count"])
    raise ValueError("tt22.yaml: the last band of regular_per_semester must have up_to: null")


def semester_average(regular, mid_term, end_of_term):
    """ĐTBmhk of one semester from its scores (``Decimal``s), rounded to one decimal place.

    Raises ``ValueError`` when a score is missing (None) or there is no regular score.
    """
    if not regular or any(score is None for score in (*regular, mid_term, end_of_term)):
        raise ValueError("a semester average needs every score")
    weights = {key: Decimal(value) for key, value in rules()["semester_average"]["weights"].items()}
    total = (
        weights["regular"] * sum(regular, Decimal(0))
        + weights["mid_term"] * mid_term
        + weights["end_of_term"] * end_of_term
    )
    return _round(total / (weights["regular"] * len(regular) + weights["mid_term"] + weights["end_of_term"]))


def year_average(first, second):
    """ĐTBmcn from the two semester averages as recorded (rounded), rounded to one decimal place."""
    if first is None or second is None:
        raise ValueError("a year average needs both semester averages")
    weights = {int(key): Decimal(value) for key, value in rules()["year_average"]["weights"].items()}
    return _round((weights[1] * first + weights[2] * second) / (weights[1] + weights[2]))


# ---------------------------------------------------------------------------------------------- gradebook
@dataclass(frozen=True)
class StudentScores:
    """One student's scores in one subject. ``scores``: {(semester 1|2, column): score}, the columns
    ``TX1``…``TX4`` (regular), ``GK`` (mid-term), ``CK`` (end of term); a score is a number, a ``Decimal``
    or text with a decimal comma, None or absent when not given. ``user_id`` matches test results."""

    user_id: int | None
    full_name: str
    first_name: str = ""  # given name (tên), for the Vietnamese order
    last_name: str = ""  # family and middle names (họ đệm)
    code: str = ""  # the school's student code (mã học sinh)
    scores: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ScoreProblem:
    """A score the gradebook cannot use: whose, which semester and column, and what is wrong."""

    student: str
    semester: int
    column: str
    message: str

    def __str__(self):
        return _("%(student)s, semester %(semester)s, %(column)s: %(message)s") % {
            "student": self.student,
            "semester": _ROMAN.get(self.semester, self.semester),
            "column": self.column,
            "message": self.message,
        }


class ScoresIncomplete(ValueError):
    """Scores are missing or wrong: ``problems`` lists each one (``ScoreProblem``), student by student."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Gradebook:
    """The gradebook of one subject: ``header`` then ``rows`` (scores as text with a decimal comma), and
    ``averages`` {user_id or full name: {semester or "year": Decimal}} for callers that need numbers."""

    header: tuple
    rows: list
    averages: dict


def columns(regular):
    """The gradebook's score columns of a semester: ``TX1``…``TX<regular>``, ``GK``, ``CK``."""
    return [f"TX{number}" for number in range(1, regular + 1)] + ["GK", "CK"]


def with_test_scores(students_scores, test_scores, semester, column):
    """``students_scores`` with the online test's scores in ``(semester, column)`` (e.g. ``(1, "TX2")``).

    ``test_scores``: {user_id: score}, e.g. ``{row.user_id: row.score for row in api.results(user, exam)}``;
    a student with no score there (None: not submitted, or essays not yet graded) keeps what they had.
    """
    if semester not in SEMESTERS:
        raise ValueError(_("the semester is 1 or 2"))
    filled = []
    for student in students_scores:
        score = test_scores.get(student.user_id)
        if score is not None:
            student = replace(student, scores={**student.scores, (semester, column): score})
        filled.append(student)
    return filled


def _header(regular, semesters):
    header = [_("No."), _("Student code"), _("Full name")]
    for semester in semesters:
        roman = _ROMAN[semester]
        for column in columns(regular):
            header.append(_("Semester %(semester)s %(column)s") % {"semester": roman, "column": column})
        header.append(_("Semester %(semester)s average") % {"semester": roman})
    if semesters == SEMESTERS:
        header.append(_("Year average"))
    return tuple(header)


def _semester(student, semester, regular, problems):
    """The scores of one semester read, and its average (None when a score is missing or wrong)."""
    read = {}
    for column in columns(regular):
        value = student.scores.get((semester, column))
        if value is None or value == "":
            problems.append(ScoreProblem(student.full_name, semester, column, _("score missing")))
            read[column] = None
            continue
        try:
            read[column] = read_score(value)
        except ValueError as error:
            problems.append(ScoreProblem(student.full_name, semester, column, str(error)))
            read[column] = None
    extra = sorted(
        column
        for (given_semester, column), value in student.scores.items()
        if given_semester == semester and column not in read and value not in (None, "")
    )
    for column in extra:
        message = _("the subject has %(count)s regular assessments a semester (TT 22/2021 %(article)s)") % {
            "count": regular,
            "article": rules()["regular_per_semester"]["source"],
        }
        problems.append(ScoreProblem(student.full_name, semester, column, message))
    if any(score is None for score in read.values()):
        return read, None
    tx = [read[f"TX{number}"] for number in range(1, regular + 1)]
    return read, semester_average(tx, read["GK"], read["CK"])


def gradebook_rows(students_scores, periods_per_year, semesters=SEMESTERS):
    """The ``Gradebook`` of one subject for ``students_scores`` (``StudentScores``), students in the
    Vietnamese order (given name, then family name): their scores, each semester's average and, with both
    semesters, the year average.

    The regular columns per semester follow the subject's ``periods_per_year`` (Điều 6.2.b). Raises
    ``ScoresIncomplete`` naming every missing or wrong score (student, semester, column) — a student who
    missed a test takes it again or is given 0 by the school: the gradebook never guesses.
    """
    semesters = tuple(sorted(set(semesters)))
    if not semesters or set(semesters) - set(SEMESTERS):
        raise ValueError(_("the semesters are 1, 2 or both"))
    regular = regular_count(periods_per_year)
    ordered = sorted(
        students_scores, key=lambda s: person_key(s.first_name, s.last_name, s.code or s.full_name)
    )
    problems, rows, averages = [], [], {}
    for number, student in enumerate(ordered, start=1):
        row = [number, student.code, student.full_name]
        found = {}
        for semester in semesters:
            read, average = _semester(student, semester, regular, problems)
            row += [shown(read[column]) for column in columns(regular)] + [shown(average)]
            found[semester] = average
        if semesters == SEMESTERS and None not in found.values():
            found["year"] = year_average(found[1], found[2])
            row.append(shown(found["year"]))
        rows.append(row)
        averages[student.user_id if student.user_id is not None else student.full_name] = found
    if problems:
        raise ScoresIncomplete(problems)
    return Gradebook(_header(regular, semesters), rows, averages)


def gradebook_xlsx(gradebook, title):
    """The gradebook as an .xlsx (one sheet named ``title``): scores as text with a decimal comma, as the
    school's gradebook writes them."""
    return spreadsheets.tables_workbook_bytes([spreadsheets.Table(title, gradebook.header, gradebook.rows)])
