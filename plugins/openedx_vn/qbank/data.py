"""Values the question-bank app hands to other apps, blocks and views."""

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from openedx_vn.core.vietnamese import fold

__all__ = [
    "COGNITIVE_LEVELS",
    "BankInfo",
    "CandidateQuestion",
    "ImportResult",
    "QuestionType",
    "QuestionTypeInfo",
    "Score",
    "cognitive_level",
]


class QuestionType(StrEnum):
    """The question types of Vietnamese tests (CV 7991/BGDĐT-GDTrH and the 2025 national exam)."""

    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE_CLUSTER = "true_false_cluster"
    SHORT_ANSWER = "short_answer"
    ESSAY = "essay"

    @property
    def label(self):
        return _QUESTION_TYPE_LABELS[self]


_QUESTION_TYPE_LABELS = {
    QuestionType.MULTIPLE_CHOICE: _("Multiple choice"),
    QuestionType.TRUE_FALSE_CLUSTER: _("True/false statements"),
    QuestionType.SHORT_ANSWER: _("Short answer"),
    QuestionType.ESSAY: _("Essay"),
}


@dataclass(frozen=True)
class QuestionTypeInfo:
    code: str
    label: str


@dataclass(frozen=True)
class Score:
    """Points earned out of points possible for one answer."""

    earned: float
    possible: float

    @property
    def is_correct(self):
        return self.possible > 0 and self.earned >= self.possible


@dataclass(frozen=True)
class BankInfo:
    uuid: str
    name: str
    scope: str  # personal | school | province
    owner_id: int
    school_code: str
    province_code: str
    question_count: int = 0


@dataclass(frozen=True)
class ImportResult:
    """What an import stored (or, for a preview, would store)."""

    format: str
    created: int
    duplicates: tuple[str, ...]  # "file, line L, question N: repeats …"
    question_uuids: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


class CandidateQuestion(NamedTuple):
    """What a test generator needs of a bank question (its current version), without its content.

    ``key`` is the bank's own key of the question: ``pin_questions`` gives the uuid and version of the few
    drawn (a plain tuple: a province bank hands over 100,000 of these to draw one test).
    """

    key: int
    type: str
    level: str
    outcome_codes: tuple[str, ...]
    difficulty: float | None  # share of students who fail it, 0–1; None until measured or estimated


# Cognitive levels of CV 7991/BGDĐT-GDTrH (Biết / Hiểu / Vận dụng); the older 4-level scale maps onto them.
COGNITIVE_LEVELS = {"biet": _("Know"), "hieu": _("Understand"), "van_dung": _("Apply")}
_LEVEL_NAMES = {
    "biet": "biet",
    "nhan biet": "biet",
    "nb": "biet",
    "b": "biet",
    "hieu": "hieu",
    "thong hieu": "hieu",
    "th": "hieu",
    "h": "hieu",
    "van dung": "van_dung",
    "vd": "van_dung",
    "van dung cao": "van_dung",
    "vdc": "van_dung",
}


def cognitive_level(text):
    """The level code ("biet", "hieu", "van_dung") for a name teachers write, or None when unknown.

    "Nhận biết", "Thông hiểu", "Vận dụng cao" (the pre-2024 four levels) map onto the three levels.
    """
    return _LEVEL_NAMES.get(" ".join(fold(text or "").replace("_", " ").split()))
