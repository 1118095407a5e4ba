"""Files people download (CSV, XLSX, PDF exports): stored once, offered through links that expire.

The bytes go to a Django storage (the ``STORAGES`` alias ``OPENEDX_VN["EXPORT_STORAGE"]``, "default"
unless set: S3 through django-storages in production, files under ``MEDIA_ROOT`` on the dev host) under an
unguessable name. The link a user gets is ours: signed, timestamped and bound to that user. The download view
checks all three, then streams the file or, from a storage that presigns (S3 with query-string auth),
redirects to a presigned URL that lives one minute. So a link passed on to someone else, or kept past
``EXPORT_LINK_SECONDS``, gets nothing, whatever the storage.
"""

import mimetypes
import os
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.urls import reverse

from openedx_vn.core.conf import vn_setting
from openedx_vn.core.vietnamese import fold

__all__ = [
    "CONTENT_TYPES",
    "ExportLink",
    "LinkExpired",
    "LinkRefused",
    "StoredExport",
    "export_link",
    "export_storage",
    "open_link",
    "presigned_url",
    "purge_exports",
    "save_export",
]

PREFIX = "openedx-vn/exports"
PRESIGNED_SECONDS = 60  # the storage's own URL only has to survive the redirect
CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
}
_SALT = "openedx_vn.core.exports"
_UNSAFE = re.compile(r"[^a-z0-9.]+")


class LinkRefused(PermissionError):
    """The link was tampered with, or was made for another user."""


class LinkExpired(LinkRefused):
    """The link is older than ``EXPORT_LINK_SECONDS``, or its file is gone."""


@dataclass(frozen=True)
class ExportLink:
    """What a page shows: the URL (a path on this site), the file's name and when the link stops working."""

    url: str
    filename: str
    expires_at: datetime


@dataclass(frozen=True)
class StoredExport:
    """What a valid link points to."""

    name: str  # in the storage
    filename: str  # offered to the browser
    content_type: str


class _Signer(signing.TimestampSigner):
    """A TimestampSigner whose signing time may be given (``at``, a UNIX time), not read from the clock."""

    def __init__(self, at=None):
        super().__init__(salt=_SALT)
        self._at = at

    def timestamp(self):
        return signing.b62_encode(int(time.time() if self._at is None else self._at))


def export_storage():
    """The storage exports are written to."""
    return storages[vn_setting("EXPORT_STORAGE")]


def _seconds():
    return int(vn_setting("EXPORT_LINK_SECONDS"))


def _content_type(filename):
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _storage_basename(filename):
    # Storage keys stay ASCII ("Báo cáo 6A1.xlsx" → "bao-cao-6a1.xlsx"); the browser gets the Vietnamese name.
    return _UNSAFE.sub("-", fold(filename)).strip("-.") or "export"


def save_export(content, filename, user, today=None):
    """Store ``content`` (bytes) and return an ``ExportLink`` to it for ``user``.

    The name in the storage is ``openedx-vn/exports/<day>/<random>/<ascii name>``: unguessable, so a storage
    whose files are also served publicly (the LMS's media) does not give exports away, and grouped by day so
    ``purge_exports`` finds the old ones.
    """
    day = (today or datetime.now(UTC).date()).isoformat()
    name = f"{PREFIX}/{day}/{secrets.token_urlsafe(18)}/{_storage_basename(filename)}"
    name = export_storage().save(name, ContentFile(content))
    return export_link(name, filename, user)


def export_link(name, filename, user, at=None):
    """An ``ExportLink`` to the stored file ``name`` for ``user``; ``at``: signing time (UNIX), or now."""
    signed_at = time.time() if at is None else at
    token = _Signer(signed_at).sign_object({"n": name, "f": filename, "u": user.pk}, compress=True)
    expires_at = datetime.fromtimestamp(int(signed_at), UTC) + timedelta(seconds=_seconds())
    return ExportLink(reverse("vn_core:export", args=[token]), filename, expires_at)


def open_link(token, user):
    """The ``StoredExport`` behind a link, if ``user`` may have it now.

    Raises ``LinkExpired`` (too old) or ``LinkRefused`` (tampered with, or another user's). Whether the file
    is still there is the storage's to say when it is read (``purge_exports`` removes old ones).
    """
    try:
        payload = _Signer().unsign_object(token, max_age=_seconds())
    except signing.SignatureExpired as exc:
        raise LinkExpired("this download link has expired") from exc
    except (signing.BadSignature, ValueError) as exc:
        raise LinkRefused("not a valid download link") from exc
    if not user.is_authenticated or payload.get("u") != user.pk:
        raise LinkRefused("this download link was made for another user")
    return StoredExport(payload["n"], payload["f"], _content_type(payload["f"]))


def presigned_url(export, disposition):
    """A short-lived URL of the storage itself when it can sign one (S3 with query-string auth), else None:
    the file is then streamed through Django."""
    storage = export_storage()
    try:
        from storages.backends.s3 import S3Storage  # noqa: PLC0415 - django-storages is optional on a host
    except ImportError:
        return None
    signs = isinstance(storage, S3Storage) and storage.querystring_auth
    # A custom domain (a CDN) is signed only through a CloudFront signer; otherwise its URL is public.
    if not signs or (storage.custom_domain and not storage.cloudfront_signer):
        return None
    parameters = {"ResponseContentDisposition": disposition, "ResponseContentType": export.content_type}
    return storage.url(export.name, parameters=parameters, expire=PRESIGNED_SECONDS)


def purge_exports(today=None):
    """Delete the exports of days whose links have all expired; returns how many files were deleted.

    Hosts run it daily (a Celery beat entry or cron); an S3 bucket can use a lifecycle rule on the prefix.
    """
    storage = export_storage()
    keep_from = (today or datetime.now(UTC).date()) - timedelta(days=_seconds() // 86400 + 1)
    try:
        days, _ = storage.listdir(PREFIX)
    except FileNotFoundError:  # nothing exported yet
        return 0
    deleted = 0
    for day in days:
        try:
            old = date.fromisoformat(day) < keep_from
        except ValueError:
            continue  # not one of ours
        if old:
            deleted += _delete_tree(storage, f"{PREFIX}/{day}")
    return deleted


def _delete_tree(storage, path):
    deleted = 0
    folders, files = storage.listdir(path)
    for name in files:
        storage.delete(f"{path}/{name}")
        deleted += 1
    for folder in folders:
        deleted += _delete_tree(storage, f"{path}/{folder}")
    if isinstance(storage, FileSystemStorage):
        os.rmdir(storage.path(path))  # object stores have no folders to leave behind; a file system does
    return deleted
