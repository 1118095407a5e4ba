"""A teacher works with her bank in a browser: filters without diacritics, edits with a live math preview,
imports a GIFT file through the wizard (a file with a mistake first, then a good one)."""

import re

import pytest
from django.contrib.auth import get_user_model

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api
from openedx_vn.qbank.models import QuestionBank
from tests.plugins.qbank.banks import add_question
from tests.plugins.schools.teachers import make_teacher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Vietnamese texts the page shows (from the qbank catalog).
VI = {
    "filter": "Lọc",
    "preview": "Xem trước",
    "line": "dòng",
    "imported": "Đã nhập 2 câu hỏi.",
    "confirm": "Nhập 2 câu hỏi",
}
# The list shows one question, holding this text (an earlier answer must not satisfy the wait).
ONLY_ONE = """text => {
    const items = [...document.querySelectorAll('#vn-qb-list li.vn-qb-item')];
    return items.length === 1 && items[0].innerText.includes(text);
}"""
BAD = "::Câu 1::Một cộng một bằng {=2 ~3}\n\n::Câu 2::Chọn hai đáp án {=A =B ~C}\n"
GOOD = "::Câu 7::Thủ đô của nước Pháp là {=Paris ~Luân Đôn ~Berlin}\n\n::Câu 8::Hai nhân ba bằng {#6}\n"


@pytest.fixture
def bank(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    curriculum_api.load_program()  # subject names for the filters
    # A teacher by an explicit grant (ADR 0012), not staff.
    teacher = make_teacher(get_user_model().objects.create_user("giaovien", password="giaovien"))
    created = api.create_bank("Toán 6 – cô Lan", owner_id=teacher.id)
    bank = QuestionBank.objects.get(uuid=created.uuid)
    add_question(
        bank, "<p>Phân số nào bằng $\\frac{1}{2}$?</p>", subject_code="TOAN", grade=6, cognitive_level="biet"
    )
    add_question(
        bank, "Rút gọn phân số 12/18.", "essay", subject_code="TOAN", grade=6, cognitive_level="hieu"
    )
    add_question(bank, "Số nguyên tố nhỏ nhất là 2.", "true_false_cluster", subject_code="TOAN", grade=6)
    add_question(bank, "Nêu cảm nhận về bài thơ Đồng chí.", "essay", subject_code="NGU_VAN", grade=9)
    return bank


def _sign_in(page, live_server, path):
    page.goto(f"{live_server.url}{path}")
    page.locator("input[name=username]").fill("giaovien")
    page.locator("input[name=password]").fill("giaovien")
    page.locator("form.vn-login button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))


def test_filter_edit_with_math_and_import(live_server, page, bank, tmp_path):
    _sign_in(page, live_server, "/vn/qbank/banks/")
    page.get_by_role("link", name="Toán 6 – cô Lan").click()
    items = page.locator("#vn-qb-list li.vn-qb-item")
    items.first.wait_for()
    assert items.count() == 4
    page.locator(".vn-qb-stem .katex").first.wait_for()  # math in the list is typeset too

    # Words without diacritics find the questions written with them; the list updates as one types.
    page.locator("input[name=q]").fill("phan so")
    page.wait_for_function("document.querySelectorAll('#vn-qb-list li.vn-qb-item').length === 2")
    assert all("phân số" in text.lower() for text in items.all_inner_texts())
    page.locator("select[name=type]").select_option("essay")
    page.wait_for_function(ONLY_ONE, arg="12/18")
    assert "q=phan+so" in page.url and "type=essay" in page.url
    page.screenshot(path=tmp_path / "qbank-filtered.png", full_page=True)

    # The editor: typed math is typeset in the preview at once.
    page.locator("select[name=type]").select_option("")
    page.locator("input[name=q]").fill("phan so nao bang")
    page.wait_for_function(ONLY_ONE, arg="nào bằng")
    items.first.locator("a").click()
    stem = page.locator("textarea[name=stem]")
    stem.fill("Tính $\\frac{1}{2} + \\frac{1}{3}$ rồi chọn đáp án đúng.")
    preview = page.locator("#vn-qb-preview")
    preview.get_by_text("rồi chọn đáp án đúng").wait_for()
    assert preview.locator(".vn-qb-stem .katex").count() == 1  # KaTeX's HTML, not the TeX source
    assert preview.locator(".vn-qb-stem .katex .mfrac").count() == 2
    assert "\\frac" not in preview.locator(".vn-qb-stem").inner_text()
    page.locator("#vn-qb-body textarea").first.fill("$\\frac{5}{6}$")
    preview.locator(".vn-qb-choices .katex").first.wait_for()
    page.screenshot(path=tmp_path / "qbank-editor.png", full_page=True)
    page.locator("#vn-qb-editor button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?saved=2$"))
    assert page.locator(".vn-qb-versions li").count() == 2

    # The import wizard: a mistake is shown with its line, nothing is imported; then a good file is.
    page.goto(f"{live_server.url}/vn/qbank/banks/{bank.uuid}/import/")
    page.locator("input[type=file]").set_input_files(
        {"name": "de-loi.gift", "mimeType": "text/plain", "buffer": BAD.encode()}
    )
    page.get_by_role("button", name=VI["preview"]).click()
    problem = page.locator("table.vn-qb-problems tr.vn-problem")
    problem.first.wait_for()
    assert problem.count() == 1
    assert f"{VI['line']} 3" in problem.inner_text() and "Chọn hai đáp án" in problem.inner_text()
    assert page.locator("#vn-qb-confirm").is_hidden()
    page.screenshot(path=tmp_path / "qbank-import-problem.png", full_page=True)

    page.locator("input[type=file]").set_input_files(
        {"name": "de.gift", "mimeType": "text/plain", "buffer": GOOD.encode()}
    )
    page.get_by_role("button", name=VI["preview"]).click()
    confirm = page.get_by_role("button", name=VI["confirm"])
    confirm.wait_for()
    confirm.click()
    page.get_by_text(VI["imported"]).wait_for()
    assert bank.questions.count() == 6

    page.goto(f"{live_server.url}/vn/qbank/banks/{bank.uuid}/?q=thu+do+phap")
    items.first.wait_for()
    assert items.count() == 1 and "Paris ✓" in items.first.inner_text()
