"""The online-teaching share and its status: plain arithmetic on whole periods.

The incremental update (one session changed) and the full recompute (Celery) both call these functions on the
same integers, so they cannot disagree. Shares are exact ``Fraction``s until they are shown.
"""

import functools
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

__all__ = ["ShareFigure", "ShareStatus", "Target", "combine", "percent_text", "share_figure"]


class ShareStatus(StrEnum):
    MET = "met"  # the target is reached already
    ON_TRACK = "on_track"  # at this pace the target is reached by the end of the year
    AT_RISK = "at_risk"  # at this pace the year ends short, but close (within the policy's margin)
    BEHIND = "behind"  # at this pace the year ends well short, or the year is over and it was not reached
    NO_PLAN = "no_plan"  # no planned periods: no share can be computed
    NO_TARGET = "no_target"  # the policy sets no target for this level (preschool, say): a share, no status

    @property
    def label(self):
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    ShareStatus.MET: _("Target met"),
    ShareStatus.ON_TRACK: _("On track"),
    ShareStatus.AT_RISK: _("At risk"),
    ShareStatus.BEHIND: _("Behind"),
    ShareStatus.NO_PLAN: _("No plan"),
    ShareStatus.NO_TARGET: _("No target"),
}


@dataclass(frozen=True)
class Target:
    """A minimum share of planned periods; ``strict``: the share must be above it ("> 10%"), not equal."""

    min_share: Decimal
    strict: bool = False

    def reached(self, share):
        bound = Fraction(self.min_share)
        return share > bound if self.strict else share >= bound


@dataclass(frozen=True)
class ShareFigure:
    """Online periods against planned periods for one cell or a roll-up, with status and projection.

    ``complete`` is False when part of the data is missing (a class × subject without a plan, a recompute
    under way): such a figure is shown as provisional, never as a finished one.
    """

    planned: int
    online: int
    share: Fraction | None
    projected: Fraction | None
    status: ShareStatus
    complete: bool = True

    def percent(self, value=None):
        """The share (or ``value``) in percent as a Decimal with one decimal place; None when undefined."""
        value = self.share if value is None else value
        return None if value is None else Decimal(percent_text(value))


def percent_text(value):
    """A ``Fraction`` in percent with one decimal, as text ("12.3"), rounded half to even as Decimal's
    ``quantize`` rounds; None stays None. Integer arithmetic, each fraction formatted once (a province's
    pages show the same few thousand fractions over and over)."""
    return None if value is None else _percent_text(value.numerator, value.denominator)


@functools.lru_cache(maxsize=65536)
def _percent_text(numerator, denominator):
    tenths, rest = divmod(abs(numerator) * 1000, denominator)
    if 2 * rest > denominator or (2 * rest == denominator and tenths % 2):
        tenths += 1
    sign = "-" if numerator < 0 else ""
    return f"{sign}{tenths // 10}.{tenths % 10}"


# Pure and called with the same integers over and over (a province page figures 630 schools per request, and
# a school's figures change only when one of its sessions does); ``ShareFigure``s are immutable.
@functools.lru_cache(maxsize=65536)
def share_figure(
    planned, online, target, weeks_elapsed, weeks_total, at_risk_margin=Decimal("0.8"), complete=True
):
    """The ``ShareFigure`` of ``online`` counted periods out of ``planned`` after ``weeks_elapsed`` weeks.

    The projection is linear: the pace so far kept for the whole year. Before the first week ends there is
    no pace yet, so the status is on track unless the target is met already. ``target`` None: no status.
    """
    if planned <= 0:
        return ShareFigure(planned, online, None, None, ShareStatus.NO_PLAN, complete)
    share = Fraction(online, planned)
    elapsed = min(max(weeks_elapsed, 0), weeks_total)
    projected = Fraction(online * weeks_total, elapsed * planned) if elapsed else None
    if target is None:
        status = ShareStatus.NO_TARGET
    elif target.reached(share):
        status = ShareStatus.MET
    elif elapsed >= weeks_total:
        status = ShareStatus.BEHIND  # the year is over
    elif projected is None or target.reached(projected):
        status = ShareStatus.ON_TRACK
    elif projected >= Fraction(target.min_share) * Fraction(at_risk_margin):
        status = ShareStatus.AT_RISK
    else:
        status = ShareStatus.BEHIND
    return ShareFigure(planned, online, share, projected, status, complete)


def combine(cells, target, weeks_elapsed, weeks_total, at_risk_margin=Decimal("0.8")):
    """Roll up ``(planned, online, complete)`` cells into one ``ShareFigure`` weighted by periods.

    A cell's online periods count up to its planned periods only: a class cannot make up for another subject
    by teaching one subject entirely online.
    """
    planned = online = 0
    complete = True
    for cell_planned, cell_online, cell_complete in cells:
        planned += cell_planned
        online += min(cell_online, cell_planned)
        complete = complete and cell_complete and cell_planned > 0
    return share_figure(planned, online, target, weeks_elapsed, weeks_total, at_risk_margin, complete)
