"""The program file: the shipped figures, and a clear refusal of a wrong one (file, line, field)."""

import pytest

from openedx_vn.curriculum.problems import CurriculumFileError
from openedx_vn.curriculum.program_file import checksum, parse_program
from openedx_vn_data import data_file

SHIPPED = data_file("curriculum", "program.yaml").read_text(encoding="utf-8")


def offering(program, code, grade):
    subject = next(s for s in program["subjects"] if s["code"] == code)
    return next(o for o in subject["offerings"] if o["grade"] == grade)


def refused(text):
    with pytest.raises(CurriculumFileError) as caught:
        parse_program(text)
    return [str(problem) for problem in caught.value.problems]


def test_shipped_program_figures():
    program = parse_program(SHIPPED)
    assert offering(program, "TOAN", 6)["periods"] == 140
    assert offering(program, "TIENGVIET", 1)["periods"] == 420
    history = offering(program, "LICHSU", 10)
    assert (history["periods"], history["kind"], history["source"]) == (52, "compulsory", "tt13")
    assert offering(program, "CONGNGHE", 8)["periods"] == 52
    assert program["calendar"]["weeks_per_year"]["value"] == 35


def test_every_figure_cites_a_source():
    program = parse_program(SHIPPED)
    for subject in program["subjects"]:
        for row in subject["offerings"]:
            assert row["source"] in program["sources"], (subject["code"], row["grade"])
            assert row["confidence"] in ("official", "press", "unverified")


def test_checksum_follows_the_figures():
    assert checksum(parse_program(SHIPPED)) == checksum(parse_program(SHIPPED + "\n# a comment\n"))
    changed = SHIPPED.replace("{grades: [1], periods: 105", "{grades: [1], periods: 106").replace(
        "1: 875,", "1: 876,"
    )
    assert checksum(parse_program(changed)) != checksum(parse_program(SHIPPED))


def test_contradictory_total_names_the_level_line_and_grade():
    text = SHIPPED.replace("{grades: [8, 9], periods: 52", "{grades: [8, 9], periods: 53")
    line = SHIPPED.splitlines().index("  - code: THCS") + 1
    assert refused(text) == [
        f"program.yaml, line {line}: totals: grade 8: subjects add up to 1033 periods, not 1032",
        f"program.yaml, line {line}: totals: grade 9: subjects add up to 1033 periods, not 1032",
    ]


def test_missing_source_and_missing_figure_are_named():
    text = SHIPPED.replace(
        "{grades: [6, 7, 8, 9], periods: 140, kind: compulsory, source: tt32",
        "{grades: [6, 7, 8, 9], kind: compulsory, source: nowhere",
        1,
    )  # noqa: E501
    problems = refused(text)
    assert any("periods: an integer ≥ 1 is required, found None" in p for p in problems)
    assert any("source: 'nowhere' is not a key of `sources`" in p for p in problems)


def test_a_grade_given_twice_is_refused():
    text = SHIPPED.replace("{grades: [2, 3, 4, 5], periods: 175", "{grades: [1, 2, 3, 4, 5], periods: 175")
    assert any("TOAN: grade 1 given twice" in problem for problem in refused(text))


def test_invalid_yaml_reports_its_line():
    assert refused("program: [unclosed\nname: x\n")[0].startswith("program.yaml, line ")
