"""A generated Toán 10 test with a class list, and helpers that fill its sheets the way a student would."""

import random

import pytest

from openedx_vn.assessment import api, grading
from openedx_vn.assessment.models import Exam, ExamVersion
from openedx_vn.assessment.sheets import service
from openedx_vn.qbank import api as qbank_api
from tests.plugins.assessment.sheets import synth


@pytest.fixture
def sheets_world(world):
    # A fixed seed: the same test (and so the same QR codes) every run.
    world.exam = api.generate_exam(
        world.teacher, world.blueprint_uuid, [str(world.bank.uuid)], version_count=2, seed=17
    )
    world.exam_uuid = str(world.exam.uuid)
    world.exam_model = Exam.objects.get(uuid=world.exam_uuid)
    service.save_students(
        world.teacher,
        world.exam_uuid,
        "1; Nguyễn Văn An; hs_an\n2; Lê Thị Bình; hs_binh\n3; Phạm Minh Châu",
    )
    return world


def version_plan(exam_uuid, code, rng):
    """Random answers a student gives on version ``code``: ``(sheet choices, printed answers by uuid)``."""
    exam = Exam.objects.get(uuid=exam_uuid)
    parts = ExamVersion.objects.get(exam=exam, code=code).parts
    choices, printed = {}, {}
    for number, item in enumerate(parts.get("multiple_choice", ()), start=1):
        value = None if rng.random() < 0.1 else rng.randrange(4)
        choices[("mc", number)] = value
        printed[item["uuid"]] = value
    for number, item in enumerate(parts.get("true_false_cluster", ()), start=1):
        judged = [rng.choice([True, False]) for _ in range(4)]
        for statement, value in enumerate(judged):
            choices[("tf", number, statement)] = value
        printed[item["uuid"]] = judged
    contents = qbank_api.get_question_contents([(i["uuid"], i["version"]) for i in exam.items])
    for number, item in enumerate(parts.get("short_answer", ()), start=1):
        right = str(contents[item["uuid"]].body["value"]).replace(".", ",")
        text = right if rng.random() < 0.5 and fits(right) else rng.choice(["12", "-3", "0,25", "-1,5"])
        for column in range(4):
            choices[("sa", number, column)] = text[column] if column < len(text) else None
        printed[item["uuid"]] = text
    return choices, printed


def fits(text):
    """Whether ``text`` can be filled in the four columns of a Phần III answer."""
    return len(text) <= 4 and all(
        ch.isdigit() or (ch == "-" and i == 0) or (ch == "," and i in (1, 2)) for i, ch in enumerate(text)
    )


def expected_grade(exam_uuid, code, printed, essays=()):
    """The grade the online rules give these printed answers (``grading`` on the stored shape)."""
    exam = Exam.objects.get(uuid=exam_uuid)
    parts = ExamVersion.objects.get(exam=exam, code=code).parts
    options = {item["uuid"]: tuple(item["options"]) for items in parts.values() for item in items}
    contents = qbank_api.get_question_contents([(i["uuid"], i["version"]) for i in exam.items])
    answers = {
        uuid: (
            grading.read_answer(contents[uuid].question_type, contents[uuid].body, value, options[uuid]),
            None,
        )
        for uuid, value in printed.items()
        if value is not None
    }
    return grading.grade_answers(exam.items, contents, answers, exam.grade)


def filled_sheet(exam_uuid, layout, page, code, number, rng, **ambiguity):
    """Fill ``page`` (a rendered blank sheet) for version ``code`` and student ``number``: returns
    ``(Filled, printed answers)``."""
    choices, printed = version_plan(exam_uuid, code, rng)
    for column, digit in enumerate(number.rjust(6)):
        choices[("number", column)] = digit.strip() or None
    for column, digit in enumerate(code):
        choices[("code", column)] = digit
    filled = synth.fill(page, layout, choices, rng, **ambiguity)
    return filled, printed


def rng_for(seed):
    return random.Random(seed)  # noqa: S311 - reproducible test data
