"""Dashboards: who reaches which page, what each sees (scope), the leader's decisions, the exports.

The organisation is built through schools.api (units from the real `vietnam-provinces` package); plans and
sessions through teaching.api. School year 2025-2026 is over on the day the tests run (its figures final),
so a cell short of its target is "behind". Assertions read structure and numbers (data-status, 3,0%), not
the wording, which the translation catalogs own.
"""

import csv as _csv
import io
import re
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api
from openedx_vn.teaching.dashboard_views import trend_chart
from openedx_vn.teaching.data import TrendPoint

pytestmark = pytest.mark.django_db

YEAR = "2025-2026"
QN, LAI_CHAU = "22", "12"
HA_LONG, HA_TU = "06688", "06652"  # Phường Hạ Long, Phường Hà Tu (Quảng Ninh)
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _csv_bytes(header, rows):
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _user(username, first="", last="", **extra):
    return get_user_model().objects.create_user(
        username, password=None, first_name=first, last_name=last, **extra
    )


@pytest.fixture
def storage(tmp_path, settings):
    settings.VN_PRIVATE_STORAGE_ROOT = tmp_path / "private"  # exports are private files (ADR 0011)
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield tmp_path / "private"


@pytest.fixture
def world(db):
    return build_world()


def build_world():
    """Schools A (THCS, Hạ Long), A2 (TH, Hạ Long), B (THCS, Hà Tu), T (THPT in Hạ Long: the province's),
    L (another province); users of every role; plans and sessions of school A."""
    curriculum_api.load_program()  # the grades and subjects classes are checked against
    schools_api.load_units([QN, LAI_CHAU])
    lai_chau_commune = schools_api.list_units("commune", LAI_CHAU)[0].code
    schools_api.set_school_year(YEAR, date(2025, 9, 5), date(2026, 5, 31), 35, date(2026, 1, 19))
    codes = {"A": "22000101", "A2": "22000100", "B": "22000102", "T": "22000300", "L": "12000101"}
    schools = [
        (codes["A"], "Trường THCS Hạ Long", "THCS", HA_LONG),
        (codes["A2"], "Trường Tiểu học Ánh Dương", "TH", HA_LONG),
        (codes["B"], "Trường THCS Hà Tu", "THCS", HA_TU),
        (codes["T"], "Trường THPT Hòn Gai", "THPT", HA_LONG),
        (codes["L"], "Trường THCS Lai Châu", "THCS", lai_chau_commune),
    ]
    classes = [
        (codes["A"], YEAR, 6, "6A1", 40),
        (codes["A"], YEAR, 6, "6A2", 38),
        (codes["A2"], YEAR, 1, "1A1", 30),
        (codes["B"], YEAR, 6, "6B1", 35),
        (codes["T"], YEAR, 10, "10A1", 44),
        (codes["L"], YEAR, 6, "6L1", 36),
    ]
    users = {
        "teacher_a": _user("gv_a", "Lan", "Nguyễn Thị"),
        "leader_a": _user("ht_a", "Hùng", "Phạm Văn"),
        "leader_b": _user("ht_b"),
        "commune_x": _user("xa_x"),
        "commune_y": _user("xa_y"),
        "province": _user("tinh_qn"),
        "province_other": _user("tinh_lc"),
        "operator": _user("it"),
        "staff": _user("quantri", is_staff=True),
        "student": _user("hs"),
    }
    assignments = [
        (codes["A"], YEAR, "6A1", "TOAN", "gv_a"),
        (codes["A"], YEAR, "6A2", "TOAN", "gv_a"),
        (codes["A"], YEAR, "6A1", "NGUVAN", "gv_a"),  # no plan: provisional
    ]
    files = [
        ("schools.csv", _csv_bytes(["moet_code", "name", "levels", "commune_code"], schools)),
        ("classes.csv", _csv_bytes(["school_code", "year", "grade", "name", "size"], classes)),
        ("assignments.csv", _csv_bytes(["school_code", "year", "class", "subject", "teacher"], assignments)),
    ]
    schools_api.import_organisation(files, schools_api.SYSTEM_SCOPE)
    for who, role, scope in [
        ("leader_a", "school_leader", codes["A"]),
        ("leader_b", "school_leader", codes["B"]),
        ("commune_x", "commune_officer", HA_LONG),
        ("commune_y", "commune_officer", HA_TU),
        ("province", "province_officer", QN),
        ("province_other", "province_officer", LAI_CHAU),
        ("operator", "operator", None),
    ]:
        schools_api.grant_role(users[who].id, role, scope)
    class_ids = {
        (code, c.name): c.id for code in codes.values() for c in schools_api.list_classes(code, YEAR)
    }
    a61, a62 = class_ids[(codes["A"], "6A1")], class_ids[(codes["A"], "6A2")]
    api.set_plan(a61, "TOAN", planned_periods=100)
    api.set_plan(a62, "TOAN", planned_periods=100)
    api.set_plan(class_ids[(codes["B"], "6B1")], "TOAN", planned_periods=100)
    teacher, leader = users["teacher_a"], users["leader_a"]

    def session(class_id, day, periods, decide=True):
        found = api.create_session(
            teacher,
            class_id=class_id,
            subject_code="TOAN",
            starts_at=datetime(2025, 10, day, 7, 30, tzinfo=HCM),
            periods=periods,
            url="https://meet.example.invalid/toan",
        )
        api.submit_session(teacher, found.id)
        if decide:
            api.approve_session(leader, found.id)
        return found.id

    session(a61, 6, 3)  # 6A1 Toán: 3 of 100 → 3,0%, behind (target > 10%)
    session(a62, 7, 12)  # 6A2 Toán: 12 of 100 → 12,0%, met
    pending = session(a61, 13, 10, decide=False)  # awaiting approval: 6A1 would reach 13,0%
    return SimpleNamespace(codes=codes, users=users, class_ids=class_ids, pending=pending, a61=a61)


