"""A province officer in a browser: from the reports' start page to the talent list, reads the consistent top
performers in Vietnamese order and downloads the XLSX; both are in the audit trail."""

import pytest
from django.conf import settings
from django.test import Client

from openedx_vn.audit import api as audit_api
from tests.plugins.reporting.test_talent import shared  # noqa: F401 - fixture
from tests.plugins.teaching.conftest import QN, org  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user):
    client = Client()  # the dev host has no sign-in page for officers: hand the browser a session cookie
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_province_officer_reads_and_downloads_the_talent_list(live_server, page, shared):  # noqa: F811
    officer = shared.users["province"]
    _sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/vn/reporting/")
    page.get_by_role("link", name="Phát hiện học sinh năng khiếu (cán bộ Sở)").click()
    page.wait_for_url("**/vn/reporting/talent/")
    assert "cùng mã đề" in page.locator("main").inner_text()
    top = page.locator(".vn-talent-top tbody tr td:first-child").all_inner_texts()
    assert top == ["Trần Ngọc Ánh", "Lê Gia Bảo"]
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải danh sách (XLSX)").click()
    assert download.value.suggested_filename == "hoc-sinh-tieu-bieu-2025-2026.xlsx"
    entries = audit_api.list_entries(officer, province_code=QN)
    actions = [e.action for e in entries if e.object_type == "talent_list"]
    assert sorted(actions) == ["export.names", "names.viewed"]
