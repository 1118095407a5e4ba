"""An organisation for the scope tests: two communes of Quảng Ninh, a school of another province, users
with every role. Built through the public API (units from the real `vietnam-provinces` package, the real
program)."""

import csv as _csv
import io
from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.schools import api

QN, LAI_CHAU = "22", "12"
HA_LONG, HA_TU = "06688", "06652"  # Phường Hạ Long, Phường Hà Tu (Quảng Ninh)

SCHOOLS = {
    "A": ("22000101", "Trường THCS A", "THCS", HA_LONG),  # commune X, reports to the commune
    "A2": ("22000100", "Trường Tiểu học A2", "TH", HA_LONG),  # commune X
    "B": ("22000102", "Trường TH và THCS B", "TH, THCS", HA_TU),  # commune Y, multi-level up to THCS
    "T": ("22000300", "Trường THPT T", "THPT", HA_LONG),  # in commune X, reports to the province
    "L": ("12000101", "Trường THCS L", "THCS", "lai-chau"),  # another province
}


def csv(header, rows):
    """CSV bytes of ``header`` and ``rows``, quoted as Excel writes them."""
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def make_user(username, **extra):
    first, last = extra.pop("names", ("", ""))
    email = extra.pop("email", f"{username}@example.invalid")
    return get_user_model().objects.create_user(
        username,
        email=email,
        password=None,
        first_name=first,
        last_name=last,
        **extra,
    )


@pytest.fixture
def program(db):
    version, _ = curriculum_api.load_program()
    return version


@pytest.fixture
def year(db):
    # QĐ 2269/QĐ-BGDĐT: 05/9/2025 – 31/5/2026, 35 weeks, semester I ends before 18/01/2026.
    return api.set_school_year("2025-2026", date(2025, 9, 5), date(2026, 5, 31), 35, date(2026, 1, 19))


@pytest.fixture
def units(db):
    api.load_units([QN, LAI_CHAU])
    return SimpleNamespace(lai_chau_commune=api.list_units("commune", LAI_CHAU)[0].code)


@pytest.fixture
def org(program, year, units):
    """Schools A, A2, B, T, L with classes; users of every role (``org.users[...]``)."""
    codes = {key: value[0] for key, value in SCHOOLS.items()}
    schools = [
        (code, name, levels, units.lai_chau_commune if commune == "lai-chau" else commune)
        for code, name, levels, commune in SCHOOLS.values()
    ]
    users = {
        "teacher_a": make_user("gv_a", names=("Lan", "Nguyễn Thị")),
        "teacher_b": make_user("gv_b", names=("An", "Trần Văn")),
        "leader_a": make_user("ht_a"),
        "leader_b": make_user("ht_b"),
        "commune_x": make_user("xa_x"),
        "commune_y": make_user("xa_y"),
        "province": make_user("tinh_qn"),
        "province_other": make_user("tinh_lc"),
        "operator": make_user("it"),
        "staff": make_user("staff", is_staff=True),
        "student": make_user("hs"),
    }
    classes = [
        (codes["A"], "2025-2026", 6, "6A1", 40),
        (codes["A"], "2025-2026", 6, "6A2", 38),
        (codes["A2"], "2025-2026", 1, "1A1", 30),
        (codes["B"], "2025-2026", 5, "5A1", 35),
        (codes["T"], "2025-2026", 10, "10A1", 44),
        (codes["L"], "2025-2026", 6, "6A1", 36),
    ]
    assignments = [
        (codes["A"], "2025-2026", "6A1", "TOAN", "gv_a"),
        (codes["A"], "2025-2026", "6A2", "TOAN", "gv_a@example.invalid"),
        (codes["B"], "2025-2026", "5A1", "TIENGVIET", "gv_b"),
    ]
    files = [
        ("schools.csv", csv(["moet_code", "name", "levels", "commune_code"], schools)),
        ("classes.csv", csv(["school_code", "year", "grade", "name", "size"], classes)),
        ("assignments.csv", csv(["school_code", "year", "class", "subject", "teacher"], assignments)),
    ]
    api.import_organisation(files, api.SYSTEM_SCOPE)
    api.grant_role(users["leader_a"].id, "school_leader", codes["A"])
    api.grant_role(users["leader_b"].id, "school_leader", codes["B"])
    api.grant_role(users["commune_x"].id, "commune_officer", HA_LONG)
    api.grant_role(users["commune_y"].id, "commune_officer", HA_TU)
    api.grant_role(users["province"].id, "province_officer", QN)
    api.grant_role(users["province_other"].id, "province_officer", LAI_CHAU)
    api.grant_role(users["operator"].id, "operator")
    return SimpleNamespace(codes=codes, users=users, lai_chau_commune=units.lai_chau_commune)
