"""Reports that can be filed: the area's PDF and XLSX in the administrative form (motto, unit, place and date,
title, totals, chart, signatures), its CSV for programs, the school's PDF with a total row, a chart and the
signatures; the wording ("Tỷ lệ", not "Chia sẻ"; "Lớp" then "Khối") and one date order everywhere."""

import csv
import io
import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from openedx_vn.core.pdf import dated_at
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import area_exports, area_workbook

from .conftest import HA_LONG, QN, YEAR
from .test_area_views import area  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@pytest.fixture
def storage(tmp_path, settings):
    settings.VN_PRIVATE_STORAGE_ROOT = tmp_path / "private"


def _download(client, response):
    assert response.status_code == 302
    got = client.get(response["Location"])
    assert got.status_code == 200
    disposition = got.get("Content-Disposition", "")
    return b"".join(got.streaming_content), disposition


def _export(client, user, unit, kind):
    client.force_login(user)
    return _download(
        client, client.post(reverse("vn_teaching:area-export", args=[unit, kind]), {"year": YEAR})
    )


def pdf_text(pdf):
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_the_province_pdf_is_in_the_administrative_form(client, area, storage, tmp_path):  # noqa: F811
    pdf, disposition = _export(client, area.users["province"], QN, "pdf")
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(MOTTO[0] in line for line in lines) and any(MOTTO[1] in line for line in lines)
    province = schools_api.get_unit(QN).name  # as the vietnam-provinces package names it
    assert any(f"UBND {province.upper()}" in line for line in lines)
    assert any("SỞ GIÁO DỤC VÀ ĐÀO TẠO" in line for line in lines)
    assert dated_at("Quảng Ninh", timezone.localdate()) in text  # the place without its kind of unit
    assert "BÁO CÁO TỶ LỆ DẠY HỌC TRỰC TUYẾN" in text
    totals = next(line for line in lines if line.startswith("Tất cả các cấp"))
    assert "500 25 5,0%" in totals  # schools, planned, online, share: the decimal comma
    assert any(line.startswith("THCS") and "200 9 4,5%" in line for line in lines)
    assert "NGƯỜI LẬP BIỂU" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text and "(Ký tên, đóng dấu)" in text
    assert "chỉ tiêu THCS, THPT: > 10,0%" in text  # the chart's target line
    assert "Chia sẻ" not in text
    # The page renders: poppler draws it to an image of the right size.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-"],
        input=pdf,
        check=True,
        stdout=(tmp_path / "page.ppm").open("wb"),
    )
    assert (tmp_path / "page.ppm").stat().st_size > 10_000


def test_the_area_xlsx_keeps_numbers_with_a_vietnamese_format(client, area, storage):  # noqa: F811
    content, _disposition = _export(client, area.users["commune_x"], HA_LONG, "xlsx")
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    flat = [value for row in values for value in row if value is not None]
    assert MOTTO[0] in flat and MOTTO[1] in flat and "UBND PHƯỜNG HẠ LONG" in flat
    assert "PHÒNG VĂN HÓA - XÃ HỘI" in flat and "NGƯỜI LẬP BIỂU" in flat and "THỦ TRƯỞNG ĐƠN VỊ" in flat
    assert dated_at("Hạ Long", timezone.localdate()) in flat
    row = next(
        index for index, row in enumerate(values, start=1) if row[0] and str(row[0]).startswith("THCS")
    )
    share = sheet.cell(row, 5)
    assert share.data_type == "n" and share.value == pytest.approx(0.045)  # a number, not "4,5"
    assert share.number_format == area_workbook.PCT
    assert not any(isinstance(value, str) and re.fullmatch(r"-?\d+,\d%?", value) for value in flat)
    assert "Tỷ lệ" in flat and "Chia sẻ" not in flat
    assert sheet._charts  # the weekly chart, drawn from the weeks sheet


