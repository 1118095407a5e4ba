"""The test page made for students (issue 13), in a real Chromium at a phone's width (375 px) and a desktop's:
the countdown stays in sight when the page scrolls and is announced to screen readers at 5 minutes and 1
minute (a 6-minute test, the page's clock moved ahead); the whole test is sat by keyboard; after submitting,
the score with its points per part and a note for the essay awaiting grading; the review once the teacher's
review date has come. The demo test in the workbench, served by pytest-django's live server.
"""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from workbench.scenarios import init_scenarios

from openedx_vn.assessment.models import Exam
from tests.xblocks.timed_test.test_demo import forget_earlier_demo_tests

pytestmark = pytest.mark.browser

DEMO_EXAM = "f8cd6045-2b3d-4e76-9cf2-72a8522baea4"  # config/devhost/demo_assessment.py
SCENARIO = "/workbench/scenario/vn_timed_test.0/"
WIDTHS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture
def demo_test(transactional_db):
    forget_earlier_demo_tests()
    call_command("load_curriculum", verbosity=0)
    call_command("load_demo_data")
    init_scenarios()  # transactional tests empty the workbench's tables after each test
    return Exam.objects.get(uuid=DEMO_EXAM)


def student_page(browser, live_server, username, size, clock=False):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=WIDTHS[size])
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    if clock:
        page.clock.install()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(username)
    page.locator("form.vn-login button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{SCENARIO}?student={username}")
    return page


def timer_in_view(page):
    """Whether the countdown is inside the viewport (not scrolled away)."""
    return page.evaluate(
        """() => { const r = document.querySelector('.vn-tt-timer').getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }"""
    )


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_countdown_stays_in_sight_and_is_announced_at_5_and_1_minutes(
    browser, live_server, demo_test, size
):
    Exam.objects.filter(pk=demo_test.pk).update(minutes=6)  # a short test
    page = student_page(browser, live_server, "hocsinh1", size, clock=True)
    announcer = page.locator(".vn-tt-announce")
    assert (announcer.get_attribute("aria-live"), announcer.get_attribute("role")) == ("assertive", "status")
    page.locator(".vn-tt-start-button").click()
    page.locator(".vn-tt-question").first.wait_for()
    assert int(page.locator(".vn-tt-timer").get_attribute("data-seconds")) > 300
    assert announcer.inner_text() == ""  # nothing said on opening with more than 5 minutes left

    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.locator(".vn-tt-submit").wait_for()
    assert page.evaluate("window.scrollY") > 300 and timer_in_view(page)  # scrolled far, the clock still seen
    width = page.evaluate("document.querySelector('.vn-timed-test').getBoundingClientRect().right")
    assert width <= WIDTHS[size]["width"]  # nothing sticks out of a phone's screen

    page.clock.fast_forward("01:05")  # 4:55 left
    page.wait_for_function("document.querySelector('.vn-tt-announce').textContent !== ''")
    assert announcer.inner_text() == "Còn 5 phút."
    page.clock.fast_forward("04:00")  # 0:55 left
    page.wait_for_function("document.querySelector('.vn-tt-announce').textContent === 'Còn 1 phút.'")
    assert "vn-tt-timer-low" in page.locator(".vn-tt-timer").get_attribute("class")
    assert timer_in_view(page) and page.errors == []


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_by_keyboard_then_the_score_by_part_the_essay_note_and_the_review_on_its_date(
    browser, live_server, demo_test, size
):
    closes = timezone.now() + timedelta(days=1)
    Exam.objects.filter(pk=demo_test.pk).update(closes_at=closes, review_at=closes + timedelta(days=1))
    page = student_page(browser, live_server, "hocsinh2", size)
    # Keyboard only: focus the start button and press Enter.
    page.locator(".vn-tt-start-button").focus()
    page.keyboard.press("Enter")
    page.locator(".vn-tt-question").first.wait_for()
    first_choice = page.locator(".vn-tt-question[data-type='multiple_choice'] input[type=radio]").first
    first_choice.focus()
    page.keyboard.press("Space")
    essay = page.locator(".vn-tt-question[data-type='essay'] textarea").first
    essay.focus()
    page.keyboard.type("Gọi x là số học sinh của lớp, ta có phương trình 2x + 3 = 83.")
    page.keyboard.press("Tab")  # leaving the box saves it
    page.wait_for_function(
        "[...document.querySelectorAll('.vn-tt-save')].filter(e => e.dataset.state === 'saved').length >= 2"
    )
    page.locator(".vn-tt-submit").focus()
    page.keyboard.press("Enter")
    assert (
        page.evaluate("document.activeElement.className") == "vn-tt-confirm-yes"
    )  # focus moved to the choice
    page.keyboard.press("Enter")
    result = page.locator(".vn-tt-result:not([hidden])")
    result.wait_for()

    rows = page.locator(".vn-tt-parts tbody tr")
    parts = [row.get_attribute("data-part") for row in rows.all()]
    assert parts == ["multiple_choice", "true_false_cluster", "short_answer", "essay"]
    assert page.locator(".vn-tt-parts tr[data-part='essay'] .vn-tt-part-pending").inner_text().strip() == (
        "(1 câu tự luận chưa chấm)"
    )
    points = page.locator(".vn-tt-parts tr[data-part='multiple_choice'] .vn-tt-part-points").inner_text()
    assert re.fullmatch(r"\d+(,\d+)? / \d+(,\d+)? điểm", points), points
    assert page.locator(".vn-tt-essays").inner_text().startswith("Có 1 câu tự luận đang chờ giáo viên chấm")
    later = page.locator(".vn-tt-review-later")
    assert later.inner_text().startswith("Đáp án và lời giải được hiển thị từ ")
    assert page.locator(".vn-tt-review-item").count() == 0

    # The teacher's review date comes (the test closed yesterday, the review opened an hour ago).
    now = timezone.now()
    Exam.objects.filter(pk=demo_test.pk).update(
        opens_at=None, closes_at=now - timedelta(days=1), review_at=now - timedelta(hours=1)
    )
    page.reload()
    page.locator(".vn-tt-review-item").first.wait_for()
    assert page.locator(".vn-tt-review-item").count() == len(Exam.objects.get(pk=demo_test.pk).items)
    assert page.locator(".vn-tt-review-later").is_hidden()
    assert page.locator(".vn-tt-review-key").count() > 0
    assert page.errors == []
