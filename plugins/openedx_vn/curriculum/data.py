"""Values the curriculum app hands to other apps, blocks and views."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

__all__ = [
    "CourseLinkInfo",
    "Level",
    "Node",
    "ProgramVersionInfo",
    "SearchHit",
    "SubjectOffering",
    "TopicsLoad",
]


@dataclass(frozen=True)
class Level:
    """A level of general education (cấp học): Tiểu học, THCS or THPT."""

    code: str
    name_vi: str
    name_en: str
    grades: tuple[int, ...]
    period_minutes: int


@dataclass(frozen=True)
class SubjectOffering:
    """A subject or activity as taught in one grade, with its yearly periods in one program version."""

    code: str
    name_vi: str
    name_en: str
    grade: int
    periods_per_year: int
    kind: str  # compulsory | elective | optional | activity | local_content | special_topics
    source: str
    confidence: str  # official | press | unverified

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)


KIND_LABELS = {
    "compulsory": _("compulsory"),
    "elective": _("elective"),
    "optional": _("optional"),
    "activity": _("educational activity"),
    "local_content": _("local education content"),
    "special_topics": _("elective study topics"),
}


@dataclass(frozen=True)
class ProgramVersionInfo:
    key: str
    name: str
    loaded_at: datetime
    is_current: bool
    weeks_per_year: int
    semester_weeks: tuple[int, ...]


@dataclass(frozen=True)
class Node:
    """A strand, topic or learning outcome of a subject × grade tree; ``children`` in program order."""

    code: str
    subject_code: str
    grade: int
    kind: str  # strand | topic | outcome
    title: str
    periods: int | None
    parent_code: str | None
    children: tuple["Node", ...] = field(default=())


@dataclass(frozen=True)
class SearchHit:
    code: str
    subject_code: str
    grade: int
    kind: str
    title: str
    parent_code: str | None


@dataclass(frozen=True)
class TopicsLoad:
    """What loading a topic file did: subject × grade trees replaced or left as they were."""

    replaced: tuple[tuple[str, int], ...]
    unchanged: tuple[tuple[str, int], ...]
    nodes: int


@dataclass(frozen=True)
class CourseLinkInfo:
    """The school, school year, grade, subject and classes a course run serves, under a program version."""

    course_key: str
    school_code: str
    school_year: str
    grade: int
    subject_code: str
    class_names: tuple[str, ...]
    version_key: str
