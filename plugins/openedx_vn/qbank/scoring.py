"""Scoring rules of the Vietnamese question types. Plain functions: blocks, tests and the bank share them.

The tables come from config/openedx_vn_data/qbank/scoring.yaml, which cites their sources.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import cache

import yaml

from openedx_vn.qbank.data import Score
from openedx_vn_data import data_file

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)$")


@cache
def rules():
    """The scoring rules as data (see scoring.yaml)."""
    return yaml.safe_load(data_file("qbank", "scoring.yaml").read_text(encoding="utf-8"))


def score_multiple_choice(selected, correct, points=1.0):
    """One correct option: full points when ``selected`` is ``correct``, else nothing (None = no answer)."""
    if selected is not None and int(selected) == int(correct):
        return Score(earned=points, possible=points)
    return Score(earned=0.0, possible=points)


def score_true_false_cluster(answers, key, points=1.0):
    """Statements judged đúng/sai: ``answers`` and ``key`` are lists of booleans (None = not answered).

    4 statements follow the national-exam table (0,1 / 0,25 / 0,5 / 1 for 1–4 right, scaled to ``points``);
    another count earns the share of statements judged right.
    """
    right = sum(
        1 for given, expected in zip(answers, key, strict=False) if given is not None and given == expected
    )
    table = rules()["true_false_cluster"]["points_by_correct"].get(len(key))
    share = table[right] / table[-1] if table else right / len(key)
    return Score(earned=round(points * share, 4), possible=points)


def parse_number(text):
    """A number as students write it, decimal comma ("-1,5") or point ("-1.5"); raise ``ValueError``."""
    cleaned = (text or "").strip().replace(" ", "")
    if not _NUMBER.match(cleaned):
        raise ValueError(f"{text!r} is not a number (write it like -1,5)")
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern already refuses these
        raise ValueError(f"{text!r} is not a number") from exc


def _normalise_text(text):
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def score_short_answer(response, key, points=1.0):
    """Short answer: ``key`` is {"kind": "numeric", "value", "tolerance"} or {"kind": "text", "answers"}.

    Numbers compare by value (so "1,50" equals "1.5"); an unreadable number earns nothing.
    """
    if key["kind"] == "numeric":
        try:
            value = parse_number(response)
        except ValueError:
            return Score(earned=0.0, possible=points)
        tolerance = Decimal(str(key.get("tolerance", "0")))
        right = abs(value - Decimal(str(key["value"]))) <= tolerance
    else:
        right = _normalise_text(response) in {_normalise_text(answer) for answer in key["answers"]}
    return Score(earned=points if right else 0.0, possible=points)
