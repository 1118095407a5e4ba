"""A student answers the question block in the workbench, in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCENARIO = "/workbench/scenario/vn_question.0/"


@pytest.fixture(autouse=True)
def workbench_scenarios():
    """Store the scenario content again: transactional tests empty the workbench's tables after each test."""
    from workbench.scenarios import init_scenarios

    init_scenarios()


def test_student_answers_and_the_result_survives_a_reload(live_server, page, tmp_path):
    page.goto(f"{live_server.url}{SCENARIO}?student=hocsinh_trinh_duyet")
    block = page.locator(".vn-question")
    block.get_by_text("Phân số nào bằng 1/2?").wait_for()
    submit = block.get_by_role("button", name="Nộp bài")

    submit.click()  # nothing chosen yet
    feedback = block.locator(".vn-question-feedback")
    feedback.get_by_text("Hãy chọn một phương án trước khi nộp bài.").wait_for()

    block.get_by_label("3/6").check()
    submit.click()
    feedback.get_by_text("Đúng.").wait_for()
    assert "3/6 = (3 : 3)/(6 : 3) = 1/2." in feedback.inner_text()
    assert submit.is_disabled()
    assert block.locator("label.vn-correct").inner_text().strip() == "3/6"
    page.screenshot(path=tmp_path / "question-answered.png")

    page.reload()
    assert page.locator(".vn-question-feedback").get_by_text("Đúng.").is_visible()
    assert page.locator(".vn-question input[type=radio]:checked").get_attribute("value") == "1"


def test_another_student_starts_fresh_and_wrong_answers_show_the_key(live_server, page):
    page.goto(f"{live_server.url}{SCENARIO}?student=hocsinh_khac")
    block = page.locator(".vn-question")
    assert block.locator(".vn-question-feedback").inner_text().strip() == ""
    block.get_by_label("2/3").check()
    block.get_by_role("button", name="Nộp bài").click()
    block.locator(".vn-question-feedback").get_by_text("Chưa đúng.").wait_for()
    assert block.locator("label.vn-wrong").inner_text().strip() == "2/3"
    assert block.locator("label.vn-correct").inner_text().strip() == "3/6"


def test_true_false_statements_earn_partial_credit(live_server, page):
    page.goto(f"{live_server.url}/workbench/scenario/vn_question.1/?student=hocsinh_dung_sai")
    block = page.locator(".vn-question")
    rows = block.locator("tr[data-index]")
    for index, judgement in enumerate(["Đúng", "Sai", "Đúng", "Đúng"]):  # the last one is wrong
        rows.nth(index).get_by_label(judgement, exact=True).check()
    block.get_by_role("button", name="Nộp bài").click()
    verdict = block.locator(".vn-question-verdict")
    verdict.wait_for()
    assert verdict.inner_text() == "Đúng một phần. Điểm: 0,5 / 1"
    assert [rows.nth(i).get_attribute("class") for i in range(4)] == ["vn-correct"] * 3 + ["vn-wrong"]
    page.reload()
    assert page.locator(".vn-question-verdict").inner_text().endswith("Điểm: 0,5 / 1")
    assert page.locator("tr[data-index='3']").get_attribute("class") == "vn-wrong"


def test_short_answer_with_a_decimal_comma(live_server, page):
    page.goto(f"{live_server.url}/workbench/scenario/vn_question.2/?student=hocsinh_tra_loi_ngan")
    block = page.locator(".vn-question")
    block.get_by_label("Câu trả lời của em").fill("-1,5")
    block.get_by_role("button", name="Nộp bài").click()
    block.locator(".vn-question-verdict").wait_for()
    assert block.locator(".vn-question-verdict").inner_text() == "Đúng. Điểm: 0,5 / 0,5"
    assert block.locator(".vn-question-key").inner_text() == "Đáp án: -1,5"
