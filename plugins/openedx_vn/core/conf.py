"""The one way to read openedx-vn settings.

All settings live in one dict, ``settings.OPENEDX_VN``, read lazily on each call: plugin apps are
imported before Django settings exist, so nothing here may touch settings at import time.
"""

from django.conf import settings

DEFAULTS = {
    # Where the "platform" link in our pages points; the LMS sets LMS_ROOT_URL, the dev host "/".
    "PLATFORM_URL": None,
    # Name of the Celery queue our long tasks go to; None = the host's default queue.
    "CELERY_QUEUE": None,
    # Question files up to this size (bytes) are previewed and imported inside the request; larger ones in a
    # Celery task with a progress bar.
    "QBANK_INLINE_IMPORT_BYTES": 256 * 1024,
    # Exports (CSV, XLSX, PDF): the alias in settings.STORAGES they are written to, and how long a download
    # link works, in seconds.
    "EXPORT_STORAGE": "default",
    "EXPORT_LINK_SECONDS": 3600,
}


def vn_setting(name):
    """Return the value of ``OPENEDX_VN[name]``, falling back to the suite's default.

    Raises ``KeyError`` for a name the suite does not define, so a typo fails loudly.
    """
    if name not in DEFAULTS:
        raise KeyError(f"Unknown openedx-vn setting: {name!r}")
    return getattr(settings, "OPENEDX_VN", {}).get(name, DEFAULTS[name])
