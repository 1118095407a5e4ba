"""The import preview in Chromium: every question as the student sees it (options, math typeset by KaTeX),
with its key, feedback and explanation; subject, grade, level and outcomes set for all and for one question
before confirming, and stored with the questions."""

import re

import pytest
from django.contrib.auth import get_user_model

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api
from openedx_vn.qbank.models import QuestionBank, QuestionVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GIFT = (
    "::Câu 1::Phân số nào bằng $\\frac\\{1\\}\\{2\\}$?{=2/4#Đúng, nhân cả tử và mẫu với 2 ~2/3#Chưa đúng ~3/4"
    "####Vì 1·2 = 2 và 2·2 = 4.}\n\n"
    "::Câu 2::Hai nhân ba bằng {#6}\n\n"
    "::Câu 3::Số 0 là số tự nhiên.{T}\n"
)


@pytest.fixture
def bank(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    curriculum_api.load_shipped_curriculum()  # subject names, and the outcome codes checked on confirm
    # Staff: a teacher under every rule of who gets the teacher tools.
    teacher = get_user_model().objects.create_user("giaovien", password="giaovien", is_staff=True)
    return QuestionBank.objects.get(uuid=api.create_bank("Toán 6 – cô Lan", owner_id=teacher.id).uuid)


def _sign_in(page, live_server, path):
    page.goto(f"{live_server.url}{path}")
    page.locator("input[name=username]").fill("giaovien")
    page.locator("input[name=password]").fill("giaovien")
    page.locator("form.vn-login button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))


def test_a_teacher_checks_every_question_and_sets_its_metadata_before_confirming(
    live_server, page, bank, tmp_path
):
    _sign_in(page, live_server, f"/vn/qbank/banks/{bank.uuid}/import/")
    picker = page.locator("select[name=format]")
    assert "Văn bản GIFT của Moodle (.gift, .txt)" in picker.inner_text()
    assert page.locator("#vn-qb-metadata").is_hidden()  # nothing to set before a preview

    page.locator("input[type=file]").set_input_files(
        {"name": "de.gift", "mimeType": "text/plain", "buffer": GIFT.encode()}
    )
    page.get_by_role("button", name="Xem trước").click()
    items = page.locator("#vn-qb-preview > li")
    items.nth(2).wait_for()
    assert items.count() == 3

    first = items.nth(0)
    first.locator(".katex").first.wait_for()  # the math is typeset, not left as $…$
    assert "$" not in first.locator(".vn-qb-stem").inner_text()
    options = first.locator(".vn-qb-choices li")
    assert options.all_inner_texts() == ["2/4 ✓", "2/3", "3/4"]
    assert "Đúng, nhân cả tử và mẫu với 2" in first.inner_text()  # feedback
    first.locator("details.vn-qb-explanation summary").click()
    assert first.locator("details.vn-qb-explanation").inner_text().endswith("Vì 1·2 = 2 và 2·2 = 4.")
    assert "Đáp án: 6" in items.nth(1).inner_text()
    assert "Đúng" in items.nth(2).locator(".vn-qb-statements").inner_text()

    # Values for the whole import, then one question changed by hand.
    metadata = page.locator("#vn-qb-metadata")
    metadata.locator("select[name=subject]").select_option("TOAN")
    metadata.locator("select[name=grade]").select_option("6")
    metadata.locator("select[name=level]").select_option("hieu")
    metadata.locator("input[name=outcomes]").fill("TOAN.6.1.1.2")
    page.get_by_role("button", name="Đặt cho mọi câu hỏi").click()
    assert items.nth(2).locator("select[name=level]").input_value() == "hieu"
    items.nth(1).locator("select[name=level]").select_option("biet")
    items.nth(1).locator("input[name=outcomes]").fill("")
    page.screenshot(path=tmp_path / "qbank-import-preview.png", full_page=True)

    page.get_by_role("button", name="Nhập 3 câu hỏi").click()
    page.get_by_text("Đã nhập 3 câu hỏi.").wait_for()
    stored = {
        v.title: (v.subject_code, v.grade, v.cognitive_level, v.outcome_codes)
        for v in QuestionVersion.objects.all()
    }
    assert stored == {
        "Câu 1": ("TOAN", 6, "hieu", ["TOAN.6.1.1.2"]),
        "Câu 2": ("TOAN", 6, "biet", []),
        "Câu 3": ("TOAN", 6, "hieu", ["TOAN.6.1.1.2"]),
    }


def test_an_unknown_outcome_code_is_named_and_nothing_is_stored(live_server, page, bank):
    _sign_in(page, live_server, f"/vn/qbank/banks/{bank.uuid}/import/")
    page.locator("input[type=file]").set_input_files(
        {"name": "de.gift", "mimeType": "text/plain", "buffer": GIFT.encode()}
    )
    page.get_by_role("button", name="Xem trước").click()
    page.locator("#vn-qb-preview > li").nth(2).wait_for()
    page.locator("#vn-qb-metadata input[name=outcomes]").fill("TOAN.6.9.9.9")
    page.get_by_role("button", name="Nhập 3 câu hỏi").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Các mã yêu cầu cần đạt này không có trong chương trình: TOAN.6.9.9.9." in alert.inner_text()
    assert not QuestionVersion.objects.exists()
    assert page.locator("#vn-qb-preview > li").count() == 3  # the preview stays, to be corrected
