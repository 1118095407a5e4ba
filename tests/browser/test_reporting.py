"""A province officer in a browser: from a commune's area page to its training report, marks a course as
teacher training with the page's form, sees a teacher's pass counted, then the QĐ 4725 evidence page."""

import pytest
from django.conf import settings
from django.test import Client
from openedx_events.learning.signals import COURSE_PASSING_STATUS_UPDATED

from tests.plugins.reporting.events import TRAINING, passing, when
from tests.plugins.teaching.conftest import HA_LONG, YEAR, org  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user):
    client = Client()  # the dev host has no sign-in page for officers: hand the browser a session cookie
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _text(locator):
    return " ".join(locator.inner_text().split())


def test_province_officer_marks_a_course_and_reads_the_reports(live_server, page, org):  # noqa: F811
    _sign_in(page, live_server, org.users["province"])
    page.goto(f"{live_server.url}/vn/teaching/areas/{HA_LONG}/?year={YEAR}")
    page.locator(f'a[href="/vn/reporting/training/?commune={HA_LONG}"]').click()
    page.wait_for_url(f"**/vn/reporting/training/?commune={HA_LONG}")
    assert _text(page.locator("h1")) == "Bồi dưỡng kĩ năng số cho giáo viên"

    page.fill('input[name="course_key"]', TRAINING)
    page.fill('input[name="title"]', "Kĩ năng số cho giáo viên")
    page.get_by_role("button", name="Đánh dấu là khoá bồi dưỡng giáo viên").click()
    page.wait_for_load_state()
    assert "Khoá học đã được tính là bồi dưỡng giáo viên." in _text(page.locator(".vn-messages"))
    assert TRAINING in _text(page.locator("#vn-training-courses"))

    # The teacher passes the course in the LMS: the event lands, the page counts them.
    COURSE_PASSING_STATUS_UPDATED.send_event(
        course_passing_status=passing(org.users["teacher_a"]), time=when(2025, 10, 10)
    )
    page.goto(f"{live_server.url}/vn/reporting/training/?commune={HA_LONG}")
    school_a = _text(page.locator("#vn-training-schools tbody tr", has_text="Trường THCS A"))
    assert school_a.endswith("2 1 1 50,0 %")  # 2 teachers, 1 trained, 1 not yet: 50,0 %
    total = _text(page.locator("#vn-training-schools tfoot tr"))
    assert total.endswith(" 2 1 1 50,0 %")  # school P has no teachers; THPT T reports to the province

    page.goto(f"{live_server.url}/vn/reporting/evidence/")
    assert "QĐ 4725/QĐ-BGDĐT" in _text(page.locator("main"))
    assert page.locator("#vn-criteria .vn-unverified").count() == 4
    assert page.locator("#vn-evidence-communes tbody tr").count() == 3  # Hạ Long, Hà Tu, the province's THPT
