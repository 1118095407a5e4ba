"""OLX of a question (the vn_question block's content), for Studio and for the bank's export.

<vn_question display_name="Câu 1" weight="0.25">              (multiple choice, the default type)
  <stem>2 + 3 = ?</stem>
  <option>4</option> <option correct="true">5</option>
  <explanation>2 + 3 = 5</explanation>
</vn_question>
<vn_question type="true_false_cluster">                       (đúng/sai: statements a–d)
  <stem>…</stem> <statement correct="true">…</statement> <statement correct="false">…</statement>
</vn_question>
<vn_question type="short_answer" weight="0.5">                (by value; or kind="text", one <answer> each)
  <stem>…</stem> <answer kind="numeric" tolerance="0">-1,5</answer>
</vn_question>
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from openedx_vn.qbank.scoring import parse_number

MULTIPLE_CHOICE, TRUE_FALSE, SHORT_ANSWER = "multiple_choice", "true_false_cluster", "short_answer"
TYPES = (MULTIPLE_CHOICE, TRUE_FALSE, SHORT_ANSWER)


class QuestionOLXError(ValueError):
    """The OLX of a question is malformed; the message says what is wrong."""


@dataclass(frozen=True)
class QuestionContent:
    question_type: str
    stem: str
    body: dict
    explanation: str


def _flag(element):
    return element.get("correct", "").lower() == "true"


def parse_question(node):
    """Read the type, stem, body (bank shape) and explanation of a ``<vn_question>`` element."""
    question_type = node.get("type", MULTIPLE_CHOICE)
    if question_type not in TYPES:
        raise QuestionOLXError(
            _("type {type!r} is not one of {types}").format(type=question_type, types=", ".join(TYPES))
        )
    stem = node.findtext("stem", default="").strip()
    if question_type == MULTIPLE_CHOICE:
        options = node.findall("option")
        right = sum(_flag(option) for option in options)
        if len(options) < 2:
            raise QuestionOLXError(_("a question needs at least 2 <option> elements"))
        if right != 1:
            raise QuestionOLXError(
                _('exactly one <option correct="true"> is required, found {count}').format(count=right)
            )
        body = {"choices": [{"text": (o.text or "").strip(), "correct": _flag(o)} for o in options]}
    elif question_type == TRUE_FALSE:
        statements = node.findall("statement")
        if not 1 <= len(statements) <= 6:
            raise QuestionOLXError(
                _("1 to 6 <statement> elements are needed, found {count}").format(count=len(statements))
            )
        body = {"statements": [{"text": (s.text or "").strip(), "is_true": _flag(s)} for s in statements]}
    else:
        body = _short_answer(node.findall("answer"))
    return QuestionContent(question_type, stem, body, node.findtext("explanation", default="").strip())


def _number(text, where):
    try:
        return parse_number(text)
    except ValueError as exc:
        raise QuestionOLXError(
            _("{where}: {value!r} is not a number (write it like -1,5)").format(where=where, value=text)
        ) from exc


def _short_answer(answers):
    if not answers:
        raise QuestionOLXError(_("a short answer needs an <answer>"))
    if answers[0].get("kind", "numeric") == "numeric":
        value = _number(answers[0].text or "", "<answer>")
        tolerance = _number(answers[0].get("tolerance", "0"), "tolerance")
        return {"kind": "numeric", "value": str(value), "tolerance": str(tolerance)}
    return {"kind": "text", "answers": [(answer.text or "").strip() for answer in answers]}


def write_question(node, content, element_factory):
    """Append the content's child elements to ``node`` (the inverse of ``parse_question``)."""
    if content.question_type != MULTIPLE_CHOICE:
        node.set("type", content.question_type)
    element_factory(node, "stem").text = content.stem
    body = content.body
    if content.question_type == MULTIPLE_CHOICE:
        for choice in body["choices"]:
            option = element_factory(node, "option")
            option.text = choice["text"]
            if choice["correct"]:
                option.set("correct", "true")
    elif content.question_type == TRUE_FALSE:
        for statement in body["statements"]:
            element = element_factory(node, "statement")
            element.text = statement["text"]
            element.set("correct", str(statement["is_true"]).lower())
    elif content.question_type == SHORT_ANSWER and body["kind"] == "numeric":
        answer = element_factory(node, "answer")
        answer.text = body["value"].replace(".", ",")
        answer.set("kind", "numeric")
        answer.set("tolerance", body.get("tolerance", "0").replace(".", ","))
    else:
        for text in body["answers"]:
            answer = element_factory(node, "answer")
            answer.text = text
            answer.set("kind", "text")
    if content.explanation:
        element_factory(node, "explanation").text = content.explanation
