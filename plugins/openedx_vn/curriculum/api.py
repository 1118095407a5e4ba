"""Public Python API of the curriculum app."""

from functools import cache

import yaml

from openedx_vn.curriculum.data import Level
from openedx_vn_data import data_file

__all__ = ["CurriculumError", "get_level", "get_level_for_grade", "get_levels"]


class CurriculumError(ValueError):
    """The curriculum data or a look-up in it is invalid; the message names what and where."""


@cache
def _levels():
    path = data_file("curriculum", "levels.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    levels = []
    for index, row in enumerate(raw.get("levels") or [], start=1):
        try:
            levels.append(
                Level(
                    code=row["code"],
                    name_vi=row["name_vi"],
                    name_en=row["name_en"],
                    grades=tuple(int(g) for g in row["grades"]),
                    period_minutes=int(row["period_minutes"]),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise CurriculumError(f"{path.name}: level #{index}: missing or invalid field {exc}") from exc
    return tuple(levels)


def get_levels():
    """Return every level, from primary to upper secondary, as ``Level`` values."""
    return list(_levels())


def get_level(code):
    """Return the ``Level`` with this code ("TH", "THCS", "THPT"); raise ``CurriculumError`` if unknown."""
    for level in _levels():
        if level.code == code:
            return level
    raise CurriculumError(f"Unknown level code: {code!r}")


def get_level_for_grade(grade):
    """Return the ``Level`` a grade (1–12) belongs to; raise ``CurriculumError`` outside 1–12."""
    for level in _levels():
        if grade in level.grades:
            return level
    raise CurriculumError(f"Grade {grade!r} is not a grade of general education (1–12)")