def _get(client, world, who, url):
    if who != "anonymous":
        client.force_login(world.users[who])
    return client.get(url)


def _school_url(world, key):
    return reverse("vn_teaching:school-dashboard", args=[world.codes[key]])


def _listed(page):
    return set(re.findall(r'data-school="(\d+)"', page))


def _cell(page, class_name, column):
    """(data-status, text) of a class row's cell: column 0 is the class's all-subjects figure."""
    row = re.search(rf'<tr data-class="{class_name}">(.*?)</tr>', page, re.S)[1]
    cells = re.findall(r'<td class="vn-cell[^"]*" data-status="(\w+)"[^>]*>(.*?)</td>', row, re.S)
    status, html = cells[column]
    return status, re.sub(r"<[^>]+>", " ", html).split()[0]


# ------------------------------------------------------------------------------------- role × page
HOME = {
    "anonymous": 200,  # a sign-in link, no figures
    "student": 403,
    "teacher_a": 200,
    "leader_a": 200,
    "commune_x": 200,
    "province": 200,
    "operator": 200,
    "staff": 200,
}


@pytest.mark.parametrize(("who", "status"), HOME.items())
def test_home_routes_each_role_to_its_dashboard(client, world, who, status):
    response = _get(client, world, who, reverse("vn_teaching:overview"))

    assert response.status_code == status
    page = response.content.decode()
    if who == "anonymous":
        assert "/accounts/login/?next=/vn/teaching/" in page and "data-status" not in page
    if who == "teacher_a":
        assert "vn-my-classes" in page and 'data-subject="TOAN"' in page
    if who == "leader_a":
        assert "vn-pending" in page and 'data-class="6A1"' in page
    if who in ("commune_x", "province", "operator", "staff"):
        assert "vn-schools" in page


SCHOOL_A = {
    "anonymous": 302,
    "student": 404,
    "teacher_a": 404,  # a teacher reads their own cells on their page, not the school's figures
    "leader_a": 200,
    "leader_b": 404,  # another school's leader: as if the school did not exist
    "commune_x": 200,
    "commune_y": 404,
    "province": 200,
    "province_other": 404,
    "operator": 200,
    "staff": 200,
}


