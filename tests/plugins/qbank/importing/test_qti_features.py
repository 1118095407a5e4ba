"""QTI items as teachers' tools write them: text around the interaction, MathML, feedback, hint buttons,
keys given by a mapping, survey items. Every refusal names the interaction or the feature."""

import pytest
from django.utils import translation

from openedx_vn.qbank import api
from openedx_vn.qbank.models import QuestionVersion

pytestmark = pytest.mark.django_db
ITEMS = "qti-sdk-ims-samples/test/samples/ims/items"
NS = 'xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1"'
MATH = 'xmlns="http://www.w3.org/1998/Math/MathML"'


def _item(declaration, body, extra=""):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<assessmentItem {NS} identifier="i" title="Câu thử" '
        f'adaptive="false" timeDependent="false">\n{declaration}\n<itemBody>{body}</itemBody>{extra}'
        "</assessmentItem>"
    ).encode()


CHOICE_KEY = (
    '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">'
    "<correctResponse><value>B</value></correctResponse></responseDeclaration>"
)
CHOICES = (
    '<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">'
    "<prompt>Chọn đáp án đúng.</prompt>"
    '<simpleChoice identifier="A">3</simpleChoice><simpleChoice identifier="B">4</simpleChoice>'
    "</choiceInteraction>"
)


def _import(content, name="item.xml"):
    bank = api.create_bank("QTI", owner_id=1)
    with translation.override("en"):
        result = api.import_questions(content, name, bank.uuid)
    return result, QuestionVersion.objects.get()


def _refusal(content, name="item.xml"):
    bank = api.create_bank("QTI", owner_id=1)
    with translation.override("en"), pytest.raises(api.QuestionImportError) as caught:
        api.import_questions(content, name, bank.uuid)
    return [str(problem) for problem in caught.value.problems]


def test_text_beside_the_interaction_is_kept_in_place():
    body = f"<div><p>Cho phương trình bậc hai.</p>{CHOICES}<p>Ghi chú: x là số thực.</p></div>"
    _, version = _import(_item(CHOICE_KEY, body))
    stem = version.stem
    assert stem.index("Cho phương trình bậc hai.") < stem.index("Chọn đáp án đúng.") < stem.index("Ghi chú")
    assert [c["correct"] for c in version.body["choices"]] == [False, True]


def test_an_inline_text_entry_becomes_a_blank_in_its_sentence(testdata):
    _, version = _import((testdata / ITEMS / "2_1/text_entry.xml").read_bytes())
    assert "Made glorious summer by this sun of _____ ;" in version.stem
    assert "In the deep bosom of the ocean buried." in version.stem  # the text after the blank stays
    assert version.body == {"kind": "text", "answers": ["York"]}


def test_mathml_in_a_stem_becomes_latex(testdata):
    _, version = _import((testdata / ITEMS / "2_1/math.xml").read_bytes())
    assert (
        version.stem
        == "<p>Which famous scientist is popularly associated with the equation \\(E = mc^{2}\\) ?</p>"
    )


def test_mathml_in_options_becomes_latex():
    choices = CHOICES.replace(
        '<simpleChoice identifier="A">3</simpleChoice>',
        f'<simpleChoice identifier="A"><math {MATH}><mfrac><mn>1</mn><mn>2</mn></mfrac></math>'
        "</simpleChoice>",
    )
    _, version = _import(_item(CHOICE_KEY, choices))
    assert version.body["choices"][0]["text"] == "\\(\\frac{1}{2}\\)"


def test_inline_feedback_stays_feedback_not_option_text(testdata):
    _, version = _import((testdata / ITEMS / "2_1/feedbackInline.xml").read_bytes())
    assert [(c["text"], c["feedback"]) for c in version.body["choices"]] == [
        ("True", "That's correct"),
        ("False", "That's not correct"),
    ]


def test_modal_feedback_becomes_the_explanation(testdata):
    _, version = _import((testdata / ITEMS / "2_1/modalFeedback.xml").read_bytes())
    assert "correct" in version.explanation and "correct" not in version.stem


