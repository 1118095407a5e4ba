"""The operators' commands: load_units, set_school_year, import_schools, grant_role."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from openedx_vn.schools import api

from .conftest import csv, make_user

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()


def test_load_units_and_set_school_year(db):
    assert run("load_units", "22", "--districts").startswith(
        "1 province(s), 54 commune-level unit(s), 13 pre-2025 district(s): 68 new"
    )
    with pytest.raises(CommandError, match="not a province code"):
        run("load_units", "0")
    out = run("set_school_year", "2025-2026", "05/09/2025", "31/05/2026", "--semester2", "19/01/2026")
    assert out.strip() == "2025-2026: 05/09/2025 – 31/05/2026, 35 weeks, semester II from 19/01/2026."
    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        run("set_school_year", "2025-2026", "2025-09-05", "31/05/2026", "--semester2", "19/01/2026")
    with pytest.raises(CommandError, match="semester2_starts_on"):
        run("set_school_year", "2025-2026", "05/09/2025", "31/05/2026", "--semester2", "01/09/2025")


def test_import_schools_command(tmp_path, program, year, units):
    teacher = make_user("co_lan")
    schools = tmp_path / "schools.csv"
    schools.write_bytes(
        csv(["moet_code", "name", "levels", "commune_code"], [["22000101", "Trường THCS", "THCS", "06688"]])
    )
    assignments = tmp_path / "assignments.csv"
    assignments.write_bytes(
        csv(
            ["school_code", "year", "class", "subject", "teacher"],
            [["22000101", "2025-2026", "6A1", "TOAN", "co_lan"]],
        )
    )
    classes = tmp_path / "classes.csv"
    classes.write_bytes(
        csv(["school_code", "year", "grade", "name", "size"], [["22000101", "2025-2026", 6, "6A1", 40]])
    )
    out = run("import_schools", str(schools), str(classes), str(assignments), "--dry-run")
    assert out.startswith("would import: schools 1 new, 0 updated; classes 1 new")
    assert api.list_schools() == []
    out = run("import_schools", str(schools), str(classes), str(assignments))
    assert "assignments 1 new, 0 removed; 1 teacher role(s) added." in out
    assert [c.name for c in api.classes_of_teacher(teacher, "2025-2026")] == ["6A1"]
    classes.write_bytes(
        csv(["school_code", "year", "grade", "name", "size"], [["22000101", "2025-2026", 13, "6A1", 40]])
    )
    with pytest.raises(CommandError) as caught:
        run("import_schools", str(classes))
    assert "classes.csv, row 2: grade: '13' is not a grade 1–12" in str(caught.value)
    with pytest.raises(CommandError, match="missing.csv"):
        run("import_schools", str(tmp_path / "missing.csv"))


def test_grant_role_command(program, year, units):
    api.import_organisation(
        [
            (
                "schools.csv",
                csv(["moet_code", "name", "levels", "commune_code"], [["22000101", "THCS", "THCS", "06688"]]),
            )
        ],
        api.SYSTEM_SCOPE,
    )
    leader = make_user("hieutruong")
    assert "granted" in run("grant_role", "hieutruong", "school_leader", "22000101")
    assert "already had it" in run("grant_role", "hieutruong", "school_leader", "22000101")
    assert api.can_lead_school(leader, "22000101")
    assert "revoked" in run("grant_role", "hieutruong", "school_leader", "22000101", "--revoke")
    assert not api.can_view_school(leader, "22000101")
    with pytest.raises(CommandError, match="No user"):
        run("grant_role", "nobody", "operator")
    with pytest.raises(CommandError, match="province"):
        run("grant_role", "hieutruong", "province_officer", "06688")
