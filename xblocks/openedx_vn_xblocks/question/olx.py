"""OLX of the question block: what Studio exports and imports, and what workbench scenarios use.

<vn_question display_name="Câu 1" weight="1">
  <stem>2 + 3 = ?</stem>
  <option>4</option>
  <option correct="true">5</option>
  <explanation>2 + 3 = 5</explanation>
</vn_question>
"""

from dataclasses import dataclass


class QuestionOLXError(ValueError):
    """The OLX of a question is malformed; the message says what is wrong."""


@dataclass(frozen=True)
class QuestionContent:
    stem: str
    options: tuple[str, ...]
    correct: int
    explanation: str


def parse_question(node):
    """Read stem, options, the correct option and the explanation from a ``<vn_question>`` element."""
    stem = node.findtext("stem", default="").strip()
    options = node.findall("option")
    correct = [i for i, option in enumerate(options) if option.get("correct", "").lower() == "true"]
    if len(options) < 2:
        raise QuestionOLXError("a question needs at least 2 <option> elements")
    if len(correct) != 1:
        raise QuestionOLXError(f'exactly one <option correct="true"> is required, found {len(correct)}')
    return QuestionContent(
        stem=stem,
        options=tuple((option.text or "").strip() for option in options),
        correct=correct[0],
        explanation=node.findtext("explanation", default="").strip(),
    )


def write_question(node, content, element_factory):
    """Append the content's child elements to ``node`` (the inverse of ``parse_question``)."""
    element_factory(node, "stem").text = content.stem
    for index, text in enumerate(content.options):
        option = element_factory(node, "option")
        option.text = text
        if index == content.correct:
            option.set("correct", "true")
    if content.explanation:
        element_factory(node, "explanation").text = content.explanation
