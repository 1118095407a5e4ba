"""Settings every host (LMS, Studio, the dev host) gets from openedx-vn."""

from pathlib import Path

from celery.schedules import crontab

from openedx_vn.core.conf import DEFAULTS

ERROR_PAGES_MIDDLEWARE = "openedx_vn.core.errors.ErrorPagesMiddleware"


def plugin_settings(settings):
    """Fill in openedx-vn defaults without overriding what the operator already set."""
    configured = getattr(settings, "OPENEDX_VN", None) or {}
    settings.OPENEDX_VN = {**DEFAULTS, **configured}
    # Private files (exports, question pictures) without STORAGES["openedx_vn"]: a folder outside MEDIA_ROOT
    # (ADR 0011). The platform's DATA_DIR (/openedx/data on Tutor) is not served by the web server.
    if not getattr(settings, "VN_PRIVATE_STORAGE_ROOT", None) and getattr(settings, "DATA_DIR", None):
        settings.VN_PRIVATE_STORAGE_ROOT = Path(settings.DATA_DIR) / "openedx-vn-private"
    # dd/mm/yyyy and the decimal comma for Vietnamese (Django's own vi formats use d-m-Y).
    paths = settings.FORMAT_MODULE_PATH if hasattr(settings, "FORMAT_MODULE_PATH") else None
    if isinstance(paths, str):
        paths = [paths]
    paths = list(paths or [])
    if "openedx_vn.core.formats" not in paths:
        paths.insert(0, "openedx_vn.core.formats")
    settings.FORMAT_MODULE_PATH = paths
    # Our views' 403 and 404 as Vietnamese pages (JSON for APIs) in any host; the platform's keep the theme's.
    middleware = list(getattr(settings, "MIDDLEWARE", None) or [])
    if ERROR_PAGES_MIDDLEWARE not in middleware:
        settings.MIDDLEWARE = [*middleware, ERROR_PAGES_MIDDLEWARE]
    _add_purge_to_beat(settings)


PURGE_BEAT_ENTRY = "openedx-vn-core-purge-exports"


def _add_purge_to_beat(settings):
    """The daily export purge in the Celery beat schedule (both setting names: see teaching.settings.common);
    an entry the operator already set is kept."""
    entry = {
        "task": "openedx_vn.core.purge_exports",
        "schedule": crontab(hour=3, minute=15),  # in the Celery time zone (Asia/Ho_Chi_Minh with Tutor)
        "options": {"expires": 6 * 3600},
    }
    for name in ("CELERYBEAT_SCHEDULE", "CELERY_BEAT_SCHEDULE"):
        schedule = dict(getattr(settings, name, None) or {})
        schedule.setdefault(PURGE_BEAT_ENTRY, entry)
        setattr(settings, name, schedule)
