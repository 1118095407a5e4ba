"""GIFT weights, partial credit and matching: imported where a Vietnamese type holds them, else refused by
name; what is dropped on the way is said in a note."""

import pytest
from django.utils import translation

from openedx_vn.qbank import api
from openedx_vn.qbank.models import QuestionVersion

pytestmark = pytest.mark.django_db
CASES = "gift-grammar-pegjs/tests/questions"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _import(text, name="de.gift"):
    bank = api.create_bank("GIFT", owner_id=1)
    return api.import_questions(text.encode() if isinstance(text, str) else text, name, bank.uuid)


def _problems(text, name="de.gift"):
    with pytest.raises(api.QuestionImportError) as caught:
        _import(text, name)
    return [str(problem) for problem in caught.value.problems]


def test_weighted_multiple_answers_are_refused_naming_the_weights(testdata):
    path = testdata / CASES / "multipleAnswersFloat.gift"
    (problem,) = _problems(path.read_bytes(), path.name)
    assert problem == (
        "multipleAnswersFloat.gift, line 1, question 1: several options earn points ('Africa' 33,33333%, "
        "'Asia' 33,33333%, 'Antarctica' 33,33333%): a multiple-response question with partial credit, "
        "which the bank has no type for; not imported. Keep one right option, or split it into true/false "
        "statements"
    )
    assert "0 options" not in problem


def test_moodles_own_multiple_response_example_is_refused_the_same_way(testdata):
    path = testdata / CASES / "totara_moodle_multichoice_multi.gift"
    (problem,) = _problems(path.read_bytes(), path.name)
    assert (
        "several options earn points ('yellow' 50%, 'off-beige' 50%): a multiple-response question" in problem
    )


def test_the_same_refusal_in_vietnamese():
    with translation.override("vi"):
        (problem,) = _problems("Chọn số chẵn:{~%50%2 ~%50%4 ~%-100%3}")
    assert problem == (
        "tệp de.gift, dòng 1, câu 1: nhiều phương án cùng được điểm ('2' 50%, '4' 50%): đây là câu chọn "
        "nhiều đáp án, chấm điểm từng phần, mà ngân hàng chưa có dạng này nên chưa nhập. Hãy để lại một "
        "phương án đúng, hoặc tách thành câu đúng/sai với từng ý"
    )


def test_one_full_option_with_partial_credit_on_others_imports_as_multiple_choice_with_notes():
    result = _import("Thủ đô của Việt Nam?{=%100%Hà Nội ~%50%Hà Đông ~%-25%Huế ~Đà Nẵng}")
    version = QuestionVersion.objects.get()
    assert version.type == "multiple_choice"
    assert [c["correct"] for c in version.body["choices"]] == [True, False, False, False]
    assert result.notes == (
        "de.gift, line 1, question 1: options worth part of the points now earn none (the bank scores one "
        "right option): 'Hà Đông' 50%",
        "de.gift, line 1, question 1: negative weights dropped (a wrong option earns 0 points): 'Huế' -25%",
    )


def test_partial_credit_short_answers_are_named_when_left_out(testdata):
    path = testdata / CASES / "totara_moodle_shortanswer.gift"
    result = _import(path.read_bytes(), path.name)
    assert QuestionVersion.objects.get().body == {"kind": "text", "answers": ["Frog"]}
    assert result.notes == (
        "totara_moodle_shortanswer.gift, line 4, question 1: answers worth part of the points were left out "
        "(a short answer is right or wrong): 'Cat' 50%",
    )


def test_partial_credit_numbers_are_named_when_left_out():
    result = _import("Số pi bằng bao nhiêu?{#=3.14:0.005 =%50%3.1:0.05}")
    assert QuestionVersion.objects.get().body == {"kind": "numeric", "value": "3.14", "tolerance": "0.005"}
    assert result.notes[0].endswith(
        "1 answer(s) worth part of the points left out (50%): only the fully right value counts"
    )


def test_a_short_answer_without_a_full_marks_answer_is_refused():
    (problem,) = _problems("Con vật nào kêu meo meo?{=%50%mèo =%50%miu}")
    assert problem.endswith("no answer earns all the points ('=' or %100%)")


@pytest.mark.parametrize("case", ["matching1.gift", "totara_moodle_match.gift"])
def test_matching_questions_are_refused_by_name(testdata, case):
    problems = _problems((testdata / CASES / case).read_bytes(), case)
    assert problems and all(
        "matching question ('->' pairs): the bank has no matching type, not imported" in p for p in problems
    )


def test_several_plain_right_marks_stay_a_slip_to_correct():
    (problem,) = _problems("Câu 1?{=A =B ~C}")
    assert problem.endswith("2 options are marked right; a multiple-choice question needs exactly one")
