"""Settings the teaching app adds to every host: the nightly full recompute of the share."""

from celery.schedules import crontab

BEAT_ENTRY = "openedx-vn-teaching-recompute-shares"


def plugin_settings(settings):
    """Add the nightly recompute to the Celery beat schedule, keeping an entry the operator already set.

    edx-platform's Celery app reads settings without a namespace (``CELERYBEAT_SCHEDULE``); hosts that use
    the ``CELERY_`` namespace, as the dev host does, read ``CELERY_BEAT_SCHEDULE``. We fill in both.
    """
    entry = {
        "task": "openedx_vn.teaching.recompute_shares",
        # 02:30 in the Celery time zone (the LMS's TIME_ZONE; Asia/Ho_Chi_Minh with the Tutor plugin).
        "schedule": crontab(hour=2, minute=30),
        "options": {"expires": 6 * 3600},
    }
    for name in ("CELERYBEAT_SCHEDULE", "CELERY_BEAT_SCHEDULE"):
        schedule = dict(getattr(settings, name, None) or {})
        schedule.setdefault(BEAT_ENTRY, entry)
        setattr(settings, name, schedule)