@pytest.mark.parametrize(("who", "status"), SCHOOL_A.items())
def test_school_page_only_in_scope(client, world, who, status):
    response = _get(client, world, who, _school_url(world, "A"))

    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert 'data-class="6A1"' in page
        # Only the school's own leaders get the decision buttons.
        assert ("/approve/" in page) is (who == "leader_a")


def test_the_upper_secondary_school_of_a_commune_is_the_provinces(client, world):
    assert _get(client, world, "commune_x", _school_url(world, "T")).status_code == 404
    assert _get(client, world, "province", _school_url(world, "T")).status_code == 200


SCHOOLS_LIST = {
    "student": (403, None),
    "teacher_a": (403, None),
    "leader_a": (200, {"A"}),
    "commune_x": (200, {"A", "A2"}),  # not T (reports to the province), not B (another commune)
    "commune_y": (200, {"B"}),
    "province": (200, {"A", "A2", "B", "T"}),
    "province_other": (200, {"L"}),
    "operator": (200, {"A", "A2", "B", "T", "L"}),
}


@pytest.mark.parametrize(("who", "expected"), SCHOOLS_LIST.items())
def test_schools_list_shows_the_schools_in_scope(client, world, who, expected):
    status, keys = expected
    response = _get(client, world, who, reverse("vn_teaching:schools-dashboard"))

    assert response.status_code == status
    if keys is not None:
        assert _listed(response.content.decode()) == {world.codes[key] for key in keys}


