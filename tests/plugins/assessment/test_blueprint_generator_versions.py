"""Blueprints, the generator and shuffled versions: plain modules, no database."""

import random
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import translation

from openedx_vn.assessment.blueprint import Blueprint, BlueprintRow, Cell, check, load_templates
from openedx_vn.assessment.generator import Candidate, GenerationError, draw
from openedx_vn.assessment.versions import TestItem, make_versions

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):  # the messages' source text; the Vietnamese catalog comes with the app
        yield


ROWS = (
    BlueprintRow("Phân số", ("TOAN.6.1.3",)),
    BlueprintRow("Hình học phẳng", ("TOAN.6.2",)),
)


def cv7991_blueprint():
    """A Toán 6 blueprint that follows CV 7991: formats 3/2/2/3, levels 4/3/3."""
    cells = (
        Cell(0, "multiple_choice", "biet", 8, D("2")),  # 8 × 0,25
        Cell(1, "multiple_choice", "hieu", 4, D("1")),
        Cell(0, "true_false_cluster", "biet", 4, D("1")),  # 4 statements = 1 question
        Cell(1, "true_false_cluster", "hieu", 4, D("1")),
        Cell(0, "short_answer", "biet", 2, D("1")),
        Cell(1, "short_answer", "hieu", 2, D("1")),
        Cell(0, "essay", "van_dung", 2, D("2")),
        Cell(1, "essay", "van_dung", 1, D("1")),
    )
    return Blueprint("Kiểm tra giữa kì I — Toán 6", ROWS, cells, template="cv7991")


def test_templates_cite_their_source_and_add_up():
    templates = load_templates()
    cv = templates["cv7991"]
    assert "CV 7991" in cv.source
    assert sum(cv.points_by_format.values()) == sum(cv.points_by_level.values()) == cv.total_points == 10
    toan = templates["thpt2025_toan"]
    assert toan.parts == {
        "multiple_choice": (12, D("0.25")),
        "true_false_cluster": (4, D("1")),
        "short_answer": (6, D("0.5")),
    }
    assert sum(toan.points_by_format.values()) == 10 and toan.minutes == 90 and "QĐ 764" in toan.source
    for template in templates.values():
        assert sum(template.points_by_format.values()) == template.total_points, template.key
    assert templates["thpt2025_dia"].confidence == "unverified"


def test_a_blueprint_that_follows_cv7991_has_no_problem():
    assert check(cv7991_blueprint(), load_templates()["cv7991"]) == []


def test_problems_name_the_cell():
    blueprint = Blueprint(
        "x",
        ROWS,
        (
            Cell(0, "true_false_cluster", "hieu", 6, D("2")),
            Cell(1, "multiple_choice", "biet", 0, D("1")),
            Cell(1, "essay", "van_dung", 1, D("0")),
        ),
    )
    messages = [str(p) for p in check(blueprint)]
    assert (
        "row 1, true/false statements, Understand: true/false statements come 4 to a question" in messages[0]
    )
    assert "row 2, multiple choice, Know: points without questions" in messages[1]
    assert "row 2, essay, Apply: questions without points" in messages[2]
    assert messages[3] == "the cells add up to 3 points, not 10"


def test_differences_from_the_template_are_reported_not_refused():
    cells = list(cv7991_blueprint().cells)
    cells[0] = Cell(0, "multiple_choice", "biet", 6, D("1,5".replace(",", ".")))
    cells[6] = Cell(0, "essay", "van_dung", 2, D("2.5"))
    problems = check(Blueprint("x", ROWS, tuple(cells)), load_templates()["cv7991"])
    assert [p.blocking for p in problems] == [False] * len(problems)
    text = " / ".join(map(str, problems))
    assert "multiple choice carries 2,5 points; the template" in text and "gives 3" in text
    assert "level Know carries 3,5 points" in text


def _bank(per_kind=30, seed=7):
    rng = random.Random(seed)  # noqa: S311
    candidates = []
    for fmt in ("multiple_choice", "true_false_cluster", "short_answer", "essay"):
        for level in ("biet", "hieu", "van_dung"):
            for code in ("TOAN.6.1.3.2", "TOAN.6.2.1.1", "TOAN.7.1.1.1"):
                for n in range(per_kind):
                    uuid = f"{fmt[:2]}-{level}-{code}-{n}"
                    candidates.append(Candidate(uuid, fmt, level, (code,), rng.random()))
    return candidates


