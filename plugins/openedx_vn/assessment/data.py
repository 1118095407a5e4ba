"""Values the assessment app hands to blocks, views and other apps."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

__all__ = [
    "AttemptClosed",
    "AttemptView",
    "ExamInfo",
    "IntegrityEntry",
    "NotAllowed",
    "SaveResult",
    "ResultRow",
]


class NotAllowed(PermissionError):
    """The user may not do this (wrong role or out of scope)."""


class AttemptClosed(Exception):
    """The attempt is submitted or its time is up: answers are no longer taken."""


@dataclass(frozen=True)
class ExamInfo:
    uuid: str
    title: str
    kind: str
    subject_code: str
    grade: int | None
    school_code: str
    school_year: str
    minutes: int
    opens_at: datetime | None
    closes_at: datetime | None
    max_points: Decimal
    question_count: int
    version_codes: tuple[str, ...]
    owner_id: int
    # The test's language sets how numbers are written in it (a decimal comma in Vietnamese), whatever the
    # language of the page showing it. Every test is drawn from Vietnamese banks for Vietnamese schools.
    language: str = "vi"
    require_fullscreen: bool = False  # the teacher's online rule (ADR 0019)


@dataclass(frozen=True)
class AttemptView:
    """What the browser of a student may see of an attempt: never a key before the end (``review`` only
    after the close date, or after submission when the test has no close date)."""

    exam: str
    version_code: str
    status: str  # open | submitted | timed_out
    seconds_left: int
    parts: list  # [{"part", "questions": [{"uuid", "number", "type", "stem", "choices"|"statements"|…}]}]
    answers: dict  # uuid → {"value", "seq"} in the printed shape
    score: Decimal | None = None
    points: Decimal | None = None
    essays_pending: int = 0
    review: dict = field(default_factory=dict)  # uuid → {"key", "explanation", "earned", "points"}
    # After submission: per part {"part", "earned", "points", "essays_pending"} (exact points, not scaled).
    part_scores: list = field(default_factory=list)
    review_at: datetime | None = None  # when the review opens (None: never, a test without a close date)
    # What is recorded while sitting it (ADR 0019): {"require_fullscreen", "events": [{"kind", "from", "to",
    # "seconds"}]}: the student sees their own log.
    integrity: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SaveResult:
    saved: bool  # False: a newer answer (higher seq) was already stored; nothing changed
    seq: int  # the seq now stored for that question
    seconds_left: int


@dataclass(frozen=True)
class ResultRow:
    user_id: int
    username: str
    full_name: str
    version_code: str
    status: str
    started_at: datetime | None
    submitted_at: datetime | None
    points: Decimal | None
    score: Decimal | None
    essays_pending: int
    integrity: tuple = ()  # IntegrityEntry, in time order
    paper: bool = False  # graded from a paper answer sheet (``sheets``)


@dataclass(frozen=True)
class IntegrityEntry:
    """One line of an attempt's integrity log: kind is fullscreen | hidden | offline; server times."""

    kind: str
    started_at: datetime
    ended_at: datetime | None
    seconds: int | None
