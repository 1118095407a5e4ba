"""Files people download (CSV, XLSX, PDF exports): stored privately, offered through links that expire.

The bytes go to the private storage (``core.storage``: the ``STORAGES`` alias "openedx_vn", a private S3
bucket on Tutor, or a folder outside ``MEDIA_ROOT``), never to a storage with public URLs. The link a user
gets is ours, ``/vn/core/exports/<token>/``: the token is signed and timestamped (Django's TimestampSigner)
and carries only a random export id, its day and the user's id. Where the file lies is derived from the id
with an HMAC keyed by ``SECRET_KEY``, so the token tells nothing about the stored name and the name cannot be
computed from the token (ADR 0011). The download view checks the signature, the age and the user, then
streams the file or redirects to a presigned URL of a few minutes. A link passed on to someone else, or kept
past ``EXPORT_LINK_SECONDS``, gets nothing, whatever the storage.
"""

import mimetypes
import os
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote, unquote

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils.crypto import salted_hmac

from openedx_vn.core import storage as private
from openedx_vn.core.conf import vn_setting

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
CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
}
_SALT = "openedx_vn.core.exports"
_PATH_SALT = "openedx_vn.core.exports.path"


class LinkRefused(PermissionError):
    """The link was tampered with, or was made for another user."""


class LinkExpired(LinkRefused):
    """The link is older than ``EXPORT_LINK_SECONDS``, or its file is gone."""


@dataclass(frozen=True)
class ExportLink:
    """What a page shows: the URL (a path on this site), the file's name and when the link stops working;
    ``key``: the export's id, to make another link to the same file (``export_link``)."""

    url: str
    filename: str
    expires_at: datetime
    key: str = ""


@dataclass(frozen=True)
class StoredExport:
    """What a valid link points to."""

    name: str  # in the private storage
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
    """The storage exports are written to: the private storage (``core.storage.private_storage``)."""
    return private.private_storage()


def _seconds():
    return int(vn_setting("EXPORT_LINK_SECONDS"))


def _content_type(filename):
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _folder(key):
    """``openedx-vn/exports/<day>/<HMAC of the id>``: grouped by day for the purge; the HMAC, keyed by
    SECRET_KEY, keeps the place secret from whoever reads a token."""
    day, _, export_id = key.partition(".")
    date.fromisoformat(day)  # ValueError for anything that is not one of ours
    if not export_id:
        raise ValueError("no export id")
    return f"{PREFIX}/{day}/{salted_hmac(_PATH_SALT, export_id, algorithm='sha256').hexdigest()}"


def save_export(content, filename, user, today=None):
    """Store ``content`` (bytes) privately and return an ``ExportLink`` to it for ``user``.

    The stored name is ``openedx-vn/exports/<day>/<HMAC of a random id>/<file name, percent-encoded>``: the
    Vietnamese name kept for the browser, ASCII for every storage.
    """
    day = (today or datetime.now(UTC).date()).isoformat()
    key = f"{day}.{secrets.token_urlsafe(18)}"
    export_storage().save(f"{_folder(key)}/{quote(filename, safe='')}", ContentFile(content))
    return export_link(key, user, filename=filename)


def export_link(key, user, at=None, filename=None):
    """An ``ExportLink`` to the export ``key`` (``ExportLink.key``) for ``user``; ``at``: signing time (UNIX),
    or now; ``filename``: the file's name when the caller knows it (else it is read from the storage)."""
    signed_at = time.time() if at is None else at
    token = _Signer(signed_at).sign_object({"k": key, "u": user.pk})
    expires_at = datetime.fromtimestamp(int(signed_at), UTC) + timedelta(seconds=_seconds())
    filename = filename if filename is not None else (_stored_filename(key) or "")
    return ExportLink(reverse("vn_core:export", args=[token]), filename, expires_at, key)


def _stored_name(key):
    folder = _folder(key)
    try:
        _, files = export_storage().listdir(folder)
    except FileNotFoundError:
        return None
    return f"{folder}/{files[0]}" if files else None


def _stored_filename(key):
    name = _stored_name(key)
    return unquote(name.rsplit("/", 1)[1]) if name else None


def open_link(token, user):
    """The ``StoredExport`` behind a link, if ``user`` may have it now.

    Raises ``LinkExpired`` (too old, or the file was purged) or ``LinkRefused`` (tampered with, or another
    user's).
    """
    try:
        payload = _Signer().unsign_object(token, max_age=_seconds())
    except signing.SignatureExpired as exc:
        raise LinkExpired("this download link has expired") from exc
    except (signing.BadSignature, ValueError) as exc:
        raise LinkRefused("not a valid download link") from exc
    if not isinstance(payload, dict) or not user.is_authenticated or payload.get("u") != user.pk:
        raise LinkRefused("this download link was made for another user")
    try:
        name = _stored_name(str(payload.get("k", "")))
    except ValueError as exc:
        raise LinkRefused("not a valid download link") from exc
    if name is None:
        raise LinkExpired("this export has been removed")
    filename = unquote(name.rsplit("/", 1)[1])
    return StoredExport(name, filename, _content_type(filename))


def presigned_url(export, disposition):
    """A short-lived URL of the storage itself when it can sign one (S3 with query-string auth), else None:
    the file is then streamed through Django."""
    return private.presigned_url(export.name, disposition=disposition, content_type=export.content_type)


def purge_exports(today=None):
    """Delete the exports of days whose links have all expired; returns how many files were deleted.

    Hosts run it daily (a Celery beat entry or cron); an S3 bucket can add a lifecycle rule on the prefix.
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
        os.rmdir(storage.path(path))  # object stores have no folders to leave behind; a disk does
    return deleted
