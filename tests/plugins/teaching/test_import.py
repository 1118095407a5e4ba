"""Importing sessions taught elsewhere: CSV and XLSX, all rows or none, every problem with its place."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from openedx_vn.core.spreadsheets import workbook_bytes
from openedx_vn.teaching import api
from openedx_vn.teaching.importing import HEADER

from .conftest import csv_bytes, make_user

pytestmark = pytest.mark.django_db


def row(**values):
    base = {
        "school_code": "22000101",
        "class": "6A1",
        "subject": "TOAN",
        "date": "06/10/2025",
        "start_time": "07:30",
        "periods": "2",
        "teacher": "gv_a",
        "mode": "đồng bộ",
        "form": "hỗ trợ",
        "attendance": "38",
        "url": "https://meet.example.invalid/a",
        "recording": "",
    }
    return [(base | values)[name] for name in HEADER]


def test_a_good_file_previews_then_imports_sessions_awaiting_approval(org):
    content = csv_bytes(
        HEADER, [row(), row(**{"class": "6a2", "date": "07/10/2025", "mode": "tự học", "attendance": ""})]
    )
    preview = api.import_sessions(content, "buoi-hoc.csv", org.users["teacher_a"], dry_run=True)
    assert (preview.dry_run, preview.rows, preview.created) == (True, 2, 0)
    assert api.list_sessions(org.users["teacher_a"]) == []
    report = api.import_sessions(content, "buoi-hoc.csv", org.users["teacher_a"])
    assert (report.created, len(report.session_ids)) == (2, 2)
    sessions = api.list_sessions(org.users["leader_a"])
    assert {(s.class_name, s.source, s.status, s.mode, s.form, s.evidence.attendance) for s in sessions} == {
        ("6A1", "import", "submitted", "live", "supporting", 38),
        ("6A2", "import", "submitted", "self_paced", "supporting", None),
    }
    first = next(s for s in sessions if s.class_name == "6A1")
    assert (first.starts_at.date(), first.starts_at.hour, first.starts_at.minute) == (
        date(2025, 10, 6),
        7,
        30,
    )
    assert api.approve_session(org.users["leader_a"], first.id).counted


def test_one_bad_row_imports_nothing_and_every_problem_has_its_place(org):
    rows = [
        row(),
        row(**{"class": "6A9"}),
        row(date="31/02/2025"),
        row(start_time="sáng"),
        row(periods="0", date="08/10/2025"),
        row(teacher="khongco", date="09/10/2025"),
        row(mode="hybrid", date="10/10/2025"),
        row(),  # the same session as row 2
        row(subject="NGUVAN", date="13/10/2025"),  # gv_a does not teach NGUVAN
        row(url="ftp://x", date="14/10/2025"),
    ]
    with pytest.raises(api.SessionImportError) as caught:
        api.import_sessions(csv_bytes(HEADER, rows), "hk1.csv", org.users["teacher_a"])
    places = {(p.row, p.column) for p in caught.value.problems}
    assert places == {
        (3, "class"),
        (4, "date"),
        (5, "start_time"),
        (6, "periods"),
        (7, "teacher"),
        (8, "mode"),
        (9, "date"),
        (10, "class"),
        (11, "url"),
    }
    assert all(p.file == "hk1.csv" for p in caught.value.problems)
    assert "the same session as row 2" in str(caught.value)
    assert api.list_sessions(org.users["operator"]) == []


def test_a_session_already_recorded_is_refused(org):
    api.import_sessions(csv_bytes(HEADER, [row()]), "a.csv", org.users["teacher_a"])
    with pytest.raises(api.SessionImportError, match="row 2, date: already recorded"):
        api.import_sessions(csv_bytes(HEADER, [row()]), "b.csv", org.users["teacher_a"])


def test_missing_columns_unknown_files_and_bad_encodings_are_named(org):
    with pytest.raises(api.SessionImportError) as caught:
        api.import_sessions(b"school_code,class\n22000101,6A1\n", "a.csv", org.users["teacher_a"])
    assert {p.column for p in caught.value.problems} == {"subject", "date", "start_time", "periods"}
    with pytest.raises(api.SessionImportError, match="not UTF-8"):
        api.import_sessions("lớp".encode("utf-16"), "a.csv", org.users["teacher_a"])
    with pytest.raises(api.SessionImportError, match="not a .csv or .xlsx"):
        api.import_sessions(b"x", "a.docx", org.users["teacher_a"])
    with pytest.raises(api.SessionImportError, match="not a readable .xlsx"):
        api.import_sessions(b"not a zip", "a.xlsx", org.users["teacher_a"])
    with pytest.raises(api.SessionImportError, match="no sessions"):
        api.import_sessions(csv_bytes(HEADER, []), "a.csv", org.users["teacher_a"])


def test_the_xlsx_template_imports_as_it_is(org):
    content, content_type, filename = api.session_import_template("xlsx")
    assert filename.endswith(".xlsx") and "spreadsheetml" in content_type
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[1]] == list(HEADER)
    make_user("giaovien")  # the example rows' teacher (the demo school's)
    report = api.import_sessions(content, filename, org.users["leader_a"], dry_run=True)
    assert report.rows == 2


def test_excel_dates_and_a_semicolon_csv_are_read(org):
    book = workbook_bytes("sessions", HEADER, [row(date="2025-10-06 00:00:00", start_time="07:30:00")])
    assert api.import_sessions(book, "a.xlsx", org.users["teacher_a"]).created == 1
    text = ";".join(HEADER) + "\n" + ";".join(str(v) for v in row(date="08/10/2025")) + "\n"
    assert api.import_sessions(text.encode("utf-8-sig"), "b.csv", org.users["teacher_a"]).created == 1
