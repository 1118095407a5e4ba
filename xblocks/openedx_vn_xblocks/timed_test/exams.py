"""What the timed-test block needs from the assessment app: the test's summary, the student's attempt, where
its score goes in the gradebook, the REST addresses of the student's endpoints. The only module that calls
``assessment.api``; no XBlock here."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import get_format

from openedx_vn.assessment import api

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")  # tests are sat in Vietnam, whatever the server's zone
MAX_SCORE = 10  # scores are out of 10 (TT 22/2021, TT 27/2020)
OPEN, NOT_STARTED = "open", "not_started"
LONG_OFFLINE_SECONDS = api.LONG_OFFLINE_SECONDS
WORKBENCH_COURSE = "workbench"  # the SDK workbench's blocks belong to no course


@dataclass(frozen=True)
class Attempt:
    status: str  # not_started | open | submitted | timed_out
    score: Decimal | None = None
    published_score: Decimal | None = None

    @property
    def closed(self):
        return self.status not in (OPEN, NOT_STARTED)


NO_ATTEMPT = Attempt(NOT_STARTED)


NotInstalled = api.NotInstalled


def summary(exam_uuid):
    """The test's ``ExamInfo`` (title, minutes, window; no questions, no keys), or None if there is none.

    Raises ``NotInstalled`` when the assessment app's tables are missing (its migrations not applied).
    """
    if not (exam_uuid or "").strip():
        return None
    try:
        return api.exam_summary(exam_uuid.strip())
    except LookupError:
        return None


def max_score(exam_uuid):
    """10 for a test that exists; 0 when none is set, the id is unknown or the app's tables are missing,
    so that a block put in a course by mistake never lowers anyone's grade."""
    try:
        return MAX_SCORE if summary(exam_uuid) else 0
    except NotInstalled:
        return 0


def decimal_separator(info):
    """How the test writes decimals: its own language's separator (a comma in a Vietnamese test), not the
    separator of the language the page is shown in."""
    return get_format("DECIMAL_SEPARATOR", lang=info.language)


def attempt_of(exam_uuid, user_id):
    """The student's ``Attempt`` (``NO_ATTEMPT`` before they start)."""
    if user_id is None:
        return NO_ATTEMPT
    try:
        row = api.attempt_status(exam_uuid, user_id)
    except LookupError:  # not a test id
        return NO_ATTEMPT
    return Attempt(*row) if row else NO_ATTEMPT


def place_of(block):
    """Where the block's score goes: {"course", "usage", "weight"} (the LMS's keys; the workbench's ids)."""
    usage = block.scope_ids.usage_id
    course = getattr(usage, "context_key", None) or getattr(block.runtime, "course_id", None)
    weight = block.weight
    return {
        "course": str(course or WORKBENCH_COURSE),
        "usage": str(usage),
        "weight": None if weight is None else str(weight),
    }


def link_gradebook(exam_uuid, user, place):
    """Tell the assessment app where the student's score goes; it sends the score if the gradebook lacks it
    (an essay graded since, a time-out closed by the sweep) and whenever it changes."""
    api.link_gradebook(exam_uuid, user, place["course"], place["usage"], place["weight"])


def is_open(info, now=None):
    """Whether students can start the test now (inside its window)."""
    now = now or timezone.now()
    return (info.opens_at is None or info.opens_at <= now) and (
        info.closes_at is None or now < info.closes_at
    )


def format_moment(moment):
    """16/03/2026 07:30, Vietnam time."""
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M") if isinstance(moment, datetime) else ""


def decimal_text(value, separator=","):
    """Decimal("5.8") → "5,8" (the test's separator)."""
    return "" if value is None else f"{Decimal(value):f}".replace(".", separator)


def ticket(exam_uuid, user_id, place=None):
    """The signed ticket that lets this user start the test from this page ("" for nobody signed in); it
    names where the score goes (``place_of``)."""
    return api.attempt_ticket(exam_uuid, user_id, place) if user_id is not None else ""


def urls(exam_uuid):
    """The student's REST endpoints of this test, as the LMS (and the dev host) mount the assessment app."""
    names = {
        "state": "student-attempt",
        "start": "student-attempt-start",
        "answers": "student-attempt-answers",
        "submit": "student-attempt-submit",
        "events": "student-attempt-events",
    }
    found = {}
    for key, name in names.items():
        try:
            found[key] = reverse(f"vn_assessment:{name}", args=[exam_uuid])
        except NoReverseMatch:  # a host that did not mount the plugin's URLs under their namespace
            suffix = "" if key == "state" else f"{key}/"
            found[key] = f"/vn/assessment/api/v1/attempts/{exam_uuid}/{suffix}"
    return found
