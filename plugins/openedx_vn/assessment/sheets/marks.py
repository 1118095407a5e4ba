"""What the bubbles of a straightened sheet say, and what a teacher must look at.

A bubble is *filled* at ``FILLED`` darkness or more, *blank* at ``BLANK`` or less; anything between (a faint
mark, a mark rubbed out but not clean) is *unsure*. A group (one question, one statement, one column) reads as
its one filled bubble, or nothing when all are blank; two filled bubbles, or any unsure one, put the group on
the review list with the reason. Nothing on that list is graded until the teacher confirms it.
"""

from dataclasses import dataclass

from openedx_vn.assessment.sheets.reader import bubble_darkness

__all__ = ["BLANK", "FILLED", "SheetMarks", "read_marks", "FAINT", "DOUBLE", "GAP", "NUMBER"]

FILLED = 0.48
BLANK = 0.20
# Reasons a group is unsure (codes stored with the read; the review page names them in Vietnamese).
FAINT, DOUBLE, GAP, NUMBER = "faint", "double", "gap", "number"


@dataclass(frozen=True)
class SheetMarks:
    values: dict  # group key → value read (None: blank); only groups read with certainty
    unsure: dict  # group key → reason (FAINT | DOUBLE)
    darkness: dict  # group key → (darkness of each bubble, rounded), for the review page


def _group(darkness, group):
    levels = [bubble_darkness(darkness, x, y) for _value, x, y in group.bubbles]
    filled = [i for i, level in enumerate(levels) if level >= FILLED]
    unsure = [i for i, level in enumerate(levels) if BLANK < level < FILLED]
    if unsure:
        return None, FAINT, levels
    if len(filled) > 1:
        return None, DOUBLE, levels
    return (group.bubbles[filled[0]][0] if filled else None), None, levels


def read_marks(darkness, layout):
    """``SheetMarks`` of every group of ``layout`` on the straightened sheet's ``darkness``."""
    values, unsure, levels = {}, {}, {}
    for group in layout.groups:
        value, reason, found = _group(darkness, group)
        levels[group.key] = tuple(round(level, 2) for level in found)
        if reason:
            unsure[group.key] = reason
        else:
            values[group.key] = value
    return SheetMarks(values, unsure, levels)


def digits(marks, prefix, columns):
    """The digits filled in ``columns`` columns named ``prefix`` (the number, the version code):
    ``(text, reason)``; text "" when none is filled; reason GAP for a blank column between digits."""
    read = []
    for column in range(columns):
        key = (prefix, column)
        if key in marks.unsure:
            return None, marks.unsure[key]
        read.append(marks.values.get(key))
    text = "".join(digit or " " for digit in read).strip()
    if " " in text:
        return None, GAP
    return text, None


def short_answer(marks, number, columns):
    """The characters filled for Phần III question ``number``: ``(text, reason)`` as ``digits``; a minus
    or comma in a place that makes no number (``-``, ``1,``, ``,5``) is unsure too."""
    read = []
    for column in range(columns):
        key = ("sa", number, column)
        if key in marks.unsure:
            return None, marks.unsure[key]
        read.append(marks.values.get(key))
    text = "".join(symbol or " " for symbol in read).strip()
    if " " in text:
        return None, GAP
    if text and (text in {"-", ",", "-,"} or text.endswith(",") or text.startswith(",")):
        return None, NUMBER
    if text.startswith("-,"):
        return None, NUMBER
    return text, None