def test_the_draw_fills_every_cell_once_and_is_reproducible():
    blueprint, candidates = cv7991_blueprint(), _bank()
    picks = draw(blueprint, candidates, seed=2025)
    assert len(picks) == sum(cell.questions for cell in blueprint.cells) == 8 + 4 + 1 + 1 + 2 + 2 + 2 + 1
    assert len({p.key for p in picks}) == len(picks)  # no question twice
    by_uuid = {c.key: c for c in candidates}
    for pick in picks:
        cell, chosen = blueprint.cells[pick.cell], by_uuid[pick.key]
        assert (chosen.type, chosen.level) == (cell.format, cell.level)
        assert blueprint.rows[cell.row].matches(chosen.outcome_codes)
        assert "TOAN.7" not in chosen.outcome_codes[0]
    assert draw(blueprint, candidates, seed=2025) == picks
    assert draw(blueprint, candidates, seed=2026) != picks


def test_the_draw_spreads_difficulty_and_honours_exclusions():
    blueprint, candidates = cv7991_blueprint(), _bank()
    first = draw(blueprint, candidates, seed=1)
    chosen = [c for c in candidates if c.key in {p.key for p in first if p.cell == 0}]
    difficulties = sorted(c.difficulty for c in chosen)
    assert difficulties[0] < 0.25 and difficulties[-1] > 0.75  # 8 strata over the range, not 8 easy ones
    again = draw(blueprint, candidates, seed=1, exclude={p.key for p in first})
    assert not {p.key for p in again} & {p.key for p in first}


def test_short_cells_are_listed_with_what_is_missing():
    blueprint = cv7991_blueprint()
    candidates = [c for c in _bank(per_kind=3) if not (c.type == "essay" and c.level == "van_dung")]
    with pytest.raises(GenerationError) as caught:
        draw(blueprint, candidates, seed=1)
    short = {(s.row_label, s.format, s.level, s.missing) for s in caught.value.short}
    assert ("Phân số", "multiple_choice", "biet", 5) in short  # 8 needed, 3 there
    assert ("Phân số", "essay", "van_dung", 2) in short and (
        "Hình học phẳng",
        "essay",
        "van_dung",
        1,
    ) in short
    assert "5 question(s) missing (3 of 8)" in str(caught.value)


def test_a_question_two_cells_could_take_goes_where_it_is_needed():
    rows = (BlueprintRow("Chương 1", ("TOAN.6.1",)), BlueprintRow("Phân số", ("TOAN.6.1.3",)))
    cells = (
        Cell(0, "multiple_choice", "biet", 1, D("0.25")),
        Cell(1, "multiple_choice", "biet", 1, D("0.25")),
    )
    candidates = [
        Candidate("a", "multiple_choice", "biet", ("TOAN.6.1.3.1",)),  # fits both rows
        Candidate("b", "multiple_choice", "biet", ("TOAN.6.1.1.1",)),  # fits only chapter 1
    ]
    for seed in range(10):
        picks = draw(Blueprint("x", rows, cells, total_points=D("0.5")), candidates, seed)
        assert {(p.cell, p.key) for p in picks} == {(0, "b"), (1, "a")}


def _items():
    choices = [{"text": t, "correct": t == "5"} for t in ("4", "5", "6", "7")]
    items = [TestItem(f"mc{i}", "multiple_choice", {"choices": choices}) for i in range(12)]
    statements = [
        {"text": s, "is_true": v} for s, v in (("a", True), ("b", False), ("c", True), ("d", False))
    ]
    items += [TestItem(f"tf{i}", "true_false_cluster", {"statements": statements}) for i in range(4)]
    items += [TestItem(f"sa{i}", "short_answer", {"kind": "numeric", "value": "-1.5"}) for i in range(6)]
    return items


def test_versions_shuffle_within_parts_and_keep_the_keys_right():
    versions = make_versions(_items(), 4, seed=99)
    assert [v.code for v in versions] == ["101", "102", "103", "104"]
    orders = {tuple(i.uuid for i in v.parts["multiple_choice"]) for v in versions}
    assert len(orders) == 4  # different question orders
    for version in versions:
        assert list(version.parts) == ["multiple_choice", "true_false_cluster", "short_answer"]
        for item in version.parts["multiple_choice"]:
            # the printed letter points at "5" (original index 1) wherever the shuffle put it
            assert "ABCD"[item.option_order.index(1)] == item.key
        assert {item.key for item in version.parts["true_false_cluster"]} == {"ĐSĐS"}
        assert {item.key for item in version.parts["short_answer"]} == {"-1,5"}
        assert [i.number for i in version.parts["short_answer"]] == [1, 2, 3, 4, 5, 6]
    keys = Counter(item.key for v in versions for item in v.parts["multiple_choice"])
    assert len(keys) >= 3  # the right answer is not always in the same place
    assert make_versions(_items(), 4, seed=99) == versions


def test_version_count_is_bounded():
    with pytest.raises(ValueError, match="between 1 and 899"):
        make_versions(_items(), 0, seed=1)
