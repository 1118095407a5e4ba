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
