"""Celery tasks of the question bank. They bind to whichever Celery app the host runs (LMS or dev host)."""

from celery import shared_task

from openedx_vn.qbank import jobs


# Acknowledged when it ends, and sent again if its worker process dies (Tutor's Celery does not set
# acks_late): a run is all or nothing, and ``jobs.run`` lets a redelivery take over the job the lost run left.
@shared_task(bind=True, name="openedx_vn.qbank.run_import_job", acks_late=True, reject_on_worker_lost=True)
def run_import_job(self, job_uuid):
    """Run a queued import job (preview or import) in the worker; returns its final status."""
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    return jobs.run(job_uuid, redelivered=redelivered).status
