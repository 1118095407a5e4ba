"""Values the practice app hands across its boundary (frozen)."""

from dataclasses import dataclass
from datetime import datetime

__all__ = ["ClassMasteryRow", "NextQuestion", "OutcomeProgress", "PracticeResult", "ProgressLinkInfo"]


@dataclass(frozen=True)
class NextQuestion:
    """The question to show next: bank id, pinned version, the outcome it practises, review or not."""

    question_uuid: str
    version: int
    outcome_code: str
    review: bool = False
    b: float = 0.0  # the question's difficulty on the ability scale (from the bank's item analysis)
    c: float = 0.0  # its guessing floor (a quarter for four options)
    key: int | None = None  # the bank's key of the question (``qbank.api.list_candidates``)


@dataclass(frozen=True)
class PracticeResult:
    """What one answer changed on its outcome."""

    outcome_code: str
    correct: bool
    mastery: float  # P(mastered), 0–1
    mastered: bool
    just_mastered: bool
    review_due: datetime | None


@dataclass(frozen=True)
class OutcomeProgress:
    """A student's standing on one outcome: status "mastered", "in_progress" or "not_started"."""

    outcome_code: str
    status: str
    mastery: float
    answered: int
    correct: int
    mastered_at: datetime | None = None
    review_due: datetime | None = None


@dataclass(frozen=True)
class ClassMasteryRow:
    """One outcome of a class: how many students mastered it, are on it, have not started."""

    outcome_code: str
    title: str
    mastered: int
    in_progress: int
    not_started: int


@dataclass(frozen=True)
class ProgressLinkInfo:
    uuid: str
    student_id: int
    token: str
    expires_at: datetime
    revoked: bool
