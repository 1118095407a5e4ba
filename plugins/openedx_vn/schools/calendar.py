"""School years: which one a date falls in, its week number and semester.

MOET's yearly framework (e.g. QĐ 2269/QĐ-BGDĐT of 11/8/2025 for 2025-2026) sets 35 teaching weeks, 18 in
semester I and 17 in semester II, between the opening day and the end of the year; provinces may shift dates
by up to 15 days. The dates are therefore data an operator sets per year, not constants.
"""

import re
from datetime import timedelta

from django.utils.translation import gettext as _

from openedx_vn.schools.data import SchoolYearInfo

YEAR_NAME = re.compile(r"^(\d{4})-(\d{4})$")


class InvalidSchoolYear(ValueError):
    """The school year was refused; ``errors`` maps each wrong field to what is wrong."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))


def info(row):
    return SchoolYearInfo(row.name, row.starts_on, row.ends_on, row.weeks, row.semester2_starts_on)


def check(name, starts_on, ends_on, weeks, semester2_starts_on):
    """Raise ``InvalidSchoolYear`` naming every wrong field."""
    errors = {}
    match = YEAR_NAME.match(name or "")
    if not match or int(match[2]) != int(match[1]) + 1:
        errors["name"] = _("%(name)r: write it as 2025-2026") % {"name": name}
    elif starts_on.year != int(match[1]) or ends_on.year != int(match[2]):
        errors["starts_on"] = _("the year must start in %(first)s and end in %(second)s") % {
            "first": match[1],
            "second": match[2],
        }
    if not starts_on < semester2_starts_on <= ends_on:
        errors["semester2_starts_on"] = _("must fall after the first day and on or before the last day")
    if not isinstance(weeks, int) or not 1 <= weeks <= 52:
        errors["weeks"] = _("a number of weeks from 1 to 52")
    elif (ends_on - starts_on).days < (weeks - 1) * 7:
        errors["weeks"] = _("%(weeks)s weeks do not fit between the first and the last day") % {
            "weeks": weeks
        }
    if errors:
        raise InvalidSchoolYear(errors)


def week_of(year, day):
    """Calendar week of ``day`` in ``year`` (week 1 = the Monday-to-Sunday week of the first day), or None
    outside the year. Holidays (Tết) are not taken out: week numbers run on through them."""
    if not year.starts_on <= day <= year.ends_on:
        return None
    first_monday = year.starts_on - timedelta(days=year.starts_on.weekday())
    return (day - first_monday).days // 7 + 1


def semester_of(year, day):
    """1 or 2, or None outside the year."""
    if not year.starts_on <= day <= year.ends_on:
        return None
    return 1 if day < year.semester2_starts_on else 2
