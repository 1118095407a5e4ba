"""What differs between question types in the block: the view without the key, reading an answer, grading it.

``body`` has the question bank's shape (qbank ``QuestionVersion.body``): choices for multiple choice,
statements for đúng/sai, a key for short answer. Grading is the bank's (``qbank.api``).
"""

from openedx_vn.qbank import api as qbank_api

MULTIPLE_CHOICE, TRUE_FALSE, SHORT_ANSWER = "multiple_choice", "true_false_cluster", "short_answer"
TYPES = (MULTIPLE_CHOICE, TRUE_FALSE, SHORT_ANSWER)  # the block's types (the bank's, minus essays)


class InvalidResponse(ValueError):
    """The answer sent cannot be graded (wrong shape); the message is for the student."""


def public(question_type, body, render=str):
    """What the browser may see before submission: texts (through ``render``), never which one is right."""
    if question_type == MULTIPLE_CHOICE:
        return {"choices": [render(choice["text"]) for choice in body["choices"]]}
    if question_type == TRUE_FALSE:
        return {"statements": [render(statement["text"]) for statement in body["statements"]]}
    return {"numeric": body.get("kind") == "numeric"}


def read_response(question_type, body, data):
    """The student's answer from the handler's JSON; raise ``InvalidResponse`` when it is incomplete."""
    value = data.get("response") if isinstance(data, dict) else None
    if question_type == MULTIPLE_CHOICE:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < len(body["choices"]):
            raise InvalidResponse("choose")
        return value
    if question_type == TRUE_FALSE:
        count = len(body["statements"])
        if not isinstance(value, list) or len(value) != count or not all(v in (True, False) for v in value):
            raise InvalidResponse("judge")
        return value
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise InvalidResponse("write")
    return value.strip()


def grade(question_type, body, response, points):
    """The ``Score`` of a response by the Vietnamese rules."""
    if question_type == MULTIPLE_CHOICE:
        right = next(i for i, choice in enumerate(body["choices"]) if choice["correct"])
        return qbank_api.score_multiple_choice(response, right, points)
    if question_type == TRUE_FALSE:
        key = [statement["is_true"] for statement in body["statements"]]
        return qbank_api.score_true_false_cluster(response, key, points)
    return qbank_api.score_short_answer(response, body, points)


def reveal(question_type, body):
    """The key, for after submission."""
    if question_type == MULTIPLE_CHOICE:
        return {"correct_option": next(i for i, choice in enumerate(body["choices"]) if choice["correct"])}
    if question_type == TRUE_FALSE:
        return {"key": [statement["is_true"] for statement in body["statements"]]}
    if body.get("kind") == "numeric":
        return {"answers": [str(body["value"]).replace(".", ",")]}
    return {"answers": list(body["answers"])}
