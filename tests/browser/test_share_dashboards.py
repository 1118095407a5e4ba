"""The share dashboards as their users meet them in a browser: the school leader sees a class short of its
target in red, approves a session and watches the share change; the commune officer sees only the
commune's schools and downloads the XLSX."""

import io

import pytest
from django.conf import settings
from django.test import Client
from openpyxl import load_workbook

from tests.plugins.teaching.test_dashboards import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RED, GREEN = "rgb(255, 205, 210)", "rgb(200, 230, 201)"  # dashboards.css: behind, met


def _sign_in(page, live_server, user):
    # The development host signs people in through the admin form, which admits staff only; the LMS has its
    # own sign-in. So the session is opened server-side and handed to the browser as its cookie.
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _toan_6a1(page):
    return page.locator('tr[data-class="6A1"] td.vn-cell').nth(2)  # all subjects, Ngữ văn, Toán


def test_leader_approves_and_officer_downloads(live_server, page, tmp_path):
    world = build_world()

    _sign_in(page, live_server, world.users["leader_a"])
    page.goto(f"{live_server.url}/vn/teaching/")
    cell = _toan_6a1(page)
    assert cell.inner_text().startswith("3,0%")
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == RED
    assert page.locator("svg.vn-chart polyline.share").count() == 1
    page.screenshot(path=tmp_path / "school-before.png", full_page=True)

    pending = page.locator(f'tr[data-session="{world.pending}"]')
    assert "13/10/2025" in pending.inner_text()
    pending.get_by_role("button", name="Duyệt").click()
    page.wait_for_load_state()
    cell = _toan_6a1(page)
    assert cell.inner_text().startswith("13,0%")
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == GREEN
    assert page.locator(f'tr[data-session="{world.pending}"]').count() == 0
    page.screenshot(path=tmp_path / "school-after.png", full_page=True)

    _sign_in(page, live_server, world.users["commune_x"])
    page.goto(f"{live_server.url}/vn/teaching/")
    listed = page.locator("table.vn-schools tbody tr").evaluate_all("rows => rows.map(r => r.dataset.school)")
    assert sorted(listed) == sorted([world.codes["A2"], world.codes["A"]])
    page.screenshot(path=tmp_path / "schools.png", full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Xuất XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / "schools.xlsx"
    download.save_as(path)
    rows = list(load_workbook(io.BytesIO(path.read_bytes())).active.iter_rows(min_row=2, values_only=True))
    school_a = next(row for row in rows if row[0] == world.codes["A"])
    assert school_a[1] == "Trường THCS Hạ Long"
    assert school_a[5:8] == (200, 25, 0.125)  # 3 + 12 + the approved 10 periods of 200
    assert {row[0] for row in rows} == {world.codes["A"], world.codes["A2"]}

    page.get_by_role("link", name="Trường THCS Hạ Long").click()  # drill down, read only
    assert _toan_6a1(page).inner_text().startswith("13,0%")
    assert page.get_by_role("button", name="Duyệt").count() == 0
