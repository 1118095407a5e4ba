"""Celery task of the answer sheets (imported by ``assessment.tasks``, which Celery discovers)."""

from celery import shared_task

from openedx_vn.assessment.sheets import jobs


@shared_task(name="openedx_vn.assessment.read_sheet_batch", acks_late=True)
def read_sheet_batch(batch_uuid):
    """Read an upload of answer sheets; returns how many pages were read."""
    return jobs.run_batch(batch_uuid).done
