"""Questions written straight into a bank, their list fields filled as the bank fills them."""

from openedx_vn.qbank import listing
from openedx_vn.qbank.importing import validate
from openedx_vn.qbank.importing.drafts import Draft, Place
from openedx_vn.qbank.models import Question, QuestionVersion


def add_question(bank, stem, kind="multiple_choice", body=None, **fields):
    """A question (version 1, current) in ``bank``; ``fields``: subject_code, grade, cognitive_level, ..."""
    if body is None:
        body = {
            "multiple_choice": {"choices": [{"text": "A", "correct": True}, {"text": "B", "correct": False}]},
            "true_false_cluster": {"statements": [{"text": "Đúng không?", "is_true": True}]},
            "short_answer": {"kind": "numeric", "value": "1.5", "tolerance": "0"},
            "essay": {"rubric": []},
        }[kind]
    draft = Draft(kind, stem, body, Place("test"))
    question = Question.objects.create(bank=bank)
    version = QuestionVersion.objects.create(
        question=question,
        number=1,
        type=kind,
        stem=stem,
        body=body,
        fingerprint=validate.fingerprint(draft),
        **fields,
    )
    listing.copy_current(question, version)
    question.save()
    return question
