"""The province officer's way down in a browser: the province page (totals per level, a row per commune, the
chart with a line per level and the targets), a commune, a school, a class; then the filed report, its PDF
drawn to an image by poppler and read back as text (header, totals, signature block)."""

import subprocess

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from openedx_vn.core.pdf import dated_at
from tests.plugins.teaching.conftest import HA_LONG, QN, YEAR, org  # noqa: F401 - fixtures
from tests.plugins.teaching.test_area_views import area  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user):
    client = Client()  # the dev host has no sign-in page for officers: hand the browser a session cookie
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _text(locator):
    return " ".join(locator.inner_text().split())


def test_province_to_class_and_the_filed_report(live_server, page, area, tmp_path, settings):  # noqa: F811
    settings.VN_PRIVATE_STORAGE_ROOT = tmp_path / "private"
    _sign_in(page, live_server, area.users["province"])
    page.goto(f"{live_server.url}/vn/teaching/areas/{QN}/?year={YEAR}")

    totals = page.locator("table.vn-area-totals")
    assert "4,5%" in _text(totals.locator('tr[data-level="lower_secondary"]'))
    assert "12,0%" in _text(totals.locator('tr[data-level="upper_secondary"]'))
    every = _text(totals.locator('tr[data-level="all"]'))
    assert "500" in every and "25" in every and "5,0%" in every
    chart = page.locator("svg.vn-chart-levels")
    assert chart.locator("polyline.level-line").count() == 3
    assert chart.locator("line.target").count() == 2  # ≥ 5% (TH) and > 10% (THCS, THPT): one line each
    points = chart.locator('polyline[data-level="upper_secondary"]').get_attribute("points")
    assert len(points.split()) >= 9  # a point per week up to the week the 12 periods were taught
    assert chart.bounding_box()["width"] > 300  # drawn, not collapsed
    communes = page.locator("table.vn-communes tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.commune)"
    )
    assert sorted(communes) == sorted([HA_LONG, "06652"])
    page.screenshot(path=tmp_path / "province.png", full_page=True)

    page.locator(f'tr[data-commune="{HA_LONG}"] a').click()  # → the commune
    page.wait_for_url(f"**/vn/teaching/areas/{HA_LONG}/**")
    assert page.locator("nav.vn-breadcrumbs a").inner_text().strip()  # the way back up to the province
    schools = page.locator("table.vn-schools tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.school)"
    )
    assert sorted(schools) == sorted([area.codes["A"], area.codes["P"]])

    page.locator(f'tr[data-school="{area.codes["A"]}"] a').first.click()  # → the school
    page.wait_for_url(f"**/vn/teaching/schools/{area.codes['A']}/**")
    page.locator('tr[data-class="6A1"] th a').click()  # → the class
    page.wait_for_url("**/classes/**")
    assert page.locator('h1[data-class="6A1"]').count() == 1
    assert "6,0%" in _text(page.locator("table.vn-class"))

    page.goto(f"{live_server.url}/vn/teaching/areas/{QN}/?year={YEAR}")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Xuất PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert timezone.localdate().strftime("%d-%m-%Y") in download.suggested_filename
    pdf = tmp_path / "report.pdf"
    download.save_as(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "report")], check=True
    )
    image = next(tmp_path.glob("report*.png"))
    assert image.stat().st_size > 20_000  # a drawn A4 page, not a blank one
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in lines)
    assert any("Độc lập - Tự do - Hạnh phúc" in line for line in lines)
    assert any("SỞ GIÁO DỤC VÀ ĐÀO TẠO" in line for line in lines)
    assert dated_at("Quảng Ninh", timezone.localdate()) in text
    assert "BÁO CÁO TỶ LỆ DẠY HỌC TRỰC TUYẾN" in text
    assert any(line.startswith("Tất cả các cấp") and "500 25 5,0%" in line for line in lines)
    assert "NGƯỜI LẬP BIỂU" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text
