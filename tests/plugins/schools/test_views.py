"""Every endpoint × every role: what each user gets, and that out-of-scope schools look like missing ones."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from openedx_vn.schools import api

from .conftest import csv
from .test_scope import EVERY, MATRIX

pytestmark = pytest.mark.django_db
WHO = [*MATRIX, "anonymous"]


def client_for(client, org, who):
    if who != "anonymous":
        client.force_login(org.users[who])
    return client


@pytest.mark.parametrize("who", WHO)
def test_school_list_is_the_scope(client, org, who):
    response = client_for(client, org, who).get(reverse("vn_schools:school-list"))
    if who == "anonymous":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    seen = EVERY if MATRIX[who][0] == "*" else MATRIX[who][0]
    assert {row["code"] for row in response.json()} == {org.codes[key] for key in seen}


@pytest.mark.parametrize("who", WHO)
def test_school_detail_only_in_scope(client, org, who):
    client = client_for(client, org, who)
    seen, led = ((EVERY if part == "*" else part) for part in MATRIX.get(who, (set(), set())))
    for key, code in org.codes.items():
        response = client.get(reverse("vn_schools:school-detail", args=[code]), {"year": "2025-2026"})
        if who == "anonymous":
            assert response.status_code == 403
        elif key in seen:
            assert response.status_code == 200, (who, key)
            assert response.json()["school"]["code"] == code
            assert response.json()["can_lead"] is (key in led)
        else:
            assert response.status_code == 404, (who, key)


def test_out_of_scope_and_missing_schools_answer_alike(client, org):
    client.force_login(org.users["leader_b"])
    hidden = client.get(reverse("vn_schools:school-detail", args=[org.codes["A"]]), HTTP_ACCEPT_LANGUAGE="en")
    missing = client.get(reverse("vn_schools:school-detail", args=["99999999"]), HTTP_ACCEPT_LANGUAGE="en")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"].replace(org.codes["A"], "X") == missing.json()["detail"].replace(
        "99999999", "X"
    )


def test_school_detail_has_classes_assignments_and_teachers(client, org):
    client.force_login(org.users["leader_a"])
    data = client.get(
        reverse("vn_schools:school-detail", args=[org.codes["A"]]), {"year": "2025-2026"}
    ).json()
    assert data["school"]["levels"] == ["lower_secondary"]
    assert data["school"]["commune_name"] == "Phường Hạ Long"
    assert [(c["name"], c["grade"], c["size"]) for c in data["classes"]] == [("6A1", 6, 40), ("6A2", 6, 38)]
    assert [(a["class_name"], a["subject_code"], a["teacher_name"]) for a in data["assignments"]] == [
        ("6A1", "TOAN", "Nguyễn Thị Lan"),
        ("6A2", "TOAN", "Nguyễn Thị Lan"),
    ]
    assert [t["username"] for t in data["teachers"]] == ["gv_a"]
    bad = client.get(reverse("vn_schools:school-detail", args=[org.codes["A"]]), {"year": "1999-2000"})
    assert bad.status_code == 400


@pytest.mark.parametrize("who", WHO)
def test_scope_endpoint(client, org, who):
    response = client_for(client, org, who).get(reverse("vn_schools:scope"))
    if who == "anonymous":
        assert response.status_code == 403
        return
    data = response.json()
    assert data["everything"] is (who in ("operator", "staff"))
    assert data["can_import"] is (who in ("operator", "staff", "province", "province_other"))
    if not data["everything"]:
        assert data["school_count"] == len(MATRIX[who][0])


@pytest.mark.parametrize("who", WHO)
def test_units_and_school_years_need_a_sign_in(client, org, who):
    client = client_for(client, org, who)
    units = client.get(reverse("vn_schools:unit-list"), {"level": "commune", "parent": "22"})
    years = client.get(reverse("vn_schools:year-list"))
    if who == "anonymous":
        assert (units.status_code, years.status_code) == (403, 403)
        return
    assert len(units.json()) == 54  # NQ 1679/NQ-UBTVQH15: 30 phường, 22 xã, 2 đặc khu
    assert years.json() == [
        {
            "name": "2025-2026",
            "starts_on": "2025-09-05",
            "ends_on": "2026-05-31",
            "weeks": 35,
            "semester2_starts_on": "2026-01-19",
        }
    ]


SCHOOL_ROW = ["moet_code", "name", "levels", "commune_code"]


@pytest.mark.parametrize("who", WHO)
def test_import_endpoint_roles(client, org, who):
    """Operators, staff and province officers import; province officers only into their province."""
    file = upload("schools.csv", csv(SCHOOL_ROW, [["22000555", "Trường Mầm non Mới", "MN", "06688"]]))
    response = client_for(client, org, who).post(
        reverse("vn_schools:import"), {"file": file, "dry_run": "true"}
    )
    expected = {"operator": 200, "staff": 200, "province": 200, "province_other": 400}.get(who, 403)
    assert response.status_code == expected, response.content
    if expected == 200:
        assert response.json()["schools_created"] == 1
        assert response.json()["dry_run"] is True
    if who == "province_other":
        assert "nằm ngoài phạm vi của bạn" in str(response.json()["problems"])
    assert not api.list_schools(level="preschool")  # a dry run, or refused: nothing stored


def upload(name, content):
    file = io.BytesIO(content)
    file.name = name
    return file


def test_import_endpoint_stores_and_reports_problems_with_places(client, org):
    client.force_login(org.users["province"])
    url = reverse("vn_schools:import")
    good = upload("schools.csv", csv(SCHOOL_ROW, [["22000555", "Trường Mầm non Mới", "MN", "06688"]]))
    assert client.post(url, {"file": good}).json()["schools_created"] == 1
    assert api.get_school("22000555").reports_to == "commune"
    bad = upload(
        "classes.csv",
        csv(["school_code", "year", "grade", "name", "size"], [["22000555", "2025-2026", 6, "6A1", 30]]),
    )
    response = client.post(url, {"file": bad}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {
            "file": "classes.csv",
            "sheet": None,
            "row": 2,
            "field": "grade",
            "message": "grade 6 is not taught at a school of level(s): preschool",
        }
    ]
    assert client.post(url, {}).status_code == 400


@pytest.mark.parametrize(("path", "kind"), [("template.xlsx", "xlsx"), ("template-classes.csv", "csv")])
def test_templates_download_without_data(client, path, kind):
    response = client.get(f"/vn/schools/api/v1/import/{path}")
    assert response.status_code == 200
    if kind == "xlsx":
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == ["schools", "classes", "assignments"]
        assert [c.value for c in book["schools"][1]] == SCHOOL_ROW + ["district_code"]
    else:
        assert response.content.decode("utf-8-sig").splitlines()[0] == "school_code,year,grade,name,size"
