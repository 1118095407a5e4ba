"""A student practises in the workbench until the first outcome is mastered, at desktop and phone widths:
math typeset in questions and explanations, the key only after answering, "Đã thành thạo" at the end."""

import pytest

from openedx_vn.qbank import api as qbank_api
from tests.browser.test_math_rendering import COMMA_GAPS
from tests.plugins.practice.banks import OUTCOME_A, make_bank

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = {"desktop": 1280, "phone": 375}
NEW_QUESTION = """asked => {
  const place = document.querySelector('.vn-practice-question');
  return place.dataset.question !== asked && place.querySelector('form') !== null;
}"""


@pytest.fixture(autouse=True)
def workbench_scenarios():
    from workbench.scenarios import init_scenarios

    init_scenarios()


def _right_option(question_uuid):
    content, _number = qbank_api.get_question_content(question_uuid)
    return next(i for i, choice in enumerate(content.body["choices"]) if choice["correct"])


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_a_practice_session_reaches_mastery(live_server, page, width):
    make_bank()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/workbench/scenario/vn_practice.0/?student=hs_luyen_{width}")
    block = page.locator(".vn-practice")
    outcome = block.locator(f'.vn-practice-outcomes li[data-outcome="{OUTCOME_A}"]')
    assert "Chưa bắt đầu" in outcome.inner_text()
    place = block.locator(".vn-practice-question")

    first_wrong = True
    for _step in range(20):
        place.locator(".vn-practice-stem .katex").first.wait_for()  # the question's math is typeset
        assert "$" not in place.inner_text()
        assert all(gap < 1 for gap in place.evaluate(COMMA_GAPS))
        html = place.inner_html()
        assert "vn-correct" not in html and "vn-practice-explanation" not in html
        right = _right_option(place.get_attribute("data-question"))
        choice = (right + 1) % 4 if first_wrong else right
        place.locator(f"input[value='{choice}']").check()
        place.get_by_role("button", name="Nộp bài").click()
        verdict = block.locator(".vn-practice-verdict")
        verdict.wait_for()
        assert verdict.inner_text() == ("Chưa đúng." if first_wrong else "Đúng.")
        assert place.locator("label.vn-correct input").get_attribute("value") == str(right)
        explanation = block.locator(".vn-practice-explanation")
        explanation.locator(".katex").first.wait_for()  # the explanation arrives after answering, typeset
        assert "$" not in explanation.inner_text()
        first_wrong = False
        if block.locator(".vn-practice-mastered").count():
            break
        asked = place.get_attribute("data-question")
        block.get_by_role("button", name="Câu tiếp theo").click()
        page.wait_for_function(NEW_QUESTION, arg=asked)
    mastered = block.locator(".vn-practice-mastered")
    assert mastered.inner_text().startswith("Đã thành thạo!")
    assert outcome.locator(".vn-practice-status").inner_text() == "Đã thành thạo"
    assert block.evaluate("el => el.scrollWidth <= el.clientWidth + 1")  # nothing wider than a phone

    page.reload()  # the outcome stays mastered; the next one is practised now
    assert "Đã thành thạo" in block.locator(f'li[data-outcome="{OUTCOME_A}"]').inner_text()
    place.locator(".vn-practice-stem").wait_for()
