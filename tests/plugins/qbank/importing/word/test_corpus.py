"""The Word corpus (make_corpus.py: 13 layouts of public exam formats, 45 papers) imports right.

At least 99% of the expected questions come out with their type, level and shared stimulus, 100% of those
with their key; every other question is refused at its true place and cause; nothing of a marking guide
reaches what a student sees.
"""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from openedx_vn.qbank import api
from openedx_vn.qbank.importing.pipeline import preview

CORPUS = Path(__file__).parent / "corpus"
PAPERS = sorted(path.stem for path in CORPUS.glob("*.docx"))
_TAGS = re.compile(r"<[^>]+>")


def _read(name):
    expected = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    with translation.override("en"):  # the messages as written; test_messages_vi checks Vietnamese
        result = preview((CORPUS / f"{name}.docx").read_bytes(), f"{name}.docx")
        result.problems = [str(problem) for problem in result.problems]
    return expected, result


def _key(draft):
    if draft.type == "multiple_choice":
        return "ABCD"[[c["correct"] for c in draft.body["choices"]].index(True)]
    if draft.type == "true_false_cluster":
        return [s["is_true"] for s in draft.body["statements"]]
    if draft.type == "short_answer":
        return draft.body.get("value") or draft.body.get("answers", [None])[0]
    return None


def _by_place(result):
    found = {}
    for draft in [*result.drafts, *result.duplicates]:
        part = draft.category.split()[-1] if draft.category else None
        found[(part, int(draft.title.split()[-1]))] = draft
    return found


def _student_text(draft):
    texts = [draft.stem]
    texts += [entry["text"] for key in ("choices", "statements") for entry in draft.body.get(key, [])]
    return _TAGS.sub(" ", " ".join(texts))


def test_the_corpus_has_40_papers_in_10_layouts():
    assert len(PAPERS) >= 40
    assert len({name.rsplit("_", 1)[0] for name in PAPERS}) >= 10


def test_99_percent_of_questions_and_all_their_keys_are_right():
    total = right = 0
    wrong = []
    for name in PAPERS:
        expected, result = _read(name)
        found = _by_place(result)
        for entry in expected["questions"]:
            total += 1
            draft = found.get((entry["part"], entry["number"]))
            if draft is None:
                wrong.append(f"{name} {entry['part']} {entry['number']}: missing")
                continue
            # An imported question's key is never wrong (100%), whatever else is.
            assert _key(draft) == entry["key"], f"{name} {entry['part']} {entry['number']}"
            checks = {
                "type": draft.type == entry["type"],
                "level": draft.cognitive_level == entry["level"],
                "stimulus": (api.split_stimulus(draft.stem)[0] != "") == entry["stimulus"],
            }
            if entry.get("points"):
                checks["points"] = draft.points == Decimal(entry["points"])
            if "rubric" in entry:
                checks["rubric"] = len(draft.body.get("rubric", [])) == entry["rubric"]
            failed = [check for check, ok in checks.items() if not ok]
            if failed:
                wrong.append(f"{name} {entry['part']} {entry['number']}: {', '.join(failed)}")
            else:
                right += 1
    assert right >= 0.99 * total, "\n".join(wrong)


@pytest.mark.parametrize("name", PAPERS)
def test_every_other_question_is_refused_at_its_place_and_cause(name):
    expected, result = _read(name)
    problems = [str(problem) for problem in result.problems]
    for place, message in expected["problems"]:
        assert any(place in problem and message in problem for problem in problems), (
            place,
            message,
            problems,
        )
    assert len(problems) == len(expected["problems"]), problems
    numbers = {(e["part"], e["number"]) for e in expected["questions"]}
    assert set(_by_place(result)) == numbers


@pytest.mark.parametrize("name", [name for name in PAPERS if name.startswith(("ngu_van", "auto_numbered"))])
def test_nothing_of_the_marking_guide_reaches_a_student(name):
    expected, result = _read(name)
    seen = " ".join(_student_text(draft) for draft in result.drafts)
    for phrase in expected["guide"]:
        assert phrase not in seen
    if expected["guide"]:
        told = " ".join(draft.explanation for draft in result.drafts)
        assert all(phrase in told for phrase in expected["guide"])


def test_a_shared_passage_is_kept_by_each_of_its_questions_and_ends_with_them():
    expected, result = _read("ngu_van_01")
    found = _by_place(result)
    passages = {api.split_stimulus(found[("I", n)].stem)[0] for n in range(1, 6)}
    (passage,) = passages
    assert "Quê hương là chùm khế ngọt" in passage and "Thực hiện" not in passage
    assert api.split_stimulus(found[("I", 1)].stem)[1] == "Xác định thể thơ của văn bản."
    assert api.split_stimulus(found[("II", 1)].stem)[0] == ""
    essay = found[("II", 2)]
    assert essay.type == "essay" and essay.points == Decimal("4.0")
    assert [entry["points"] for entry in essay.body["rubric"]] == ["0.5", "3.5"]
