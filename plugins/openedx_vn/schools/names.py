"""Sorting classes the way schools list them: 6A2 before 6A10. People and names: ``core.vietnamese``."""

import re
from functools import lru_cache

from openedx_vn.core.vietnamese import person_key, vi_key

__all__ = ["class_key", "person_key", "vi_key"]

_DIGITS = re.compile(r"(\d+)")


@lru_cache(maxsize=8192)  # a school's grid sorts its classes on every request
def class_key(grade, name):
    """6A1, 6A2, 6A10 in that order."""
    parts = _DIGITS.split(name)
    return grade, tuple(
        (0, int(part), ()) if part.isdigit() else (1, 0, vi_key(part)) for part in parts if part
    )
