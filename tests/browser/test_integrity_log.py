"""The integrity log (issue 17), in a real Chromium: the teacher requires full screen on the test's online
page; the student is told what is recorded, starts in full screen, leaves it, switches to another tab and
back; the student's note counts both, and the teacher reads both on the results page with the server's times.

Playwright makes every page believe it has the focus; the test turns that off (CDP focus emulation) so that
bringing another tab to the front takes the focus from the test's page, as on a student's computer.
"""

import pytest
from django.core.management import call_command
from workbench.scenarios import init_scenarios

from openedx_vn.assessment.models import Exam, IntegrityEvent
from tests.browser.test_test_page import DEMO_EXAM, WIDTHS, student_page
from tests.xblocks.timed_test.test_demo import forget_earlier_demo_tests

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_test(transactional_db):
    forget_earlier_demo_tests()
    call_command("load_curriculum", verbosity=0)
    call_command("load_demo_data")
    init_scenarios()
    return Exam.objects.get(uuid=DEMO_EXAM)


def teacher_page(browser, live_server):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=WIDTHS["desktop"])
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill("giaovien")
    page.locator("input[name=password]").fill("giaovien")
    page.locator("form.vn-login button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/**")
    return page


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_leaving_full_screen_and_switching_tab_reach_the_results_page(browser, live_server, demo_test, size):
    teacher = teacher_page(browser, live_server)
    teacher.goto(f"{live_server.url}/vn/assessment/tests/{DEMO_EXAM}/")
    teacher.locator("#vn-as-online-link").click()
    teacher.locator("#vn-as-online input[name=require_fullscreen]").check()
    teacher.locator("#vn-as-online button[type=submit]").click()
    teacher.wait_for_load_state()
    assert Exam.objects.get(pk=demo_test.pk).require_fullscreen is True

    page = student_page(browser, live_server, "hocsinh1", size)
    note = page.locator(".vn-tt-integrity-note")
    assert note.is_visible() and page.locator(".vn-tt-fullscreen-rule").is_visible()
    page.locator(".vn-tt-start-button").click()
    page.locator(".vn-tt-question").first.wait_for()
    assert page.evaluate("document.fullscreenElement !== null")  # the start entered full screen
    log = page.locator(".vn-tt-integrity-log")
    assert log.inner_text() == "Đã ghi lại: chưa có gì."

    page.evaluate("document.exitFullscreen()")
    page.locator(".vn-tt-fullscreen-back:not([hidden])").wait_for()
    page.wait_for_function(
        "document.querySelector('.vn-tt-integrity-log').textContent.includes('toàn màn hình')"
    )
    page.context.new_cdp_session(page).send("Emulation.setFocusEmulationEnabled", {"enabled": False})
    other = page.context.new_page()  # another tab in front, then back to the test
    other.goto(f"{live_server.url}/")
    other.bring_to_front()
    page.wait_for_function("document.hidden || !document.hasFocus()")
    page.bring_to_front()
    page.wait_for_function(
        "document.querySelector('.vn-tt-integrity-log').textContent.includes('chuyển thẻ')"
    )
    assert log.inner_text() == "Đã ghi lại: rời toàn màn hình 1 lần; chuyển thẻ hoặc cửa sổ 1 lần."
    page.locator(".vn-tt-fullscreen-button").click()  # back to full screen from the banner
    page.locator(".vn-tt-fullscreen-back[hidden]").wait_for(state="attached")

    kinds = list(IntegrityEvent.objects.order_by("started_at").values_list("kind", flat=True))
    assert kinds == ["fullscreen", "hidden"]
    teacher.goto(f"{live_server.url}/vn/assessment/tests/{DEMO_EXAM}/results/")
    cell = teacher.locator("tr[data-user='hocsinh1'] td.vn-as-integrity")
    cell.locator("summary").click()
    assert [item.get_attribute("data-kind") for item in cell.locator("li").all()] == ["fullscreen", "hidden"]
    text = cell.inner_text()
    assert "Rời chế độ toàn màn hình" in text and "Chuyển thẻ hoặc cửa sổ" in text and "giây" in text
    assert page.errors == []
