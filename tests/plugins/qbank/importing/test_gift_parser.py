"""Our GIFT parser against the golden parses of the gift-pegjs grammar's regression suite."""

import json

import pytest

from openedx_vn.qbank.importing.formats import gift


def _cases(testdata):
    return sorted((testdata / "gift-grammar-pegjs" / "tests" / "questions").glob("*.gift"))


def test_every_gift_pegjs_case_parses_as_expected(testdata):
    cases = _cases(testdata)
    assert len(cases) == 51
    wrong = []
    for case in cases:
        items = gift.parse(case.read_text(encoding="utf-8"))
        for item in items:
            del item["line"]
        if items != json.loads(case.with_suffix(".json").read_text(encoding="utf-8")):
            wrong.append(case.name)
    assert wrong == []


def test_a_category_line_needs_no_blank_line_after_it():
    items = gift.parse("$CATEGORY: Toán 6\nCâu 1?{=A ~B}\n")
    assert [(item["type"], item["line"]) for item in items] == [("Category", 1), ("MC", 2)]


def test_items_know_their_line():
    items = gift.parse("// comment\n\nCâu 1?{=A ~B}\n\n\n::T::Câu 2?{T}\n")
    assert [(item["type"], item["line"]) for item in items] == [("MC", 3), ("TF", 6)]


@pytest.mark.parametrize(
    ("text", "message"),
    [("Câu?{=A ~B", "not closed"), ("::Tiêu đề Câu?{=A}", "title"), ("Câu?{#abc}", "'abc' is not a number")],
)
def test_broken_syntax_names_the_line(text, message):
    with pytest.raises(gift.GiftSyntaxError, match=message) as caught:
        gift.parse("\n\n" + text)
    assert caught.value.line == 3
