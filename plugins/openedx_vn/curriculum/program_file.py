"""Read and check the program file (config/openedx_vn_data/curriculum/program.yaml).

The result is a canonical dict (one offering per subject and grade); its checksum names a program version.
"""

import hashlib
import json

import yaml

from openedx_vn.curriculum.problems import CurriculumFileError, Problem

KINDS = ("compulsory", "elective", "optional", "activity", "local_content", "special_topics")
# Kinds every student of the grade takes, so they count in the level's yearly total.
COUNTED_KINDS = ("compulsory", "activity", "local_content", "special_topics")
CONFIDENCE = ("official", "press", "unverified")
GRADES = range(1, 13)


class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping as ``__line__`` so problems can name it."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def checksum(program):
    """sha256 of the canonical program; equal figures give an equal checksum."""
    return hashlib.sha256(json.dumps(program, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def parse_program(text, filename="program.yaml"):
    """Return the canonical program from YAML text; raise ``CurriculumFileError`` listing every problem."""
    check = _Checker(filename)
    try:
        raw = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else None
        raise CurriculumFileError([Problem(filename, line, None, f"not valid YAML: {exc}")]) from exc
    if not isinstance(raw, dict):
        raise CurriculumFileError([Problem(filename, None, None, "expected a mapping at the top")])
    sources = {key: value for key, value in (raw.get("sources") or {}).items() if key != "__line__"}
    check.sources = sources
    program = {
        "program": check.text(raw, "program"),
        "name": check.text(raw, "name"),
        "sources": sources,
        "calendar": _calendar(check, raw.get("calendar") or {}),
        "levels": [_level(check, row) for row in check.rows(raw, "levels")],
        "subjects": [_subject(check, row) for row in check.rows(raw, "subjects")],
    }
    if not check.problems:
        _check_grades_and_totals(check, raw, program)
    if check.problems:
        raise CurriculumFileError(check.problems)
    return program


class _Checker:
    def __init__(self, filename):
        self.filename = filename
        self.problems = []
        self.sources = {}

    def add(self, row, field, message):
        self.problems.append(Problem(self.filename, row.get("__line__") if row else None, field, message))

    def rows(self, mapping, field):
        rows = mapping.get(field)
        if not isinstance(rows, list) or not rows:
            self.add(mapping, field, "a non-empty list is required")
            return []
        return [
            row for row in rows if isinstance(row, dict) or self.add(mapping, field, "each item is a mapping")
        ]

    def text(self, row, field):
        value = row.get(field)
        if not isinstance(value, str) or not value.strip():
            self.add(row, field, "required text is missing")
            return ""
        return value.strip()

    def number(self, row, field, minimum=0):
        value = row.get(field)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.add(row, field, f"an integer ≥ {minimum} is required, found {value!r}")
            return 0
        return value

    def choice(self, row, field, allowed):
        value = row.get(field)
        if value not in allowed:
            self.add(row, field, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def grades(self, row, field="grades"):
        value = row.get(field)
        if not isinstance(value, list) or not value or any(g not in GRADES for g in value):
            self.add(row, field, f"a list of grades 1–12 is required, found {value!r}")
            return []
        return list(value)

    def cited(self, row):
        """The row's source key and confidence: every figure must say where it comes from."""
        source = row.get("source")
        if source not in self.sources:
            self.add(row, "source", f"{source!r} is not a key of `sources` (every figure needs its source)")
        return {"source": source, "confidence": self.choice(row, "confidence", CONFIDENCE)}


def _calendar(check, raw):
    calendar = {}
    for field in ("weeks_per_year", "semester_weeks"):
        entry = raw.get(field)
        if not isinstance(entry, dict) or "value" not in entry:
            check.add(raw, field, "required, as {value: …, source: …, confidence: …}")
            continue
        calendar[field] = {"value": entry["value"], **check.cited(entry)}
    semesters = calendar.get("semester_weeks", {}).get("value")
    weeks = calendar.get("weeks_per_year", {}).get("value")
    if isinstance(semesters, list) and isinstance(weeks, int) and sum(semesters) != weeks:
        check.add(
            raw, "semester_weeks", f"semesters add up to {sum(semesters)} weeks, not weeks_per_year {weeks}"
        )
    return calendar


def _level(check, row):
    totals = row.get("totals") or {}
    return {
        "code": check.text(row, "code"),
        "name_vi": check.text(row, "name_vi"),
        "name_en": check.text(row, "name_en"),
        "grades": check.grades(row),
        "period_minutes": check.number(row, "period_minutes", minimum=1),
        "elective_choices": check.number(row, "elective_choices"),
        "totals": {str(grade): total for grade, total in totals.items() if grade != "__line__"},
        **check.cited(row),
    }


def _subject(check, row):
    code = check.text(row, "code")
    if code and not (code.isascii() and code.replace("_", "").isalnum() and code.isupper()):
        check.add(row, "code", f"{code!r}: use upper-case ASCII letters, digits and _")
    offerings = []
    for offering in check.rows(row, "offerings"):
        periods = check.number(offering, "periods", minimum=1)
        kind = check.choice(offering, "kind", KINDS)
        cited = check.cited(offering)
        for grade in check.grades(offering):
            offerings.append(
                {"grade": grade, "periods": periods, "kind": kind, **cited, "line": offering["__line__"]}
            )
    return {
        "code": code,
        "name_vi": check.text(row, "name_vi"),
        "name_en": check.text(row, "name_en"),
        "offerings": offerings,
        "line": row["__line__"],
    }


def _check_grades_and_totals(check, raw, program):
    seen_levels = {}
    for level, raw_level in zip(program["levels"], raw["levels"], strict=True):
        for grade in level["grades"]:
            if grade in seen_levels:
                check.add(raw_level, "grades", f"grade {grade} is already in level {seen_levels[grade]}")
            seen_levels[grade] = level["code"]
    missing = sorted(set(GRADES) - set(seen_levels))
    if missing:
        check.add(raw, "levels", f"no level holds grade(s) {missing}")
    codes = set()
    for subject in program["subjects"]:
        if subject["code"] in codes:
            check.add({"__line__": subject["line"]}, "code", f"subject {subject['code']} is defined twice")
        codes.add(subject["code"])
        grades = [o["grade"] for o in subject["offerings"]]
        for grade in {g for g in grades if grades.count(g) > 1}:
            check.add(
                {"__line__": subject["line"]}, "offerings", f"{subject['code']}: grade {grade} given twice"
            )
    for level, raw_level in zip(program["levels"], raw["levels"], strict=True):
        for grade in level["grades"]:
            stated = level["totals"].get(str(grade))
            computed = _yearly_total(check, program, level, grade, raw_level)
            if stated is None:
                check.add(raw_level, "totals", f"grade {grade}: the yearly total is missing")
            elif computed is not None and computed != stated:
                check.add(
                    raw_level, "totals", f"grade {grade}: subjects add up to {computed} periods, not {stated}"
                )
    for subject in program["subjects"]:  # line numbers served their purpose
        subject.pop("line")
        for offering in subject["offerings"]:
            offering.pop("line")


def _yearly_total(check, program, level, grade, raw_level):
    offerings = [o for s in program["subjects"] for o in s["offerings"] if o["grade"] == grade]
    total = sum(o["periods"] for o in offerings if o["kind"] in COUNTED_KINDS)
    electives = {o["periods"] for o in offerings if o["kind"] == "elective"}
    choices = level["elective_choices"]
    if choices:
        count = sum(1 for o in offerings if o["kind"] == "elective")
        if len(electives) != 1 or count < choices:
            check.add(
                raw_level, "elective_choices", f"grade {grade}: {choices} electives of one length needed"
            )
            return None
        total += choices * electives.pop()
    return total
