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

    uuid: str
    type: str
    level: str
    outcome_codes: tuple[str, ...]
    difficulty: float | None = None


@dataclass(frozen=True)
class Pick:
    cell: int  # index into Blueprint.cells
    uuid: str


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
    ordered = sorted(candidates, key=lambda c: (_MIDDLE if c.difficulty is None else c.difficulty, c.uuid))
    picks = []
    for stratum in range(count):
        start, end = len(ordered) * stratum // count, len(ordered) * (stratum + 1) // count
        picks.append(ordered[rng.randrange(start, end)])
    return picks


def draw(blueprint, candidates, seed, exclude=frozenset()):
    """The ``Pick``s filling every cell of ``blueprint`` from ``candidates``, in cell order.

    ``exclude``: uuids not to draw (e.g. used in the last N tests of the same classes).
    Raises ``GenerationError`` listing every cell that cannot be filled, with how many questions are missing.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible draws, not secrets
    by_kind = {}
    for candidate in candidates:
        if candidate.uuid not in exclude:
            by_kind.setdefault((candidate.type, candidate.level), []).append(candidate)
    pools = {}
    for index, cell in enumerate(blueprint.cells):
        if cell.questions:
            row = blueprint.rows[cell.row]
            pool = [c for c in by_kind.get((cell.format, cell.level), ()) if row.matches(c.outcome_codes)]
            pools[index] = pool
    used, picks, short = set(), {}, []
    # The most constrained cells first, so a question several cells could take goes where it is needed most.
    for index in sorted(pools, key=lambda i: (len(pools[i]) - blueprint.cells[i].questions, i)):
        cell = blueprint.cells[index]
        free = [c for c in pools[index] if c.uuid not in used]
        if len(free) < cell.questions:
            row = blueprint.rows[cell.row]
            short.append(ShortCell(index, row.label, cell.format, cell.level, cell.questions, len(free)))
            continue
        chosen = _spread(free, cell.questions, rng)
        used.update(c.uuid for c in chosen)
        picks[index] = [Pick(index, c.uuid) for c in chosen]
    if short:
        raise GenerationError(sorted(short, key=lambda s: s.cell))
    return [pick for index in sorted(picks) for pick in picks[index]]
