"""The one way to read openedx-vn settings.

All settings live in one dict, ``settings.OPENEDX_VN``, read lazily on each call: plugin apps are
imported before Django settings exist, so nothing here may touch settings at import time.
"""

from django.conf import settings

DEFAULTS = {
    # Where the "platform" link in our pages points; the LMS sets LMS_ROOT_URL, the dev host "/".
    "PLATFORM_URL": None,
    # The module that says which of our apps a user reaches (the shell's menu and role home pages, ADR 0018).
    "SHELL_MENU": "openedx_vn.menu",
    # Studio's address for the user menu; None: the host's CMS_ROOT_URL, or https://CMS_BASE.
    "STUDIO_URL": None,
    # Name of the Celery queue our long tasks go to; None = the host's default queue.
    "CELERY_QUEUE": None,
    # Question files up to this size (bytes) are previewed and imported inside the request; larger ones in a
    # Celery task with a progress bar.
    "QBANK_INLINE_IMPORT_BYTES": 256 * 1024,
    # Exports (CSV, XLSX, PDF): how long a download link works, in seconds. Where they are stored is not a
    # choice: the private storage (core.storage: STORAGES["openedx_vn"] or VN_PRIVATE_STORAGE_ROOT).
    "EXPORT_LINK_SECONDS": 3600,
    # Hostile or careless files (core.uploads, core.archives): refused before any parsing.
    "UPLOAD_MAX_BYTES": 20 * 1024 * 1024,  # one uploaded file (Tutor: VN_UPLOAD_MAX_BYTES)
    "ZIP_MAX_ENTRIES": 10_000,  # .docx, .xlsx, QTI .zip: files inside
    "ZIP_MAX_UNPACKED_BYTES": 100 * 1024 * 1024,  # their total size once unpacked
    "ZIP_MAX_RATIO": 100,  # unpacked size / packed size (Word and Excel files are 5 to 20)
    "IMPORT_TEXT_MAX_BYTES": 5 * 1024 * 1024,  # GIFT, Aiken: the file
    "IMPORT_TEXT_MAX_LINES": 200_000,
    "IMPORT_LINE_MAX_BYTES": 1024 * 1024,  # one line (a picture written inline can be long)
    "IMPORT_MAX_QUESTIONS": 10_000,  # questions in one file
    # A running import job not finished after this many seconds is marked failed when it is read (its worker
    # was killed); files within the limits above take well under a minute.
    "JOB_STALE_SECONDS": 30 * 60,
    # MariaDB/MySQL: how large the full recompute's in-memory temporary tables may grow (its session only).
    # The server's default (16 MiB) sends a province's 150,000 class × subject groups to disk: 10 s instead
    # of 7 s. Beyond this size they go to disk as before; 0 keeps the server's setting.
    "RECOMPUTE_TMP_TABLE_BYTES": 256 * 1024 * 1024,
}


def vn_setting(name):
    """Return the value of ``OPENEDX_VN[name]``, falling back to the suite's default.

    Raises ``KeyError`` for a name the suite does not define, so a typo fails loudly.
    """
    if name not in DEFAULTS:
        raise KeyError(f"Unknown openedx-vn setting: {name!r}")
    return getattr(settings, "OPENEDX_VN", {}).get(name, DEFAULTS[name])
