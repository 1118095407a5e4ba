"""The blueprint of a test (ma trận đề): rows of curriculum topics/outcomes × format × cognitive level.

A cell holds a number of questions (of statements for đúng – sai, 4 per question: CV 7991 counts statements)
and the points they carry. The checks are those schools apply: the total is right, đúng – sai counts are whole
questions, and the split by format and by level follows the chosen template (a difference is reported, not
refused: a teacher may adapt the template).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

import yaml
from django.utils.translation import gettext as _

__all__ = [
    "FORMATS",
    "LEVELS",
    "STATEMENTS_PER_CLUSTER",
    "Blueprint",
    "BlueprintProblem",
    "BlueprintRow",
    "Cell",
    "check",
    "load_templates",
]

FORMATS = ("multiple_choice", "true_false_cluster", "short_answer", "essay")  # the bank's question types
LEVELS = ("biet", "hieu", "van_dung")  # CV 7991: Biết / Hiểu / Vận dụng
STATEMENTS_PER_CLUSTER = 4


@dataclass(frozen=True)
class BlueprintRow:
    """A row: a topic (chủ đề / nội dung) given by curriculum codes; questions match by code or sub-code."""

    label: str  # nội dung / đơn vị kiến thức
    codes: tuple[str, ...]
    topic: str = ""  # chủ đề / chương: rows of one topic are printed under one merged cell
    # bản đặc tả: the "yêu cầu cần đạt" of the row at each level ({"biet": "- Biết …", …})
    requirements: dict = field(default_factory=dict, hash=False, compare=False)

    def matches(self, outcome_codes):
        return any(code == own or code.startswith(own + ".") for code in outcome_codes for own in self.codes)


@dataclass(frozen=True)
class Cell:
    row: int  # index into Blueprint.rows
    format: str
    level: str
    count: int  # questions; statements for true_false_cluster
    points: Decimal  # the points of the whole cell

    @property
    def questions(self):
        """Questions to draw: đúng – sai cells count statements, 4 to a question."""
        return self.count // STATEMENTS_PER_CLUSTER if self.format == "true_false_cluster" else self.count


@dataclass(frozen=True)
class Blueprint:
    title: str
    rows: tuple[BlueprintRow, ...]
    cells: tuple[Cell, ...]
    total_points: Decimal = Decimal(10)
    template: str = ""  # the key of the template it follows, if any
    subject_code: str = ""
    grade: int | None = None

    def points_by(self, attribute):
        totals = {}
        for cell in self.cells:
            key = getattr(cell, attribute)
            totals[key] = totals.get(key, Decimal(0)) + cell.points
        return totals

    @property
    def points(self):
        return sum((cell.points for cell in self.cells), Decimal(0))


@dataclass(frozen=True)
class BlueprintProblem:
    """A problem of a cell, a row or the blueprint; a non-blocking one only differs from the template."""

    message: str
    row: int | None = None
    format: str = ""
    level: str = ""
    blocking: bool = True

    def __str__(self):
        return self.message


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    source: str
    confidence: str
    total_points: Decimal
    points_by_format: dict = field(default_factory=dict)
    points_by_level: dict = field(default_factory=dict)
    parts: dict = field(default_factory=dict)  # format → (questions, points each), for exam structures
    subjects: tuple[str, ...] = ()
    minutes: int | None = None


def load_templates():
    """The shipped templates (``openedx_vn_data/assessment/templates.yaml``) by key, each with its source.
    Read once per process (package data; every test generation checks its blueprint against them)."""
    return MappingProxyType(_read_templates())


@lru_cache(maxsize=1)
def _read_templates():
    text = (
        resources.files("openedx_vn_data").joinpath("assessment/templates.yaml").read_text(encoding="utf-8")
    )
    data = yaml.safe_load(text)
    sources = data["sources"]
    templates = {}
    for raw in data["templates"]:
        parts = {
            fmt: (part["questions"], Decimal(part["points_each"]))
            for fmt, part in (raw.get("parts") or {}).items()
        }
        by_format = {fmt: Decimal(v) for fmt, v in (raw.get("points_by_format") or {}).items()}
        if parts and not by_format:
            by_format = {fmt: questions * each for fmt, (questions, each) in parts.items()}
        subjects = tuple(raw.get("subjects") or ([raw["subject"]] if raw.get("subject") else []))
        templates[raw["key"]] = Template(
            key=raw["key"],
            name=raw["name"],
            source=sources[raw["source"]],
            confidence=raw["confidence"],
            total_points=Decimal(raw["total_points"]),
            points_by_format=by_format,
            points_by_level={level: Decimal(v) for level, v in (raw.get("points_by_level") or {}).items()},
            parts=parts,
            subjects=subjects,
            minutes=raw.get("minutes"),
        )
    return templates


def _label(fmt):
    return {
        "multiple_choice": _("multiple choice"),
        "true_false_cluster": _("true/false statements"),
        "short_answer": _("short answer"),
        "essay": _("essay"),
    }.get(fmt, fmt)


def _level_label(level):
    return {"biet": _("Know"), "hieu": _("Understand"), "van_dung": _("Apply")}.get(level, level)


def _number(value):
    return f"{value.normalize():f}".replace(".", ",")


def check(blueprint, template=None):
    """Problems of a blueprint: blocking ones (bad cell, wrong total) and differences from ``template``."""
    problems = []
    for cell in blueprint.cells:
        where = {"row": cell.row, "format": cell.format, "level": cell.level}
        name = _("row %(row)s, %(format)s, %(level)s") % {
            "row": cell.row + 1,
            "format": _label(cell.format),
            "level": _level_label(cell.level),
        }
        if not 0 <= cell.row < len(blueprint.rows):
            problems.append(BlueprintProblem(_("%(cell)s: there is no such row") % {"cell": name}, **where))
        if cell.format not in FORMATS or cell.level not in LEVELS:
            problems.append(
                BlueprintProblem(_("%(cell)s: unknown format or level") % {"cell": name}, **where)
            )
        if cell.count < 0 or cell.points < 0:
            problems.append(
                BlueprintProblem(
                    _("%(cell)s: counts and points cannot be negative") % {"cell": name}, **where
                )
            )
        elif cell.count == 0 and cell.points > 0:
            problems.append(
                BlueprintProblem(_("%(cell)s: points without questions") % {"cell": name}, **where)
            )
        elif cell.count > 0 and cell.points == 0:
            problems.append(
                BlueprintProblem(_("%(cell)s: questions without points") % {"cell": name}, **where)
            )
        if cell.format == "true_false_cluster" and cell.count % STATEMENTS_PER_CLUSTER:
            message = _(
                "%(cell)s: true/false statements come 4 to a question; %(count)s is not a multiple of 4"
            )
            problems.append(BlueprintProblem(message % {"cell": name, "count": cell.count}, **where))
    if blueprint.points != blueprint.total_points:
        message = _("the cells add up to %(points)s points, not %(total)s")
        values = {"points": _number(blueprint.points), "total": _number(blueprint.total_points)}
        problems.append(BlueprintProblem(message % values))
    if template is not None:
        problems += _differences(blueprint, template)
    return problems


def _differences(blueprint, template):
    problems = []
    by_format, by_level = blueprint.points_by("format"), blueprint.points_by("level")
    for fmt, expected in template.points_by_format.items():
        if by_format.get(fmt, Decimal(0)) != expected:
            message = _("%(format)s carries %(points)s points; the template %(template)s gives %(expected)s")
            values = {"format": _label(fmt), "points": _number(by_format.get(fmt, Decimal(0)))}
            values |= {"template": template.name, "expected": _number(expected)}
            problems.append(BlueprintProblem(message % values, format=fmt, blocking=False))
    for level, expected in template.points_by_level.items():
        if by_level.get(level, Decimal(0)) != expected:
            message = _(
                "level %(level)s carries %(points)s points; the template %(template)s gives %(expected)s"
            )
            values = {"level": _level_label(level), "points": _number(by_level.get(level, Decimal(0)))}
            values |= {"template": template.name, "expected": _number(expected)}
            problems.append(BlueprintProblem(message % values, level=level, blocking=False))
    return problems
