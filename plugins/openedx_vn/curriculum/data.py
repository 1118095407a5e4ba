"""Values the curriculum app hands to other apps, blocks and views."""

from dataclasses import dataclass

__all__ = ["Level"]


@dataclass(frozen=True)
class Level:
    """A level of general education (cấp học): Tiểu học, THCS or THPT."""

    code: str
    name_vi: str
    name_en: str
    grades: tuple[int, ...]
    period_minutes: int
