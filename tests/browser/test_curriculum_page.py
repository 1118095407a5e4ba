"""A teacher browses the program in a browser: finds Toán 6 and its periods, searches without diacritics."""

import pytest

from openedx_vn.curriculum import api

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_find_toan_6_and_search_fractions(live_server, page, tmp_path):
    api.load_shipped_curriculum()
    page.goto(f"{live_server.url}/vn/curriculum/")
    page.get_by_role("link", name="Lớp 6", exact=True).click()
    row = page.locator("table.vn-subjects tr", has=page.get_by_role("link", name="Toán – lớp 6", exact=True))
    assert row.locator("td.num").inner_text() == "140"

    page.get_by_label("Tìm chủ đề và yêu cầu cần đạt").fill("phan so")
    page.get_by_role("button", name="Tìm").click()
    hits = page.locator("ul.vn-hits li")
    hits.first.wait_for()
    assert "kết quả cho “phan so”" in page.locator("h2").first.inner_text()
    assert any("phân số" in text.lower() for text in hits.all_inner_texts())
    page.screenshot(path=tmp_path / "curriculum-search.png", full_page=False)

    page.get_by_role("link", name="Toán – lớp 6", exact=True).click()
    assert "140 tiết/năm" in page.locator(".vn-periods").inner_text()
    assert page.locator("#TOAN\\.6\\.1\\.3").inner_text().startswith("Phân số")
