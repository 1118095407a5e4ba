"""Values the question-bank app hands to other apps, blocks and views."""

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
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
    "matrix_level",
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
    question_count: int | None = 0  # None when not counted (get_bank(count=False))


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


# Cognitive levels: the four of older matrices kept apart (a "Vận dụng cao" question stays one); in a
# three-level CV 7991/BGDĐT-GDTrH matrix it counts as "Vận dụng" (``matrix_level``). Names and that
# mapping are data: config/openedx_vn_data/qbank/levels.yaml.
COGNITIVE_LEVELS = {
    "biet": _("Know"),
    "hieu": _("Understand"),
    "van_dung": _("Apply"),
    # The label says how it counts where a CV 7991 matrix has three levels (levels.yaml: three_level_matrix).
    "van_dung_cao": _("Apply (advanced; Apply in a three-level matrix)"),
}


@cache
def _levels():
    import yaml  # noqa: PLC0415

    from openedx_vn_data import data_file  # noqa: PLC0415

    return yaml.safe_load(data_file("qbank", "levels.yaml").read_text(encoding="utf-8"))


def cognitive_level(text):
    """The level code ("biet", "hieu", "van_dung", "van_dung_cao") for a name teachers write ("Nhận biết",
    "TH", "VDC", "Mức 4"), or None when unknown."""
    name = " ".join(fold(text or "").replace("_", " ").split())
    if name in COGNITIVE_LEVELS:
        return name
    for code, level in _levels()["levels"].items():
        if name in level["names"]:
            return code
    return None


def matrix_level(level):
    """The level ``level`` fills in a three-level (CV 7991) matrix ("van_dung_cao" → "van_dung")."""
    return _levels()["three_level_matrix"].get(level, level)
