"""Celery tasks of the assessment app. They bind to whichever Celery app the host runs (LMS or dev host)."""

from celery import shared_task

from openedx_vn.assessment import api
from openedx_vn.assessment.item_tasks import analyse_items  # noqa: F401 - Celery discovers tasks modules only
from openedx_vn.assessment.sheets.tasks import read_sheet_batch  # noqa: F401 - answer sheets (issue 17)


@shared_task(name="openedx_vn.assessment.close_expired_attempts")
def close_expired_attempts():
    """Submit the attempts whose time is up (every minute: the beat schedule in settings/common.py)."""
    return api.close_expired_attempts()


@shared_task(
    name="openedx_vn.assessment.push_grade", autoretry_for=(Exception,), max_retries=5, retry_backoff=True
)
def push_grade(attempt_id):
    """Give the LMS gradebook an attempt's changed score (queued after the change commits: ADR 0019)."""
    from openedx_vn.assessment import gradebook  # noqa: PLC0415 - a private module of this app

    return gradebook.push(attempt_id)
