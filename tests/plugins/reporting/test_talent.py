"""Talent discovery: percentiles within a version (mã đề) across the schools that gave one blueprint's test,
consistent top performers, names for province officers only, every view and export in the audit trail."""

import io
from decimal import Decimal
from fractions import Fraction

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from openedx_vn.assessment import api as assessment_api
from openedx_vn.audit import api as audit_api
from openedx_vn.qbank.models import QuestionBank
from openedx_vn.reporting import talent
from tests.plugins.assessment.conftest import ROWS, fill_bank
from tests.plugins.teaching.conftest import QN, YEAR

pytestmark = pytest.mark.django_db

# Ten multiple-choice questions of 1 point: k right answers give the score k (no essays to wait for).
BLUEPRINT = {
    "title": "Khảo sát Toán 10 toàn tỉnh",
    "subject_code": "TOAN",
    "grade": 10,
    "total_points": "10",
    "rows": ROWS,
    "cells": [
        {"row": 0, "format": "multiple_choice", "level": "biet", "count": 5, "points": "5"},
        {"row": 1, "format": "multiple_choice", "level": "hieu", "count": 5, "points": "5"},
    ],
}
# Test 1, version 101 (sat in both schools, 11 students), and test 2 (one version, 10 students): scores.
A_STUDENTS = [
    ("Ánh", "Trần Ngọc"),
    ("Bảo", "Lê Gia"),
    ("Cường", "Phạm"),
    ("Dũng", "Vũ"),
    ("Hà", "Đỗ"),
    ("Khoa", "Ngô"),
]
B_STUDENTS = [("Lan", "Bùi"), ("Minh", "Hồ"), ("Nam", "Đặng"), ("Oanh", "Lý"), ("Phúc", "Mai")]
TEST1_101 = {"Ánh": 10, "Bảo": 9, "Cường": 8, "Dũng": 7, "Hà": 7, "Khoa": 6, "Lan": 9, "Minh": 5, "Nam": 5}
TEST1_101 |= {"Oanh": 4, "Phúc": 3}
TEST2 = {"Ánh": 10, "Bảo": 10, "Cường": 5, "Dũng": 5, "Hà": 5, "Lan": 2, "Minh": 8, "Nam": 8, "Oanh": 7}
TEST2 |= {"Phúc": 6}


def _sit(teacher, exam, student, version_code, right):
    """A paper sheet of ``version_code`` with the first ``right`` questions answered right, the rest wrong."""
    _contents, versions, _points = assessment_api.exam_versions(teacher, exam.uuid)
    version = next(v for v in versions if v.code == version_code)
    answers = {}
    for n, item in enumerate(version.parts["multiple_choice"]):
        index = "ABCD".index(item.key)
        answers[item.uuid] = index if n < right else (index + 1) % 4
    assessment_api.record_paper_attempt(exam.uuid, student.id, version_code, answers)


@pytest.fixture
def shared(org):
    """Test 1 drawn for schools A and B with the same banks and seed (the same test: its version 101 is sat
    in both), 2 versions; a third student group sits version 102 in school A only (3 students); test 2 (one
    version) in both schools; test 3 drawn from the blueprint for A with another seed (other questions)."""
    teacher = org.users["teacher_a"]
    bank = QuestionBank.objects.create(name="Khảo sát toàn tỉnh", owner_id=teacher.id)
    fill_bank(bank, per_kind=6)
    blueprint_uuid, _problems = assessment_api.save_blueprint(teacher, BLUEPRINT)
    codes = org.codes

    def draw(school, seed, count):
        return assessment_api.generate_exam(
            teacher,
            blueprint_uuid,
            [str(bank.uuid)],
            count,
            seed,
            school_code=codes[school],
            school_year=YEAR,
        )

    exams = {
        ("1", "A"): draw("A", 7, 2),
        ("1", "B"): draw("B", 7, 2),
        ("2", "A"): draw("A", 9, 1),
        ("2", "B"): draw("B", 9, 1),
        ("3", "A"): draw("A", 11, 1),
    }
    users = get_user_model().objects
    students = {}
    for school, people in (("A", A_STUDENTS), ("B", B_STUDENTS)):
        for first, last in people:
            students[first] = (
                school,
                users.create_user(f"hs_{len(students)}", first_name=first, last_name=last),
            )
    for first, (school, student) in students.items():
        _sit(teacher, exams["1", school], student, "101", TEST1_101[first])
        if first in TEST2:
            _sit(teacher, exams["2", school], student, "101", TEST2[first])
    for n, right in enumerate((10, 9, 1)):  # version 102, school A: too few students to count a top
        student = users.create_user(f"hs_102_{n}", first_name=f"Em {n}", last_name="Trương")
        _sit(teacher, exams["1", "A"], student, "102", right)
    _sit(teacher, exams["3", "A"], students["Khoa"][1], "101", 10)
    org.exams, org.students = exams, students
    return org


