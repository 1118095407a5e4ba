"""The progress page a student reads, and the read-only copy a parent opens from a link, at desktop and
phone widths: the mastery bar and the scores chart are drawn, numbers are Vietnamese, nothing overflows a
phone, a revoked link shows why it no longer opens."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from openedx_vn.assessment.models import Attempt, Exam
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.practice import api
from tests.plugins.practice.banks import OUTCOME_A, OUTCOME_B, make_bank

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = {"desktop": 1280, "phone": 375}


@pytest.fixture
def student():
    curriculum_api.load_shipped_curriculum()
    bank = make_bank()
    user = get_user_model().objects.create_user(
        "hs_binh", password="hs_binh", first_name="Bình", last_name="Trần"
    )
    for _step in range(15):
        question = api.next_question(user.pk, [OUTCOME_A, OUTCOME_B], [str(bank.uuid)])
        if api.record_answer(user.pk, question, True).just_mastered:
            break
    api.record_answer(user.pk, api.next_question(user.pk, [OUTCOME_B], [str(bank.uuid)]), False)
    start = timezone.now() - timedelta(days=30)
    for days, score in ((0, "6.5"), (14, "7.8"), (28, "8.3")):
        exam = Exam.objects.create(
            title=f"Kiểm tra Toán 6 – lần {days // 14 + 1}",
            owner_id=user.pk,
            subject_code="TOAN",
            grade=6,
            blueprint_data={},
            seed=1,
            items=[],
            max_points=Decimal(10),
        )
        at = start + timedelta(days=days)
        Attempt.objects.create(
            exam=exam,
            user_id=user.pk,
            version_code="101",
            status="submitted",
            started_at=at,
            deadline_at=at + timedelta(minutes=45),
            submitted_at=at + timedelta(minutes=40),
            score=Decimal(score),
        )
    return user


def _check_page(page, width):
    section = page.locator(".vn-pr-subject").first
    assert "Toán" in section.locator("h2").inner_text()
    assert section.locator("svg.vn-pr-bar rect").count() == 3  # mastered, in progress, not started
    assert section.locator("svg.vn-pr-line circle").count() == 3  # three tests over time
    assert [cell.strip() for cell in section.locator(".vn-pr-score").all_inner_texts()] == [
        "6,5",
        "7,8",
        "8,3",
    ]
    assert "1 đã thành thạo" in section.locator(".vn-pr-counts").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_student_page_and_the_parents_link(live_server, browser, page, student, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/vn/practice/progress/")
    page.locator("input[name=username]").fill("hs_binh")
    page.locator("input[name=password]").fill("hs_binh")
    page.locator("form.vn-login button[type=submit]").click()
    page.wait_for_url(re.compile(r"/vn/practice/progress/$"))
    _check_page(page, width)

    page.get_by_role("button", name="Tạo liên kết").click()
    url = page.locator(".vn-pr-new .vn-pr-url").input_value()
    assert "/vn/practice/p/" in url
    page.screenshot(path=tmp_path / f"progress-{width}.png", full_page=True)

    # A parent: another browser context, no account.
    parent = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900}).new_page()
    parent.goto(url)
    assert "Trang chỉ để xem" in parent.locator("main").inner_text()
    assert parent.get_by_role("button", name="Tạo liên kết").count() == 0
    _check_page(parent, width)

    page.locator(".vn-pr-new").get_by_role("button", name="Thu hồi").click()
    page.locator(".vn-pr-revoked").wait_for()
    parent.goto(url)
    assert "Liên kết này đã bị thu hồi." in parent.locator(".vn-pr-refused").inner_text()
    parent.context.close()
