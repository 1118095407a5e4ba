"""Dates, times and links of an online lesson, as Vietnamese teachers write them (16/03/2026, 07:30).

Plain functions, no XBlock: the block stores what the author typed, normalised, and reads it back here.
"""

import re
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")  # lessons happen in Vietnam whatever the server's zone
DATE_FORMAT = "%d/%m/%Y"
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:hH.](\d{2})$")
MAX_LINK = 500  # the session's evidence column holds 500 characters


def _(text):
    """Mark a string for extraction; the block translates it through the i18n service."""
    return text


class Invalid(ValueError):
    """A value that cannot be read; the message says how to write it (untranslated source text)."""


def parse_date(text):
    """16/03/2026, 16-3-2026, 16.03.2026 or 2026-03-16 → ``date``; raises ``Invalid``."""
    text = (text or "").strip()
    if match := _DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise Invalid(_("write the date as dd/mm/yyyy, e.g. 16/03/2026"))
    try:
        return date(year, month, day)
    except ValueError:
        raise Invalid(_("this day does not exist in the calendar")) from None


def parse_time(text):
    """07:30, 7:30, 7h30 → ``time``; raises ``Invalid``."""
    match = _TIME.match((text or "").strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise Invalid(_("write the time as hh:mm (24 hours), e.g. 07:30"))
    return time(int(match[1]), int(match[2]))


def format_date(day):
    return day.strftime(DATE_FORMAT)


def format_time(moment):
    return moment.strftime("%H:%M")


def normalise_date(text):
    """What the author typed, in the stored form dd/mm/yyyy; unreadable text is returned unchanged."""
    try:
        return format_date(parse_date(text))
    except Invalid:
        return (text or "").strip()


def normalise_time(text):
    try:
        return format_time(parse_time(text))
    except Invalid:
        return (text or "").strip()


def starts_at(day_text, time_text):
    """The aware start in Vietnam time; a lesson without a time (self-paced) starts at midnight."""
    moment = parse_time(time_text) if (time_text or "").strip() else time(0, 0)
    return datetime.combine(parse_date(day_text), moment, tzinfo=VIETNAM)


def ends_at(start, minutes):
    return start + timedelta(minutes=minutes)


def check_link(url):
    """Raise ``Invalid`` unless ``url`` is an absolute https address a student can open."""
    if len(url) > MAX_LINK:
        raise Invalid(_("the link is longer than 500 characters"))
    if any(ch.isspace() for ch in url):
        raise Invalid(_("the link contains spaces"))
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise Invalid(_("this is not a web address")) from None
    if parts.scheme.lower() != "https":
        raise Invalid(_("the link must start with https:// (a secure address)"))
    if not parts.hostname or "." not in parts.hostname or parts.username or parts.password:
        raise Invalid(_("this is not a web address"))