def test_the_same_version_is_compared_across_schools_and_only_within_itself(shared):
    rows = assessment_api.shared_test_attempts(list(shared.codes.values()), YEAR)
    key = {(r[3], r[4]): r[5] for r in rows}
    test1_a, test1_b = shared.exams["1", "A"].uuid, shared.exams["1", "B"].uuid
    assert key[test1_a, "101"] == key[test1_b, "101"]  # the same questions in the same order
    assert key[test1_a, "101"] != key[test1_a, "102"]
    assert key[shared.exams["3", "A"].uuid, "101"] not in {key[test1_a, "101"], key[test1_a, "102"]}
    assert len(rows) == 11 + 10 + 3 + 1 and {r[8] for r in rows if r[6] == shared.students["Ánh"][1].id} == {
        Decimal(10)
    }


def test_percentiles_within_the_version_match_a_hand_computation(shared):
    report = talent.talent_report(shared.users["province"], YEAR)
    students = {s.full_name.split()[-1]: s for s in report["TOAN"]}

    def test1(first):
        return next(s for s in students[first].standings if s.exam_uuid in {e.uuid for e in _test1(shared)})

    # Version 101 of test 1: 10 9 8 7 7 6 | 9 5 5 4 3 (11 students). Mid-rank: (below + equal / 2) / 11.
    assert (test1("Ánh").percentile, test1("Ánh").higher) == (Fraction(21, 22), 0)
    assert (test1("Dũng").percentile, test1("Dũng").higher) == (Fraction(6, 11), 4)  # 5 below, 2 equal
    assert (test1("Minh").percentile, test1("Minh").higher) == (Fraction(3, 11), 7)  # 2 below, 2 equal
    assert test1("Lan").version_size == 11 and test1("Lan").top  # 1 higher < 1,1
    assert not test1("Cường").top  # 2 higher
    # Version 102 is ranked apart: the best of its 3 is at 5/6, but 3 students are too few for a top.
    em = next(s for s in report["TOAN"] if s.full_name == "Trương Em 0")
    assert em.standings[0].percentile == Fraction(5, 6) and not em.standings[0].top
    # Test 3 alone in its version: 100 % of one is no top either.
    assert not next(s for s in students["Khoa"].standings if s.version_size == 1).top


def _test1(org):
    return [org.exams["1", "A"], org.exams["1", "B"]]


def test_consistent_top_performers_are_listed_in_vietnamese_order(shared):
    report = talent.talent_report(shared.users["province"], YEAR)
    top = [s.full_name for s in report["TOAN"] if s.consistent]
    # Ánh (10, 10) and Bảo (9, 10): top in both tests; Lan (9, then 2): once. Ánh before Bảo by given name.
    assert top == ["Trần Ngọc Ánh", "Lê Gia Bảo"]
    names = [s.full_name for s in report["TOAN"]]
    assert (
        names.index("Lê Gia Bảo") < names.index("Phạm Cường") < names.index("Vũ Dũng") < names.index("Đỗ Hà")
    )


@pytest.mark.parametrize("who", ["commune_x", "commune_y", "leader_a", "teacher_a", "operator", "student"])
def test_only_province_officers_get_the_lists(client, shared, who):
    with pytest.raises(talent.TalentScopeError):
        talent.talent_report(shared.users[who], YEAR)
    client.force_login(shared.users[who])
    assert client.get(reverse("vn_reporting:talent"), {"year": YEAR}).status_code == 403
    assert client.get(reverse("vn_reporting:talent_export"), {"year": YEAR}).status_code == 403


def _trail(org, action):
    return [
        e
        for e in audit_api.list_entries(org.users["province"], province_code=QN, action=action)
        if e.object_type == "talent_list"
    ]


def test_each_view_and_export_is_in_the_audit_trail(client, shared):
    officer = shared.users["province"]
    client.force_login(officer)
    assert _trail(shared, "names.viewed") == []
    page = client.get(reverse("vn_reporting:talent"), {"year": YEAR})
    text = page.content.decode()
    assert page.status_code == 200 and "Trần Ngọc Ánh" in text and "cùng mã đề" in text
    assert "95,5 %" in text  # Ánh's 21/22 with a decimal comma
    assert "Môn Toán" in text and "Trương Em 0" in text  # the subject's name; the percentile table
    client.get(reverse("vn_reporting:talent"), {"year": YEAR})
    views = _trail(shared, "names.viewed")
    assert len(views) == 2 and {(e.actor_user_id, e.object_id) for e in views} == {(officer.id, YEAR)}
    response = client.get(reverse("vn_reporting:talent_export"), {"year": YEAR})
    assert (
        response.status_code == 200 and "hoc-sinh-tieu-bieu-2025-2026.xlsx" in response["Content-Disposition"]
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert (
        [r[1] for r in rows[1:]] == ["Trần Ngọc Ánh", "Lê Gia Bảo"] and rows[1][4] == 2 and rows[1][6] == 10
    )
    exports = _trail(shared, "export.names")
    assert [e.object_id for e in exports] == ["hoc-sinh-tieu-bieu-2025-2026.xlsx"]


def test_the_reporting_start_page_links_the_talent_page(client, shared):
    client.force_login(shared.users["province"])
    assert reverse("vn_reporting:talent") in client.get(reverse("vn_reporting:index")).content.decode()