def test_the_area_csv_is_for_programs(client, area, storage):  # noqa: F811
    content, disposition = _export(client, area.users["province"], QN, "csv")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == area_exports.CSV_COLUMNS
    by_key = {(row[0], row[1]): dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_key["area", QN]["share_percent"] == "5.0" and by_key["area", QN]["planned_periods"] == "500"
    thcs = by_key["level", "lower_secondary"]
    assert (thcs["share_percent"], thcs["target_percent"], thcs["target_strict"]) == ("4.5", "10.0", "1")
    assert by_key["school", area.codes["T"]]["status"] == "met"
    assert ("commune", HA_LONG) in by_key
    assert ".csv" in disposition


def test_files_are_named_after_the_area_and_the_day(area):  # noqa: F811
    from openedx_vn.teaching import api  # noqa: PLC0415

    report = api.area_report(area.users["province"], QN, year=YEAR)
    name = area_exports.filename(report, "pdf")
    assert schools_api.get_unit(QN).name in name and timezone.localdate().strftime("%d-%m-%Y") in name


def test_the_school_pdf_has_a_total_row_a_chart_and_the_signatures(client, area, storage):  # noqa: F811
    client.force_login(area.users["leader_a"])
    export = reverse("vn_teaching:school-export", args=[area.codes["A"], "pdf"])
    pdf, _disposition = _download(client, client.post(export, {"year": YEAR}))
    text = pdf_text(pdf)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert MOTTO[0] in text and "UBND PHƯỜNG HẠ LONG" in text and "TRƯỜNG THCS A" in text
    total = next(line for line in lines if line.startswith("Toàn trường"))
    assert "4,5% (9/200)" in total
    assert "NGƯỜI LẬP BIỂU" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text
    assert "chỉ tiêu THCS: > 10,0%" in text  # the chart's target line


def test_wording_says_rate_not_sharing_and_grade_not_class_twice(client, area, storage):  # noqa: F811
    pages = {
        "teacher": (area.users["teacher_a"], reverse("vn_teaching:teacher-dashboard")),
        "school": (area.users["leader_a"], reverse("vn_teaching:school-dashboard", args=[area.codes["A"]])),
        "schools": (area.users["province"], reverse("vn_teaching:schools-dashboard")),
        "province": (area.users["province"], reverse("vn_teaching:area-dashboard", args=[QN])),
        "commune": (area.users["commune_x"], reverse("vn_teaching:area-dashboard", args=[HA_LONG])),
    }
    for name, (user, url) in pages.items():
        client.force_login(user)
        page = client.get(url, {"year": YEAR}).content.decode()
        assert "Chia sẻ" not in page, name  # "sharing": a share here is a rate
        assert "Tỷ lệ" in page, name
    client.force_login(area.users["leader_a"])
    export = reverse("vn_teaching:school-export", args=[area.codes["A"], "xlsx"])
    content, _d = _download(client, client.post(export, {"year": YEAR}))
    header = [cell.value for cell in load_workbook(io.BytesIO(content)).worksheets[0][1]]
    assert "Chia sẻ" not in header and "Tỷ lệ" in header
    assert header[3:5] == ["Lớp", "Khối"]
    csv_text, _d = _download(client, client.post(export.replace("xlsx", "csv"), {"year": YEAR}))
    assert csv_text.decode("utf-8-sig").splitlines()[0].split(",")[3:5] == ["Lớp", "Khối"]
    client.force_login(area.users["province"])
    content, _d = _download(
        client, client.post(reverse("vn_teaching:schools-export", args=["xlsx"]), {"year": YEAR})
    )
    header = [cell.value for cell in load_workbook(io.BytesIO(content)).worksheets[0][1]]
    assert "Tỷ lệ" in header and "Chia sẻ" not in header


def test_dates_put_the_day_first_then_the_time(client, area):  # noqa: F811
    client.force_login(area.users["leader_a"])
    page = client.get(reverse("vn_teaching:school-dashboard", args=[area.codes["A"]]), {"year": YEAR})
    assert "10/11/2025 07:30" in page.content.decode()  # the session awaiting approval
    client.force_login(area.users["teacher_a"])
    page = client.get(reverse("vn_teaching:teacher-dashboard"), {"year": YEAR}).content.decode()
    assert "15/09/2025 07:30" in page and "07:30 15/09/2025" not in page
