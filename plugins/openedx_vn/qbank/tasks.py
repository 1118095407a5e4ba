"""Celery tasks of the question bank. They bind to whichever Celery app the host runs (LMS or dev host)."""

from celery import shared_task

from openedx_vn.qbank import jobs


@shared_task(name="openedx_vn.qbank.run_import_job")
def run_import_job(job_uuid):
    """Run a queued import job (preview or import) in the worker; returns its final status."""
    return jobs.run(job_uuid).status
