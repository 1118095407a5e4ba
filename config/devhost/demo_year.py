"""The demo's school year: the one under way on the day the demo is loaded (by the site's calendar,
Asia/Ho_Chi_Minh), so a newcomer sees a year in progress, projections and alerts, not a finished one.

Its dates are those of 2025-2026 (QĐ 2269/QĐ-BGDĐT of 11/8/2025: opening 05/9/2025, semester II from
19/01/2026, the year ends 31/5/2026, 35 weeks) moved by whole weeks, so weekdays stay as they were. Later
years have their own MOET framework decision: an operator sets the real dates with ``set_school_year``.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

BASE = ("2025-2026", date(2025, 9, 5), date(2026, 5, 31), 35, date(2026, 1, 19))


@dataclass(frozen=True)
class DemoYear:
    name: str  # "2026-2027"
    starts_on: date
    ends_on: date
    weeks: int
    semester2_starts_on: date
    offset: timedelta  # from the 2025-2026 dates the demo data was written with

    @property
    def course_run(self):
        """ "2026_2027": the demo courses' run names."""
        return self.name.replace("-", "_")

    def shift(self, day):
        """A day of 2025-2026's demo data moved to this year (same weekday)."""
        return day + self.offset


def current(today=None):
    """``DemoYear`` holding ``today`` (default: the site's today); from mid-August the next one."""
    today = today or timezone.localdate()
    first = today.year if today >= date(today.year, 8, 15) else today.year - 1
    _name, starts_on, ends_on, weeks, semester2 = BASE
    offset = timedelta(weeks=round((date(first, 9, 5) - starts_on).days / 7))
    return DemoYear(
        f"{first}-{first + 1}", starts_on + offset, ends_on + offset, weeks, semester2 + offset, offset
    )
