"""Draw the questions of a test from candidates so that every blueprint cell is filled.

Seeded and reproducible: the same blueprint, candidates and seed give the same test. No question is drawn
twice; questions used in recent tests of the same classes can be left out; within a cell the draw spreads
over the difficulty range instead of taking only easy or only hard questions.
"""

import random
from dataclasses import dataclass

from django.utils.translation import gettext as _

__all__ = ["Candidate", "GenerationError", "Pick", "ShortCell", "draw"]

_MIDDLE = 0.5  # the difficulty assumed for a question that has no estimate yet


@dataclass(frozen=True)
class Candidate:
    """A bank question the generator may draw (its current version)."""

    key: object  # the bank question's key (any hashable, orderable id)
    type: str
    level: str
    outcome_codes: tuple[str, ...]
    difficulty: float | None = None


@dataclass(frozen=True)
class Pick:
    cell: int  # index into Blueprint.cells
    key: object  # the bank question's key (any hashable, orderable id)


@dataclass(frozen=True)
class ShortCell:
    """A cell the candidates cannot fill: ``missing`` questions more are needed."""

    cell: int
    row_label: str
    format: str
    level: str
    needed: int
    available: int

    @property
    def missing(self):
        return self.needed - self.available


class GenerationError(ValueError):
    """The candidates cannot fill the blueprint; ``short`` lists every short cell."""

    def __init__(self, short):
        self.short = list(short)
        lines = "; ".join(
            _("%(row)s, %(format)s, %(level)s: %(missing)s question(s) missing (%(available)s of %(needed)s)")
            % {
                "row": cell.row_label,
                "format": cell.format,
                "level": cell.level,
                "missing": cell.missing,
                "available": cell.available,
                "needed": cell.needed,
            }
            for cell in self.short
        )
        super().__init__(_("The question banks cannot fill the blueprint: %(cells)s") % {"cells": lines})


def _spread(candidates, count, rng):
    """``count`` candidates spread over the difficulty range: one at random from each of ``count`` strata."""
    ordered = sorted(candidates, key=lambda c: (_MIDDLE if c.difficulty is None else c.difficulty, c.key))
    picks = []
    for stratum in range(count):
        start, end = len(ordered) * stratum // count, len(ordered) * (stratum + 1) // count
        picks.append(ordered[rng.randrange(start, end)])
    return picks


def _row_index(blueprint):
    """``rows_of(codes)``: the indexes of the blueprint rows a question with ``codes`` belongs to.

    A row takes a code equal to one of its own or under it (``BlueprintRow.matches``), i.e. one whose dotted
    prefixes (TOAN, TOAN.10, TOAN.10.1, …) include a code of the row. Answers are cached by codes: a bank of
    100,000 questions has a few hundred distinct outcome codes, so each is looked at once.
    """
    owners = {}
    for index, row in enumerate(blueprint.rows):
        for own in row.codes:
            owners.setdefault(own, []).append(index)
    cache = {}

    def rows_of(codes):
        codes = codes if isinstance(codes, tuple) else tuple(codes)
        found = cache.get(codes)
        if found is None:
            hits = set()
            for code in codes:
                prefix = None
                for part in code.split("."):
                    prefix = part if prefix is None else f"{prefix}.{part}"
                    hits.update(owners.get(prefix, ()))
            found = cache[codes] = tuple(sorted(hits))
        return found

    return rows_of


def draw(blueprint, candidates, seed, exclude=frozenset()):
    """The ``Pick``s filling every cell of ``blueprint`` from ``candidates``, in cell order.

    ``candidates``: ``Candidate``s, or any objects with the same attributes (the bank's candidate rows).
    ``exclude``: keys not to draw (e.g. used in the last N tests of the same classes).
    Raises ``GenerationError`` listing every cell that cannot be filled, with how many questions are missing.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible draws, not secrets
    wanted = {(cell.format, cell.level) for cell in blueprint.cells if cell.questions}
    rows_of = _row_index(blueprint)
    # One pass over the candidates (100,000 in a big bank): each goes to the (type, level, row) pools it
    # fits, in the order given, so a cell's pool is the same list a per-cell filter would make.
    members = {}
    for candidate in candidates:
        if (candidate.type, candidate.level) not in wanted or candidate.key in exclude:
            continue
        for row in rows_of(candidate.outcome_codes):
            members.setdefault((candidate.type, candidate.level, row), []).append(candidate)
    pools = {
        index: members.get((cell.format, cell.level, cell.row), [])
        for index, cell in enumerate(blueprint.cells)
        if cell.questions
    }
    used, picks, short = set(), {}, []
    # The most constrained cells first, so a question several cells could take goes where it is needed most.
    for index in sorted(pools, key=lambda i: (len(pools[i]) - blueprint.cells[i].questions, i)):
        cell = blueprint.cells[index]
        free = [c for c in pools[index] if c.key not in used]
        if len(free) < cell.questions:
            row = blueprint.rows[cell.row]
            short.append(ShortCell(index, row.label, cell.format, cell.level, cell.questions, len(free)))
            continue
        chosen = _spread(free, cell.questions, rng)
        used.update(c.key for c in chosen)
        picks[index] = [Pick(index, c.key) for c in chosen]
    if short:
        raise GenerationError(sorted(short, key=lambda s: s.cell))
    return [pick for index in sorted(picks) for pick in picks[index]]
