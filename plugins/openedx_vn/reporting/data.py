"""Frozen data passed across vn_reporting's public API."""

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class TrainingCourseInfo:
    course_key: str
    title: str


@dataclass(frozen=True)
class TrainingRow:
    """Teachers of a school (or an area's total: ``school_code`` "") and how many trained this school year."""

    school_code: str
    school_name: str
    commune_code: str
    commune_name: str
    teachers: int
    trained: int

    @property
    def share(self):
        """Trained teachers against all (the target is 100%); None for a school without teachers."""
        return Fraction(self.trained, self.teachers) if self.teachers else None


@dataclass(frozen=True)
class Criterion:
    """A QĐ 4725 criterion our figures answer; ``verified`` False: its number and text were not read from
    the decision."""

    key: str
    number: str | None
    text: str
    verified: bool
    figures: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceRow:
    """The figures of a school (or of an area: ``school_code`` "") for the digital-transformation criteria."""

    school_code: str
    school_name: str
    commune_code: str
    commune_name: str
    figures: dict  # figure key -> int or Fraction or None (no data)
