"""Import of schools, classes and assignments: the happy path, each problem with its place, all or nothing."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from openedx_vn.schools import api

from .conftest import csv, make_user

pytestmark = pytest.mark.django_db

SCHOOLS = ["moet_code", "name", "levels", "commune_code", "district_code"]
CLASSES = ["school_code", "year", "grade", "name", "size"]
ASSIGNMENTS = ["school_code", "year", "class", "subject", "teacher"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):  # the messages asserted below are the English source strings
        yield


def workbook(**sheets):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def ready(program, year, units):
    """Units, the school year, the program, and two teachers."""
    make_user("co_lan", names=("Lan", "Nguyễn Thị"))
    make_user("thay_binh", names=("Bình", "Lê Văn"))
    return units


def good_workbook():
    return workbook(
        schools=[
            SCHOOLS,
            ["22000101", "Trường THCS Hạ Long", "THCS", "06688", ""],
            ["22000102", "Trường TH và THCS Hà Tu", "TH, THCS", 6652, 193],  # numbers as Excel stores them
        ],
        classes=[CLASSES, ["22000101", "2025-2026", 6, "6A1", 40], ["22000102", "2025-2026", 1, "1A1", 30]],
        assignments=[
            ASSIGNMENTS,
            ["22000101", "2025-2026", "6A1", "TOAN", "co_lan"],
            ["22000101", "2025-2026", "6A1", "NGUVAN", "thay_binh@example.invalid"],
            ["22000102", "2025-2026", "1A1", "TIENGVIET", "co_lan"],
        ],
    )


def problems_of(files, scope=api.SYSTEM_SCOPE):
    with pytest.raises(api.OrganisationImportError) as caught:
        api.import_organisation(files, scope)
    return [(p.file, p.sheet, p.row, p.field, p.message) for p in caught.value.problems]


def test_workbook_with_three_sheets_is_imported(ready):
    api.load_units(["22"], legacy_districts=True)
    report = api.import_organisation([("org.xlsx", good_workbook())], api.SYSTEM_SCOPE)
    assert report == api.ImportReport(
        dry_run=False,
        schools_created=2,
        classes_created=2,
        assignments_created=3,
        teachers_added=3,  # co_lan at both schools, thay_binh at one
    )
    school = api.get_school("22000102")
    assert (school.levels, school.commune_code, school.legacy_district_code) == (
        ("primary", "lower_secondary"),
        "06652",
        "193",
    )
    rows = api.list_assignments(school_code="22000101", year="2025-2026")
    assert [(a.subject_code, a.teacher_username) for a in rows] == [
        ("NGUVAN", "thay_binh"),
        ("TOAN", "co_lan"),
    ]


def test_importing_the_same_file_again_changes_nothing(ready):
    api.load_units(["22"], legacy_districts=True)
    api.import_organisation([("org.xlsx", good_workbook())], api.SYSTEM_SCOPE)
    again = api.import_organisation([("org.xlsx", good_workbook())], api.SYSTEM_SCOPE)
    assert again == api.ImportReport(dry_run=False)


def test_csv_files_update_schools_and_classes_and_replace_assignments_of_named_classes(ready):
    api.load_units(["22"], legacy_districts=True)
    api.import_organisation([("org.xlsx", good_workbook())], api.SYSTEM_SCOPE)
    files = [
        ("truong.csv", csv(SCHOOLS[:4], [["22000101", "Trường THCS Hạ Long (đổi tên)", "THCS", "06688"]])),
        (
            "lop.csv",
            csv(CLASSES, [["22000101", "2025-2026", 6, "6A1", 41], ["22000101", "2025-2026", 6, "6A2", 39]]),
        ),
        ("phan-cong.csv", csv(ASSIGNMENTS, [["22000101", "2025-2026", "6A1", "TOAN", "thay_binh"]])),
    ]  # told apart by their headers
    report = api.import_organisation(files, api.SYSTEM_SCOPE)
    assert (report.schools_updated, report.classes_created, report.classes_updated) == (1, 1, 1)
    assert (report.assignments_created, report.assignments_removed) == (1, 2)
    assert api.get_school("22000101").name == "Trường THCS Hạ Long (đổi tên)"
    rows = api.list_assignments(school_code="22000101", year="2025-2026")
    assert [(a.class_name, a.subject_code, a.teacher_username) for a in rows] == [
        ("6A1", "TOAN", "thay_binh")
    ]
    # 1A1 of the other school was not named: its assignment stays.
    assert len(api.list_assignments(school_code="22000102", year="2025-2026")) == 1


def test_dry_run_reports_and_stores_nothing(ready):
    api.load_units(["22"], legacy_districts=True)
    report = api.import_organisation([("org.xlsx", good_workbook())], api.SYSTEM_SCOPE, dry_run=True)
    assert (report.dry_run, report.schools_created, report.assignments_created) == (True, 2, 3)
    assert api.list_schools() == []


def test_every_problem_is_named_with_its_place(ready):
    make_user("twin1", email="same@example.invalid")
    make_user("twin2", email="same@example.invalid")
    content = workbook(
        schools=[
            SCHOOLS,
            ["22000101", "Trường THCS Hạ Long", "THCS", "06688", ""],
            ["22000101", "Trường trùng mã", "THCS", "06688", ""],
            ["22000103", "Trường xã lạ", "THCS", "99999", ""],
            ["22000104", "Trường cấp lạ", "THCS, đại học", "06688", ""],
        ],
        classes=[
            CLASSES,
            ["22000101", "2025-2026", 6, "6A1", 40],
            ["22000999", "2025-2026", 6, "6A1", 40],
            ["22000101", "2025-2026", 10, "10A1", 40],
            ["22000101", "2024-2025", 6, "6A9", 40],
            ["22000101", "2025-2026", 6, "6A2", "bốn mươi"],
            ["22000101", "2025-2026", 7, "6A1", 40],
        ],
        assignments=[
            ASSIGNMENTS,
            ["22000101", "2025-2026", "6A1", "TOAN", "co_lan"],
            ["22000101", "2025-2026", "6A1", "HOAHOC", "co_lan"],
            ["22000101", "2025-2026", "6A1", "XYZ", "co_lan"],
            ["22000101", "2025-2026", "6A1", "KHTN", "nobody"],
            ["22000101", "2025-2026", "6A5", "TOAN", "co_lan"],
            ["22000101", "2025-2026", "6A1", "NGUVAN", "same@example.invalid"],
            ["22000101", "2025-2026", "6A1", "TOAN", "co_lan"],
        ],
    )
    problems = problems_of([("org.xlsx", content)])
    by_place = {(sheet, row, field): message for _file, sheet, row, field, message in problems}
    assert {file for file, *_ in problems} == {"org.xlsx"}
    expected = {
        ("schools", 3, "moet_code"): "MOET code 22000101 is also on org.xlsx, schools, row 2",
        ("schools", 4, "commune_code"): "'99999' is not a commune-level unit we know",
        ("schools", 5, "levels"): "'THCS, đại học': write levels as MN, TH, THCS, THPT, GDTX",
        ("classes", 3, "school_code"): "'22000999' is not a school of this file or of your scope",
        ("classes", 4, "grade"): "grade 10 is not taught at a school of level(s): lower secondary",
        ("classes", 5, "year"): "'2024-2025' is not a school year we know",
        ("classes", 6, "size"): "'bốn mươi' is not a number of students from 1 to 200",
        ("classes", 7, "name"): "class 6A1 is also on org.xlsx, classes, row 2",
        ("assignments", 3, "subject"): "HOAHOC is not taught in grade 6",
        ("assignments", 4, "subject"): "'XYZ' is not a subject code of the curriculum",
        ("assignments", 5, "teacher"): "no active user with username or email 'nobody'",
        ("assignments", 6, "class"): "'6A5' is not a class of school 22000101 in 2025-2026",
        (
            "assignments",
            7,
            "teacher",
        ): "'same@example.invalid' is the email of several users: use the username",
        ("assignments", 8, "teacher"): "this assignment is also on org.xlsx, assignments, row 2",
    }
    for place, start in expected.items():
        assert place in by_place, (place, problems)
        assert by_place[place].startswith(start), (place, by_place[place])
    assert len(problems) == len(expected), problems
    assert api.list_schools() == []  # all or nothing


def test_a_refused_import_leaves_existing_data_as_it_was(ready):
    api.load_units(["22"], legacy_districts=True)
    api.import_organisation([("org.xlsx", good_workbook())], api.SYSTEM_SCOPE)
    before = (
        api.list_schools(),
        api.list_classes("22000101", "2025-2026"),
        api.list_assignments(year="2025-2026"),
    )
    files = [
        (
            "schools.csv",
            csv(SCHOOLS[:4], [["22000101", "Tên mới", "THCS", "06688"], ["22000200", "Mới", "TH", "06688"]]),
        ),
        ("assignments.csv", csv(ASSIGNMENTS, [["22000101", "2025-2026", "6A1", "TOAN", "ghost"]])),
    ]
    assert problems_of(files) == [
        ("assignments.csv", None, 2, "teacher", "no active user with username or email 'ghost'")
    ]
    after = (
        api.list_schools(),
        api.list_classes("22000101", "2025-2026"),
        api.list_assignments(year="2025-2026"),
    )
    assert after == before


def test_rows_that_depend_on_a_refused_row_say_so(ready):
    files = [
        ("schools.csv", csv(SCHOOLS[:4], [["22000101", "Trường", "THCS", "00000"]])),
        ("classes.csv", csv(CLASSES, [["22000101", "2025-2026", 6, "6A1", 40]])),
    ]
    assert [p[1:] for p in problems_of(files)] == [
        (
            None,
            2,
            "commune_code",
            "'00000' is not a commune-level unit we know: load its province first (manage.py load_units)",
        ),
        (None, 2, "school_code", "22000101: its row in the schools table has problems"),
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ([("a.txt", b"x")], ("a.txt", None, None, None, "not a .csv or .xlsx file")),
        (
            [("a.xlsx", b"PK not really")],
            ("a.xlsx", None, None, None, "not a readable .xlsx workbook (BadZipFile)"),
        ),
        (
            [("a.csv", "moet_code,name\n".encode("utf-16"))],
            ("a.csv", None, None, None, 'not UTF-8 text: save it as "CSV UTF-8"'),
        ),
        (
            [("schools.csv", b"moet_code,name\n1,x\n")],
            ("schools.csv", None, 1, None, "missing column(s) of the schools table: levels, commune_code"),
        ),
        ([("data.csv", b"a,b\n1,2\n")], ("data.csv", None, 1, None, "cannot tell which table this is")),
    ],
)
def test_unreadable_files_are_named(ready, files, expected):
    problems = problems_of(files)
    assert len(problems) == 1
    assert problems[0][:4] == expected[:4]
    assert problems[0][4].startswith(expected[4])


def test_csv_rows_are_numbered_as_the_user_sees_them(ready):
    content = (
        "# schools of the demo commune\n" + ",".join(SCHOOLS[:4]) + "\n22000101,Trường,THCS,06688\n"
        "22000102,Trường,THCS,12345\n"
    ).encode("utf-8-sig")
    assert problems_of([("schools.csv", content)])[0][2:4] == (4, "commune_code")


def test_without_the_curriculum_classes_cannot_be_checked(year, units):
    problems = problems_of([("classes.csv", csv(CLASSES, [["22000101", "2025-2026", 6, "6A1", 40]]))])
    assert problems[0][:4] == ("classes.csv", None, None, None)
    assert "load_curriculum" in problems[0][4]


def test_province_officers_import_into_their_province_only(ready):
    officer = make_user("tinh")
    api.grant_role(officer.id, "province_officer", "22")
    lai_chau = api.list_units("commune", "12")[0]
    files = [("schools.csv", csv(SCHOOLS[:4], [["12000101", "Trường Lai Châu", "THCS", lai_chau.code]]))]
    assert problems_of(files, api.get_scope(officer))[0][3:] == (
        "commune_code",
        f"{lai_chau.name} is outside your scope",
    )
    api.import_organisation(files, api.SYSTEM_SCOPE)  # the operator puts it there
    moved = [("schools.csv", csv(SCHOOLS[:4], [["12000101", "Chiếm mã", "THCS", "06688"]]))]
    assert problems_of(moved, api.get_scope(officer))[0][3:] == (
        "moet_code",
        "school 12000101 exists outside your scope",
    )
    teacher = make_user("gv")
    with pytest.raises(PermissionError):
        api.import_organisation(files, teacher)


def test_the_template_imports_once_its_examples_exist(ready):
    api.load_units(["22"], legacy_districts=True)
    make_user("giaovien")
    make_user("teacher2")
    content, content_type, filename = api.import_template("xlsx")
    assert filename.endswith(".xlsx") and "spreadsheetml" in content_type
    assert load_workbook(io.BytesIO(content))["schools"]["D2"].value == "06688"  # text: the zero stays
    report = api.import_organisation([(filename, content)], api.SYSTEM_SCOPE)
    assert (report.schools_created, report.classes_created, report.assignments_created) == (3, 2, 2)
    for kind in ("schools", "classes", "assignments"):
        csv_content, _type, csv_name = api.import_template(kind)
        api.import_organisation([(csv_name, csv_content)], api.SYSTEM_SCOPE)
    with pytest.raises(api.SchoolsError):
        api.import_template("teachers")
