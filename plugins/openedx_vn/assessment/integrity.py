"""Sitting a test online under rules (ADR 0019): the teacher's settings and the integrity log.

Settings of a test: whether full screen is required, how late after the opening a student may still start
(late-start rule), extra minutes for named students (accommodations), when the review opens. The log: per
attempt, each time the student left full screen, switched tab or window, or was disconnected for long, with
the server's times. The browser reports; the server bounds and stamps: only the attempt's own student (the
REST view reads the signed-in user), only while the attempt is open, at most ``MAX_EVENTS`` per attempt,
the times are the server's (a disconnection, reported on return, is dated back by at most the time since the
start). The student is told what is recorded and sees their own log.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openedx_vn.assessment.models import Attempt, IntegrityEvent

MAX_EVENTS = 200  # per attempt: a browser that reports in a loop fills no table
LONG_OFFLINE_SECONDS = 30  # a disconnection shorter than this is a network hiccup, not recorded
MAX_EXTRA_MINUTES = 600
MAX_ACCOMMODATIONS = 500
KINDS = tuple(IntegrityEvent.Kind.values)
PHASES = ("start", "end")


class IntegrityLimit(Exception):
    """The attempt already holds ``MAX_EVENTS`` events: no more are recorded."""


class RulesInvalid(ValueError):
    """The settings have problems: ``problems`` is {field: message} (messages in the page's language)."""

    def __init__(self, problems):
        super().__init__("; ".join(f"{field}: {text}" for field, text in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class Rules:
    """A test's online rules as the teacher's page shows them (``extra``: {username: minutes})."""

    require_fullscreen: bool
    late_start_minutes: int | None
    extra: dict
    review_at: object  # datetime | None


# ------------------------------------------------------------------------------------- the rules
def extra_minutes(exam, user_id):
    """The extra minutes ``user_id`` has on this test (0 without an accommodation)."""
    return int((exam.extra_minutes or {}).get(str(user_id), 0))


def deadline_for(exam, user_id, now):
    """The deadline of an attempt started ``now``: the minutes (plus the student's extra time) from now, cut
    to the close date (plus the same extra time: an accommodation outlasts the common close)."""
    extra = timedelta(minutes=extra_minutes(exam, user_id))
    deadline = now + timedelta(minutes=exam.minutes) + extra
    if exam.closes_at is not None:
        deadline = min(deadline, exam.closes_at + extra)
    return deadline


def late_start_refusal(exam, now):
    """The reason a first start ``now`` is refused under the late-start rule, or None when it is allowed."""
    if exam.late_start_minutes is None or exam.opens_at is None:
        return None
    if now <= exam.opens_at + timedelta(minutes=exam.late_start_minutes):
        return None
    return _("Students may start this test at most %(minutes)s minutes after it opens.") % {
        "minutes": exam.late_start_minutes
    }


def review_opens_at(exam):
    """When keys and explanations reach students: the review date, or the close date, and never before the
    last accommodated student's time is over. None: never (a test without a close date)."""
    if exam.closes_at is None:
        return None
    longest = max((int(m) for m in (exam.extra_minutes or {}).values()), default=0)
    opens = exam.closes_at + timedelta(minutes=longest)
    return max(opens, exam.review_at) if exam.review_at else opens


def rules_of(exam):
    """The test's ``Rules``, accommodations by username."""
    extra = exam.extra_minutes or {}
    users = get_user_model().objects.filter(pk__in=[int(key) for key in extra])
    names = dict(users.values_list("pk", "username"))
    shown = dict(sorted((names.get(int(key), key), int(minutes)) for key, minutes in extra.items()))
    return Rules(exam.require_fullscreen, exam.late_start_minutes, shown, exam.review_at)


def parse_accommodations(text):
    """Lines "username: minutes" (or "username minutes") → {username: minutes}.

    Raises ``RulesInvalid`` naming the line of every problem.
    """
    found, problems = {}, []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, _sep, minutes = line.replace(":", " ").rpartition(" ")
        name = name.strip()
        if not name or not minutes.strip().isdigit() or not 1 <= int(minutes) <= MAX_EXTRA_MINUTES:
            problems.append(
                _("line %(line)s: write a username, a colon and 1 to %(max)s minutes, e.g. hs_an: 15")
                % {"line": number, "max": MAX_EXTRA_MINUTES}
            )
            continue
        found[name] = int(minutes)
    if len(found) > MAX_ACCOMMODATIONS:
        problems.append(_("at most %(count)s students") % {"count": MAX_ACCOMMODATIONS})
    if problems:
        raise RulesInvalid({"extra": "; ".join(problems)})
    return found


def set_rules(exam, require_fullscreen, late_start_minutes, extra, review_at):
    """Store a test's rules (the caller checked who may). ``extra``: {username: minutes}.

    Raises ``RulesInvalid`` naming each field's problem: a late-start rule without an opening date, a review
    date without a close date or before it, unknown usernames. Nothing is stored then.
    """
    problems = {}
    if late_start_minutes is not None and exam.opens_at is None:
        problems["late_start_minutes"] = _("a late-start rule needs the date the test opens")
    if review_at is not None:
        if exam.closes_at is None:
            problems["review_at"] = _("a review date needs the date the test closes")
        elif review_at < exam.closes_at:
            problems["review_at"] = _("the review cannot open before the test closes")
    users = dict(get_user_model().objects.filter(username__in=list(extra)).values_list("username", "pk"))
    unknown = sorted(set(extra) - set(users))
    if unknown:
        problems["extra"] = _("no such user: %(names)s") % {"names": ", ".join(unknown)}
    if problems:
        raise RulesInvalid(problems)
    exam.require_fullscreen = bool(require_fullscreen)
    exam.late_start_minutes = late_start_minutes
    exam.extra_minutes = {str(users[name]): minutes for name, minutes in extra.items()}
    exam.review_at = review_at
    with transaction.atomic():
        exam.save(update_fields=["require_fullscreen", "late_start_minutes", "extra_minutes", "review_at"])
        # Running attempts of accommodated students get their extra time now.
        for attempt in exam.attempts.filter(status=Attempt.Status.OPEN):
            wanted = deadline_for(exam, attempt.user_id, attempt.started_at)
            if wanted != attempt.deadline_at:
                Attempt.objects.filter(pk=attempt.pk).update(deadline_at=wanted)


# ------------------------------------------------------------------------------------- the log
def record(attempt, kind, phase, seconds=None, now=None):
    """Record what the student's browser reported; returns True when the log changed.

    ``phase`` "start" opens an event now (nothing when one of that kind is open), "end" closes the open one
    now. A disconnection is reported once, on return ("end" with its ``seconds``): recorded from ``now`` −
    ``seconds`` (no earlier than the start) when it lasted ``LONG_OFFLINE_SECONDS`` or more.
    Raises ``ValueError`` for an unknown kind or phase, ``IntegrityLimit`` past ``MAX_EVENTS``.
    """
    now = now or timezone.now()
    if kind not in KINDS or phase not in PHASES:
        raise ValueError(kind if kind not in KINDS else phase)
    events = IntegrityEvent.objects.filter(attempt=attempt, kind=kind)
    with transaction.atomic():
        Attempt.objects.select_for_update().filter(pk=attempt.pk).first()  # one report at a time
        if kind == IntegrityEvent.Kind.OFFLINE:
            if phase != "end" or seconds is None:
                return False
            seconds = min(int(seconds), int((now - attempt.started_at).total_seconds()))
            if seconds < LONG_OFFLINE_SECONDS:
                return False
            _check_room(attempt)
            IntegrityEvent.objects.create(
                attempt=attempt, kind=kind, started_at=now - timedelta(seconds=seconds), ended_at=now
            )
            return True
        open_event = events.filter(ended_at__isnull=True).order_by("-started_at").first()
        if phase == "end":
            if open_event is None:
                return False
            open_event.ended_at = now
            open_event.save(update_fields=["ended_at"])
            return True
        if open_event is not None:
            return False
        _check_room(attempt)
        IntegrityEvent.objects.create(attempt=attempt, kind=kind, started_at=now)
        return True


def _check_room(attempt):
    if IntegrityEvent.objects.filter(attempt=attempt).count() >= MAX_EVENTS:
        full = _("The integrity log of this attempt is full (%(count)s entries).")
        raise IntegrityLimit(full % {"count": MAX_EVENTS})


def close_open_events(attempt, when):
    """At submission or time-out: an event still open ends with the attempt."""
    IntegrityEvent.objects.filter(attempt=attempt, ended_at__isnull=True).update(ended_at=when)


def log_of(attempt_ids):
    """{attempt id: [(kind, started_at, ended_at, seconds or None)]} in time order."""
    found = {}
    rows = IntegrityEvent.objects.filter(attempt_id__in=list(attempt_ids)).order_by("started_at", "pk")
    for event in rows:
        seconds = None if event.ended_at is None else int((event.ended_at - event.started_at).total_seconds())
        found.setdefault(event.attempt_id, []).append((event.kind, event.started_at, event.ended_at, seconds))
    return found
