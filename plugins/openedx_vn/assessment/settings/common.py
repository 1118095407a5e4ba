"""Settings the assessment app adds to every host: the sweep that submits attempts whose time is up."""

BEAT_ENTRY = "openedx-vn-assessment-close-expired"


def plugin_settings(settings):
    """Add the sweep to the Celery beat schedule (both setting names: see teaching.settings.common).

    A student who closes the tab is submitted by this sweep; one who comes back is submitted on return.
    """
    entry = {
        "task": "openedx_vn.assessment.close_expired_attempts",
        "schedule": 60.0,
        "options": {"expires": 55},
    }
    for name in ("CELERYBEAT_SCHEDULE", "CELERY_BEAT_SCHEDULE"):
        schedule = dict(getattr(settings, name, None) or {})
        schedule.setdefault(BEAT_ENTRY, entry)
        setattr(settings, name, schedule)