def test_teacher_page_is_for_teachers(client, world):
    url = reverse("vn_teaching:teacher-dashboard")
    assert _get(client, world, "leader_a", url).status_code == 403
    assert _get(client, world, "student", url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


# ------------------------------------------------------------------------------------ what is shown
def test_school_grid_colours_and_vietnamese_numbers(client, world):
    page = _get(client, world, "leader_a", _school_url(world, "A")).content.decode()

    assert _cell(page, "6A2", 0) == ("met", "12,0%")
    status, text = _cell(page, "6A1", 1)  # columns: all subjects, NGUVAN, TOAN (by code)
    assert status == "no_plan" and text == "–"
    assert _cell(page, "6A1", 2) == ("behind", "3,0%")
    assert 'class="vn-cell vn-status-no_plan vn-provisional"' in page  # the unplanned assignment
    assert "vn-provisional-note" in page
    assert "13/10/2025 07:30" in page  # the pending session, dd/mm/yyyy in Asia/Ho_Chi_Minh
    assert "Nguyễn Thị Lan" in page  # its teacher, Vietnamese name order
    assert '<polyline class="share"' in page
    coordinates = re.findall(r' (?:cx|cy|x1|y1|x|y)="([^"]*)"', page)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", c) for c in coordinates)  # SVG: no 12,5


def test_commune_officer_never_sees_another_communes_schools(client, world, storage):
    client.force_login(world.users["commune_x"])
    url = reverse("vn_teaching:schools-dashboard")

    assert _listed(client.get(url, {"area": HA_LONG}).content.decode()) == {
        world.codes["A"],
        world.codes["A2"],
    }
    assert client.get(url, {"area": HA_TU}).status_code == 404
    # Asking for the whole province still gives only the commune's own schools.
    assert _listed(client.get(url, {"area": QN}).content.decode()) == {world.codes["A"], world.codes["A2"]}
    assert _listed(client.get(url, {"level": "primary"}).content.decode()) == {world.codes["A2"]}
    export = client.post(reverse("vn_teaching:schools-export", args=["csv"]), {"area": HA_TU})
    assert export.status_code == 404
    for key in ("B", "T", "L"):
        assert client.get(_school_url(world, key)).status_code == 404


def test_schools_are_sorted_by_gap_to_target(client, world):
    page = _get(client, world, "province", reverse("vn_teaching:schools-dashboard")).content.decode()
    order = re.findall(r'data-school="(\d+)"', page)

    # A: 15 of 200 periods (7,5%), short of > 10% by 2,5 points; B: 0 of 100, 10 points short.
    assert order.index(world.codes["B"]) < order.index(world.codes["A"])
    assert "2,5" in page


def test_trend_chart_geometry():
    points = [
        TrendPoint(1, date(2025, 9, 1), 0, 100, Fraction(0)),
        TrendPoint(2, date(2025, 9, 8), 3, 100, Fraction(3, 100)),
    ]
    chart = trend_chart(points, 35, [(Decimal("10.0"), "> 10,0%")])

    assert chart["points"][0][0] == chart["left"]  # week 1 at the left edge
    assert chart["points"][0][1] == chart["bottom"]  # 0% on the axis
    assert chart["targets"][0]["y"] < chart["points"][1][1] < chart["bottom"]  # 3% under the 10% target
    assert [tick["label"] for tick in chart["y_ticks"]][-1] >= Decimal(12)  # room above the target


# ------------------------------------------------------------------------------------------ actions
def test_leader_approves_and_the_share_changes(client, world):
    client.force_login(world.users["leader_a"])
    url = _school_url(world, "A")
    assert _cell(client.get(url).content.decode(), "6A1", 2) == ("behind", "3,0%")

    response = client.post(
        reverse("vn_teaching:approve-session", args=[world.codes["A"], world.pending]), follow=True
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert _cell(page, "6A1", 2) == ("met", "13,0%")
    assert f'data-session="{world.pending}"' not in page  # no longer awaiting approval
    assert api.get_session(world.users["leader_a"], world.pending).status == "approved"


@pytest.mark.parametrize(("who", "status"), [("leader_b", 404), ("commune_x", 403), ("operator", 403)])
def test_only_the_schools_leader_decides(client, world, who, status):
    client.force_login(world.users[who])
    for action in ("approve-session", "reject-session"):
        url = reverse(f"vn_teaching:{action}", args=[world.codes["A"], world.pending])
        assert client.post(url, {"reason": "thiếu minh chứng"}).status_code == status
    assert api.get_session(world.users["leader_a"], world.pending).status == "submitted"


def test_decisions_are_posts_with_csrf(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["leader_a"])
    url = reverse("vn_teaching:approve-session", args=[world.codes["A"], world.pending])

    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403  # no CSRF token
    assert api.get_session(world.users["leader_a"], world.pending).status == "submitted"


def test_reject_needs_a_reason_the_teacher_then_reads(client, world):
    client.force_login(world.users["leader_a"])
    url = reverse("vn_teaching:reject-session", args=[world.codes["A"], world.pending])

    client.post(url, {"reason": "  "})
    assert api.get_session(world.users["leader_a"], world.pending).status == "submitted"
    client.post(url, {"reason": "Chưa có biên bản điểm danh"})
    assert api.get_session(world.users["leader_a"], world.pending).status == "rejected"

    client.force_login(world.users["teacher_a"])
    page = client.get(reverse("vn_teaching:teacher-dashboard")).content.decode()
    assert "Chưa có biên bản điểm danh" in page
    assert f'action="/vn/teaching/my/sessions/{world.pending}/submit/"' in page  # can resubmit


def test_teacher_records_and_submits_a_session(client, world):
    client.force_login(world.users["teacher_a"])
    url = reverse("vn_teaching:teacher-dashboard")
    page = client.get(url).content.decode()
    assert re.search(r'data-subject="TOAN">\s*<td>6A1</td>', page)

    form = {
        "slot": f"{world.a61}:TOAN",
        "day": "03/11/2025",
        "start": "14:00",
        "periods": "2",
        "mode": "live",
        "form": "supporting",
        "url": "https://meet.example.invalid/6a1",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    created = api.list_sessions(world.users["teacher_a"], class_id=world.a61, status="draft")
    assert [(s.periods, s.starts_at.astimezone(HCM).strftime("%d/%m/%Y %H:%M")) for s in created] == [
        (2, "03/11/2025 14:00")
    ]

    duplicate = client.post(url, form)  # the same class, subject and start: refused, named
    assert duplicate.status_code == 400
    assert "đã có buổi học môn TOAN" in duplicate.content.decode()

    outside = client.post(url, form | {"day": "01/07/2026"})
    assert outside.status_code == 400 and "01/07/2026" in outside.content.decode()

    client.post(reverse("vn_teaching:submit-session", args=[created[0].id]))
    assert api.get_session(world.users["teacher_a"], created[0].id).status == "submitted"


def test_a_teacher_cannot_record_for_a_class_they_do_not_teach(client, world):
    client.force_login(world.users["teacher_a"])
    b_class = world.class_ids[(world.codes["B"], "6B1")]
    response = client.post(
        reverse("vn_teaching:teacher-dashboard"),
        {
            "slot": f"{b_class}:TOAN",
            "day": "2025-11-03",
            "start": "14:00",
            "periods": "1",
            "mode": "live",
            "form": "supporting",
        },
    )
    assert response.status_code == 400  # not one of their class × subjects: the form refuses it
    assert api.list_sessions(world.users["operator"], class_id=b_class) == []


# ------------------------------------------------------------------------------------------ exports
def _download(client, response):
    assert response.status_code == 302
    link = response["Location"]
    assert link.startswith("/vn/core/exports/")
    got = client.get(link)
    assert got.status_code == 200
    return link, b"".join(got.streaming_content)


def test_school_exports(client, world, storage):
    client.force_login(world.users["leader_a"])
    export = reverse("vn_teaching:school-export", args=[world.codes["A"], "xlsx"])

    link, content = _download(client, client.post(export))
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]  # classes × subjects, then weeks
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    toan_6a1 = next(row for row in rows if row[3] == "6A1" and row[5] == "TOAN")
    assert toan_6a1[:2] == [YEAR, world.codes["A"]]
    assert toan_6a1[7:10] == [100, 3, 0.03]
    assert toan_6a1[12] == 10  # periods awaiting approval

    _link, text = _download(client, client.post(export.replace("xlsx", "csv")))
    assert text.startswith(b"\xef\xbb\xbf")
    assert f"{YEAR},{world.codes['A']},Trường THCS Hạ Long,6A1,6,TOAN,Toán,100,3,3.0".encode() in text

    _link, pdf = _download(client, client.post(export.replace("xlsx", "pdf")))
    assert pdf.startswith(b"%PDF-") and b"BeVietnamPro" in pdf
    if shutil.which("pdftotext"):  # poppler-utils reads the text back
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "Trường THCS Hạ Long" in text
        assert "3,0% (3/100)" in text and "12,0% (12/100)" in text
        assert "13/10/2025 07:30" in text  # the pending session, in Vietnam's time

    client.force_login(world.users["commune_x"])  # sees the school, but the link was made for the leader
    assert client.get(link).status_code == 403


def test_school_export_checks_scope(client, world, storage):
    client.force_login(world.users["leader_b"])
    response = client.post(reverse("vn_teaching:school-export", args=[world.codes["A"], "xlsx"]))
    assert response.status_code == 404
    assert not storage.exists() or not any(storage.rglob("*.xlsx"))


def test_officer_exports_follow_the_filters(client, world, storage):
    client.force_login(world.users["commune_x"])
    export = reverse("vn_teaching:schools-export", args=["xlsx"])

    _link, content = _download(client, client.post(export))
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in rows} == {world.codes["A"], world.codes["A2"]}
    a = next(row for row in rows if row[0] == world.codes["A"])
    assert a[5:8] == (200, 15, 0.075)

    _link, content = _download(client, client.post(export, {"level": "primary"}))
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [world.codes["A2"]]

    _link, text = _download(client, client.post(export.replace("xlsx", "csv")))
    lines = text.decode("utf-8-sig").splitlines()
    assert lines[1].startswith(f"{world.codes['A']},Trường THCS Hạ Long,Phường Hạ Long,")
    assert ",200,15,7.5,>10.0,2.5," in lines[1]

    assert client.post(reverse("vn_teaching:schools-export", args=["pdf"])).status_code == 404


def test_before_the_first_school_year_pages_say_so(client):
    client.force_login(_user("quantri", is_staff=True))

    response = client.get(reverse("vn_teaching:overview"))

    assert response.status_code == 200
    assert 'class="vn-no-year"' in response.content.decode()
    assert client.get(reverse("vn_teaching:school-dashboard", args=["22000101"])).status_code == 200
