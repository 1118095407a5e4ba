"""Scoring rules for the question types. Plain functions, no Django, so blocks and tests share them."""

from openedx_vn.qbank.data import Score


def score_multiple_choice(selected, correct, points=1.0):
    """One correct option: full points when ``selected`` is ``correct``, else nothing.

    ``selected`` is None when the student gave no answer.
    """
    if selected is not None and int(selected) == int(correct):
        return Score(earned=points, possible=points)
    return Score(earned=0.0, possible=points)