def test_a_hint_button_is_left_out_with_a_note():
    hint = '<endAttemptInteraction responseIdentifier="HINTREQUEST" title="Gợi ý"/>'
    declarations = (
        CHOICE_KEY + '<responseDeclaration identifier="HINTREQUEST" cardinality="single" baseType="boolean"/>'
    )
    body = f"{CHOICES}<p>{hint}</p><feedbackBlock outcomeIdentifier='HINT' identifier='H' showHide='show'>"
    body += "<p>Nhớ lại bảng cửu chương.</p></feedbackBlock>"
    result, version = _import(_item(declarations, body))
    assert version.type == "multiple_choice" and "Gợi ý" not in version.stem
    assert "Nhớ lại bảng cửu chương." in version.explanation
    assert result.notes == (
        "item.xml, line 4, question 1: endAttemptInteraction 'Gợi ý' (a hint or solution button): left out",
    )


def test_a_key_given_only_by_a_mapping_is_found():
    declaration = (
        '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">'
        '<mapping defaultValue="0"><mapEntry mapKey="A" mappedValue="0"/>'
        '<mapEntry mapKey="B" mappedValue="1"/>'
        "</mapping></responseDeclaration>"
    )
    _, version = _import(_item(declaration, CHOICES))
    assert [c["correct"] for c in version.body["choices"]] == [False, True]


def test_a_text_key_given_only_by_a_mapping_keeps_the_full_marks_answers():
    declaration = (
        '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"><mapping>'
        '<mapEntry mapKey="Hà Nội" mappedValue="2"/><mapEntry mapKey="Ha Noi" mappedValue="2"/>'
        '<mapEntry mapKey="Hanoi" mappedValue="1"/></mapping></responseDeclaration>'
    )
    body = '<p>Thủ đô của Việt Nam là <textEntryInteraction responseIdentifier="RESPONSE"/>.</p>'
    result, version = _import(_item(declaration, body))
    assert version.body == {"kind": "text", "answers": ["Hà Nội", "Ha Noi"]}
    assert version.stem == "<p>Thủ đô của Việt Nam là _____ .</p>"
    assert result.notes[0].endswith("(a short answer is right or wrong): 'Hanoi'")


def test_a_survey_item_is_refused_as_a_survey(testdata):
    (problem,) = _refusal((testdata / ITEMS / "2_1/likert.xml").read_bytes(), "likert.xml")
    assert problem == (
        "likert.xml, line 12, question 1: choiceInteraction 'RESPONSE' has no correct answer (no "
        "correctResponse, no mapping): a survey or questionnaire item, not a test question; not imported"
    )


@pytest.mark.parametrize(
    ("item", "named"),
    [
        ("2_1/choice_multiple.xml", "choiceInteraction with several choices that earn points (H, O)"),
        ("2_1/match.xml", "matchInteraction (matching): not a question type"),
        ("2_1/order.xml", "orderInteraction (putting in order)"),
        ("2_1/feedbackblock_templateblock.xml", "templated items (random values)"),
        (
            "2_1/multi-input.xml",
            "4 interactions (choiceInteraction, inlineChoiceInteraction, textEntryInteraction",
        ),
    ],
)
def test_every_refusal_names_the_interaction_or_feature(testdata, item, named):
    problems = _refusal((testdata / ITEMS / item).read_bytes())
    assert any(named in problem for problem in problems), problems


def test_a_text_entry_alone_in_its_paragraph_leaves_no_blank():
    declaration = (
        '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="float">'
        "<correctResponse><value>1.5</value></correctResponse></responseDeclaration>"
    )
    body = '<p>Tính 3 : 2.</p><p><textEntryInteraction responseIdentifier="RESPONSE"/></p>'
    _, version = _import(_item(declaration, body))
    assert version.stem == "<p>Tính 3 : 2.</p>"
    assert version.body == {"kind": "numeric", "value": "1.5", "tolerance": "0"}
