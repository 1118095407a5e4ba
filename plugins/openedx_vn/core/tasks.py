"""Celery tasks of the shared core. They bind to whichever Celery app the host runs (LMS or dev host)."""

from celery import shared_task

from openedx_vn.core.exports import purge_exports as _purge_exports


@shared_task(name="openedx_vn.core.purge_exports")
def purge_exports():
    """Delete exports whose links have all expired (daily: the beat schedule in ``settings/common.py``).
    Returns how many files were deleted."""
    return _purge_exports()
