"""An organisation for the share tests, built through ``schools.api`` (units from the real `vietnam-provinces`
package, the real program): four schools of two Quảng Ninh communes, classes, assignments, every role."""

import csv as _csv
import io
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.schools import api as schools_api

QN = "22"
HA_LONG, HA_TU = "06688", "06652"  # Phường Hạ Long, Phường Hà Tu
YEAR = "2025-2026"
VN = ZoneInfo("Asia/Ho_Chi_Minh")

SCHOOLS = {
    "A": ("22000101", "Trường THCS A", "THCS", HA_LONG),  # reports to the commune
    "P": ("22000100", "Trường Tiểu học P", "TH", HA_LONG),  # reports to the commune
    "B": ("22000102", "Trường TH và THCS B", "TH, THCS", HA_TU),  # multi-level up to THCS: the commune
    "T": ("22000300", "Trường THPT T", "THPT", HA_LONG),  # in Hạ Long, reports to the province
}
CLASSES = [
    ("A", 6, "6A1", 40),
    ("A", 6, "6A2", 38),
    ("P", 1, "1A1", 30),
    ("B", 5, "5A1", 35),
    ("B", 6, "6B1", 36),
    ("T", 10, "10A1", 44),
]
ASSIGNMENTS = [
    ("A", "6A1", "TOAN", "gv_a"),
    ("A", "6A2", "TOAN", "gv_a"),
    ("A", "6A1", "NGUVAN", "gv_c"),
    ("B", "5A1", "TIENGVIET", "gv_b"),
    ("T", "10A1", "TOAN", "gv_t"),
]


def at(day, hour=7, minute=30):
    """An aware datetime in Asia/Ho_Chi_Minh."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


def csv_bytes(header, rows):
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def make_user(username, **extra):
    return get_user_model().objects.create_user(
        username, email=f"{username}@example.invalid", password=None, **extra
    )


@pytest.fixture
def org(db):
    """Schools A, P, B, T (``org.codes``), classes (``org.classes["A", "6A1"]`` → id), users of every role
    (``org.users[...]``), the 2025-2026 school year and the curriculum."""
    curriculum_api.load_program()
    schools_api.set_school_year(YEAR, date(2025, 9, 5), date(2026, 5, 31), 35, date(2026, 1, 19))
    schools_api.load_units([QN])
    users = {
        name: make_user(username)
        for name, username in {
            "teacher_a": "gv_a",
            "teacher_b": "gv_b",
            "teacher_c": "gv_c",
            "teacher_t": "gv_t",
            "leader_a": "ht_a",
            "leader_b": "ht_b",
            "leader_t": "ht_t",
            "commune_x": "xa_halong",
            "commune_y": "xa_hatu",
            "province": "tinh_qn",
            "operator": "vanhanh",
            "student": "hs",
        }.items()
    }
    users["staff"] = make_user("quantri", is_staff=True)
    codes = {key: value[0] for key, value in SCHOOLS.items()}
    files = [
        ("schools.csv", csv_bytes(["moet_code", "name", "levels", "commune_code"], SCHOOLS.values())),
        (
            "classes.csv",
            csv_bytes(
                ["school_code", "year", "grade", "name", "size"],
                [(codes[s], YEAR, grade, name, size) for s, grade, name, size in CLASSES],
            ),
        ),
        (
            "assignments.csv",
            csv_bytes(
                ["school_code", "year", "class", "subject", "teacher"],
                [(codes[s], YEAR, name, subject, teacher) for s, name, subject, teacher in ASSIGNMENTS],
            ),
        ),
    ]
    schools_api.import_organisation(files, schools_api.SYSTEM_SCOPE)
    for who, key in (("leader_a", "A"), ("leader_b", "B"), ("leader_t", "T")):
        schools_api.grant_role(users[who].id, "school_leader", codes[key])
    schools_api.grant_role(users["commune_x"].id, "commune_officer", HA_LONG)
    schools_api.grant_role(users["commune_y"].id, "commune_officer", HA_TU)
    schools_api.grant_role(users["province"].id, "province_officer", QN)
    schools_api.grant_role(users["operator"].id, "operator")
    classes = {
        (key, c.name): c.id for key, code in codes.items() for c in schools_api.list_classes(code, YEAR)
    }
    return SimpleNamespace(codes=codes, users=users, classes=classes, year=YEAR)


@pytest.fixture(autouse=True)
def _english():
    """The tests assert the English source texts (people read them in Vietnamese through the catalogs)."""
    with translation.override("en"):
        yield
