"""What the timed-test block needs from the assessment app: the test's summary, the student's attempt, the
grade to publish, the REST addresses of the student's endpoints. The only module that calls
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


def score_to_publish(attempt):
    """The score the LMS gradebook has not been given yet: a closed attempt's score when it differs from the
    one published (never published, a time-out closed by the sweep, an essay graded since); else None."""
    if not attempt.closed or attempt.score is None:
        return None
    if attempt.published_score is not None and Decimal(attempt.published_score) == Decimal(attempt.score):
        return None
    return Decimal(attempt.score)


def publish_grade(block, exam_uuid, user_id):
    """Give the LMS the student's score out of 10 if it has not had it; returns the student's ``Attempt``."""
    attempt = attempt_of(exam_uuid, user_id)
    score = score_to_publish(attempt)
    if score is not None:
        block.runtime.publish(block, "grade", {"value": float(score), "max_value": MAX_SCORE})
        api.mark_published(exam_uuid, user_id, score)
        attempt = Attempt(attempt.status, attempt.score, score)
    return attempt


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


def ticket(exam_uuid, user_id):
    """The signed ticket that lets this user start the test from this page ("" for nobody signed in)."""
    return api.attempt_ticket(exam_uuid, user_id) if user_id is not None else ""


def urls(exam_uuid):
    """The student's REST endpoints of this test, as the LMS (and the dev host) mount the assessment app."""
    names = {
        "state": "student-attempt",
        "start": "student-attempt-start",
        "answers": "student-attempt-answers",
        "submit": "student-attempt-submit",
    }
    found = {}
    for key, name in names.items():
        try:
            found[key] = reverse(f"vn_assessment:{name}", args=[exam_uuid])
        except NoReverseMatch:  # a host that did not mount the plugin's URLs under their namespace
            suffix = "" if key == "state" else f"{key}/"
            found[key] = f"/vn/assessment/api/v1/attempts/{exam_uuid}/{suffix}"
    return found
