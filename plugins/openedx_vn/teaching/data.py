"""Values the teaching app hands to other apps, blocks, views and tasks."""

from dataclasses import dataclass
from datetime import datetime

__all__ = ["EnrollmentChange", "EnrollmentSummary"]


@dataclass(frozen=True)
class EnrollmentChange:
    """What the platform told us about one enrolment (from an openedx-events payload)."""

    user_id: int
    username: str
    course_key: str
    mode: str
    is_active: bool
    at: datetime


@dataclass(frozen=True)
class EnrollmentSummary:
    """Counts of enrolments in one course run."""

    course_key: str
    course_title: str | None
    active: int
    total: int
