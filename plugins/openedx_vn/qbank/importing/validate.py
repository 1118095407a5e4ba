"""Checks every draft must pass before anything is stored, and the fingerprint that finds duplicates."""

import hashlib
import re

from openedx_vn.core.vietnamese import fold
from openedx_vn.qbank.scoring import parse_number

_TAGS = re.compile(r"<[^>]+>")
MAX_STATEMENTS = 6


def _plain(html):
    return " ".join(fold(_TAGS.sub(" ", html or "")).split())


def fingerprint(draft):
    """Same type, stem and options (in any order) → same fingerprint."""
    options = sorted(_plain(c["text"]) for c in draft.body.get("choices", []))
    options += sorted(_plain(s["text"]) for s in draft.body.get("statements", []))
    return hashlib.sha256("|".join([draft.type, _plain(draft.stem), *options]).encode()).hexdigest()


def problems_of(draft, known_outcomes=None):
    """What is wrong with a draft, as messages (empty when it can be stored).

    ``known_outcomes`` (a set of curriculum codes, or None to skip the check) catches mistyped outcome codes.
    """
    problems = []
    if known_outcomes is not None:
        unknown = [code for code in draft.outcome_codes if code not in known_outcomes]
        if unknown:
            problems.append(f"unknown learning outcome code(s): {', '.join(unknown)}")
    if not _plain(draft.stem) and draft.type != "true_false_cluster":
        problems.append("the question has no text")
    check = _CHECKS.get(draft.type)
    if check is None:
        return [*problems, f"unknown question type {draft.type!r}"]
    return problems + check(draft.body)


def _multiple_choice(body):
    choices = body.get("choices") or []
    problems = []
    if len(choices) < 2:
        problems.append(f"at least 2 options are needed, found {len(choices)}")
    if sum(1 for choice in choices if choice["correct"]) != 1:
        problems.append("exactly one option must be marked right")
    if any(not _plain(choice["text"]) and "<img" not in choice["text"] for choice in choices):
        problems.append("an option is empty")
    return problems


def _true_false(body):
    statements = body.get("statements") or []
    if not 1 <= len(statements) <= MAX_STATEMENTS:
        return [f"1 to {MAX_STATEMENTS} statements are needed, found {len(statements)}"]
    return []


def _short_answer(body):
    if body.get("kind") == "numeric":
        try:
            parse_number(str(body.get("value")))
            parse_number(str(body.get("tolerance", "0")))
        except ValueError as exc:
            return [str(exc)]
        return []
    return [] if body.get("answers") else ["no accepted answer"]


def _essay(body):
    return []


_CHECKS = {
    "multiple_choice": _multiple_choice,
    "true_false_cluster": _true_false,
    "short_answer": _short_answer,
    "essay": _essay,
}
