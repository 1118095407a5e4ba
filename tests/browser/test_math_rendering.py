"""Math renders one way in every block and page that shows questions, at desktop and phone widths: KaTeX's
HTML is there, no TeX source is left, the platform's [mathjax] tags are typeset, and a decimal comma is set
without the space KaTeX puts after punctuation (0,83 — never "0, 83")."""

import re

import pytest
from django.contrib.auth import get_user_model

from openedx_vn.qbank import api
from openedx_vn.qbank.models import QuestionBank
from tests.plugins.qbank.banks import add_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 375}

# For every typeset comma that sits between two digits: the gap to the next digit, in pixels. KaTeX adds a
# thin space (about 3 px) after a punctuation comma; the printed decimal comma has none.
COMMA_GAPS = """root => {
  const leaves = [...root.querySelectorAll('.katex-html span')].filter(s => s.children.length === 0
      && s.textContent.length > 0);
  const gaps = [];
  leaves.forEach((leaf, i) => {
    if (leaf.textContent !== ',' || i === 0 || i + 1 >= leaves.length) return;
    if (!/\\d$/.test(leaves[i - 1].textContent) || !/^\\d/.test(leaves[i + 1].textContent)) return;
    gaps.push(leaves[i + 1].getBoundingClientRect().left - leaf.getBoundingClientRect().right);
  });
  return gaps;
}"""


def assert_typeset(locator, commas):
    """``locator`` holds KaTeX output, no TeX source, and ``commas`` decimal commas set without a space."""
    locator.locator(".katex").first.wait_for()
    text = locator.inner_text()
    assert "$" not in text and "\\(" not in text and "\\frac" not in text and "[mathjax" not in text, text
    assert "0, 83" not in text and "0, 75" not in text
    # The LMS's MathJax skips what sits inside tex2jax_ignore: nothing is typeset twice.
    assert locator.evaluate("el => el.closest('.tex2jax_ignore') !== null")
    gaps = locator.evaluate(COMMA_GAPS)
    assert len(gaps) >= commas, gaps
    assert all(gap < 1 for gap in gaps), gaps


@pytest.fixture(autouse=True)
def workbench_scenarios():
    from workbench.scenarios import init_scenarios

    init_scenarios()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_question_block_typesets_every_delimiter(live_server, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/workbench/scenario/vn_question.3/?student=hs_toan_{width}")
    block = page.locator(".vn-question")
    assert_typeset(block.locator(".vn-question-stem"), commas=3)  # \sqrt{0,83} ≈ 0,911 and 0,75
    assert block.locator(".vn-question-stem .katex-display").count() == 1  # $$…$$ is display math
    assert block.locator(".vn-question-options .katex").count() == 4  # \(…\), $…$ and [mathjax]
    # Nothing in the block is wider than a phone (the workbench's own page chrome is not ours).
    assert block.evaluate("el => el.scrollWidth <= el.clientWidth + 1")

    block.locator("input[value='1']").check()
    block.get_by_role("button", name="Nộp bài").click()
    explanation = block.locator(".vn-question-explanation")
    explanation.wait_for()
    assert_typeset(explanation, commas=3)  # the explanation arrives after submitting and is typeset too


@pytest.fixture
def bank(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Platform staff get the teacher tools whatever the school data (ADR 0012).
    teacher = get_user_model().objects.create_user("gv_math", password="gv_math", is_staff=True)
    created = api.create_bank("Toán 6 – công thức", owner_id=teacher.id)
    bank = QuestionBank.objects.get(uuid=created.uuid)
    question = add_question(
        bank,
        "<p>Tính $0,5 + 0,33$ và [mathjaxinline]\\frac{6}{8}[/mathjaxinline].</p>",
        body={"choices": [{"text": "$0,83$", "correct": True}, {"text": "$0,75$", "correct": False}]},
        subject_code="TOAN",
        grade=6,
    )
    return bank, question


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_bank_list_and_the_editor_preview(live_server, page, bank, width):
    bank, question = bank
    page.set_viewport_size({"width": width, "height": 900})
    path = f"/vn/qbank/banks/{bank.uuid}/"
    page.goto(f"{live_server.url}{path}")
    page.locator("input[name=username]").fill("gv_math")
    page.locator("input[name=password]").fill("gv_math")
    page.locator("form.vn-login button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    item = page.locator("#vn-qb-list li.vn-qb-item").first
    assert_typeset(item, commas=4)  # 0,5 0,33 in the stem, 0,83 and 0,75 in the options

    page.goto(f"{live_server.url}/vn/qbank/questions/{question.uuid}/")
    preview = page.locator("#vn-qb-preview")
    page.locator("textarea[name=stem]").fill(
        "Biết $x = 1,25$ và \\[y = 2,5\\] thì [mathjax]x + y = 3,75[/mathjax]"
    )
    preview.get_by_text("thì").wait_for()
    assert_typeset(preview.locator(".vn-qb-stem"), commas=3)
    assert preview.locator(".vn-qb-stem .katex-display").count() == 2
