"""The pictures inside question HTML, for exporters that carry them along (Word papers, QTI packages).

The sanitiser lets two kinds of ``src`` through: ``data:image/…`` URIs and files of our own storage (their
URL starts with the default storage's own: ``MEDIA_URL`` on the file system, the bucket's with django-storages
on S3). Anything else is not ours to fetch.
"""

import base64
import binascii
import mimetypes
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage

from openedx_vn.qbank.importing.images import storage_prefix


def picture(src):
    """``(bytes, mime type)`` of an image ``src``, or None when its bytes are not reachable."""
    src = (src or "").strip()
    if src.startswith("data:"):
        header, _, data = src[5:].partition(",")
        mime = header.split(";")[0].strip().lower()
        if not mime.startswith("image/"):
            return None
        try:
            content = base64.b64decode(data) if ";base64" in header else unquote(data).encode()
        except (binascii.Error, ValueError):
            return None
        return (content, mime) if content else None
    name = storage_name(src)
    if not name:
        return None
    try:
        if not default_storage.exists(name):
            return None
        with default_storage.open(name, "rb") as stored:
            content = stored.read()
    except (SuspiciousOperation, OSError):
        return None
    return content, mimetypes.guess_type(name)[0] or "application/octet-stream"


def storage_name(src):
    """The default-storage name of one of its files' URLs, or None for any other address."""
    for prefix in _storage_prefixes():
        if prefix and src.startswith(prefix):
            name = unquote(src[len(prefix) :].split("?")[0].split("#")[0])
            return name or None
    return None


def _storage_prefixes():
    prefixes = [storage_prefix(), settings.MEDIA_URL or ""]
    return [prefix for prefix in dict.fromkeys(prefixes) if prefix]


def extension(mime):
    return (
        {"image/jpeg": ".jpg", "image/svg+xml": ".svg"}.get(mime) or mimetypes.guess_extension(mime) or ".bin"
    )
