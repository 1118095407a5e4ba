"""Celery tasks of the teaching app. They bind to whichever Celery app the host runs (LMS or dev host)."""

from dataclasses import asdict

from celery import shared_task

from openedx_vn.teaching import api


@shared_task(name="openedx_vn.teaching.summarise_enrollments")
def summarise_enrollments(course_key):
    """Count a course run's enrolments in the worker; returns the ``EnrollmentSummary`` as a dict."""
    return asdict(api.get_enrollment_summary(course_key))


# Acknowledged when it ends and sent again if its worker dies: the recompute writes in one transaction from
# the plans and sessions (a dead run leaves the previous figures, a second run gives the same ones).
@shared_task(name="openedx_vn.teaching.recompute_shares", acks_late=True, reject_on_worker_lost=True)
def recompute_shares(year=None):
    """Recompute a school year's share cells from scratch (default: the current year); nightly through the
    beat schedule in ``settings/common.py``, and on demand. Returns the ``RecomputeCounts`` as a dict."""
    return asdict(api.recompute_shares(year))
