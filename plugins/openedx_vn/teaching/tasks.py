"""Celery tasks of the teaching app. They bind to whichever Celery app the host runs (LMS or dev host)."""

from dataclasses import asdict

from celery import shared_task

from openedx_vn.teaching import api


@shared_task(name="openedx_vn.teaching.summarise_enrollments")
def summarise_enrollments(course_key):
    """Count a course run's enrolments in the worker; returns the ``EnrollmentSummary`` as a dict."""
    return asdict(api.get_enrollment_summary(course_key))


@shared_task(name="openedx_vn.teaching.recompute_shares")
def recompute_shares(year=None):
    """Recompute a school year's share cells from scratch (default: the current year); nightly through the
    beat schedule in ``settings/common.py``, and on demand. Returns the ``RecomputeCounts`` as a dict."""
    return asdict(api.recompute_shares(year))
