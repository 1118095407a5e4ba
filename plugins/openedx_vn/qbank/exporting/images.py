"""The pictures inside question HTML, for exporters that carry them along (Word papers, QTI packages).

The sanitiser lets three kinds of ``src`` through: ``data:image/…`` URIs, our private pictures
(``/vn/core/pictures/<sha256>.<ext>``, read from the private storage: ``core.pictures``) and, stored before
those, files of the default storage (their URL starts with ``MEDIA_URL`` on the file system, the bucket's with
django-storages on S3). Anything else is not ours to fetch.
"""

import base64
import binascii
import mimetypes
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage

from openedx_vn.core import pictures
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
    private = pictures.picture_name(src)
    if private:
        content = pictures.read_picture(private)
        return (content, pictures.CONTENT_TYPES[private.rsplit(".", 1)[1]]) if content else None
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
    """The stored name of one of our pictures' URLs (private or default storage), or None for any other
    address."""
    private = pictures.picture_name(src)
    if private:
        return f"{pictures.FOLDER}/{private}"
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
