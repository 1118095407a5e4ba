"""Pictures inside question HTML: PNG, JPEG and GIF (what every browser shows), as data: URIs until stored."""

import base64
import re
from urllib.parse import unquote

# The first bytes of each format: the bytes decide, never a file name or a declared type.
MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}
DATA_URI = re.compile(r"data:(image/(?:png|jpeg|gif));base64,([A-Za-z0-9+/=]*)")


def image_type(blob):
    """ "image/png", "image/jpeg", "image/gif", or None for any other content."""
    return next((mime for magic, mime in MAGIC.items() if blob.startswith(magic)), None)


def data_uri(blob):
    """A data: URI for a PNG, JPEG or GIF picture; None for anything else."""
    kind = image_type(blob)
    return f"data:{kind};base64,{base64.b64encode(blob).decode('ascii')}" if kind else None


# ------------------------------------------------------------- stored pictures
STORAGE_DIR = "qbank/images"  # before ADR 0011, in Django's default storage: <sha256>.<png|jpg|gif>
_PATH = re.compile(r"[A-Za-z0-9._~%/+-]+(?:\?[A-Za-z0-9._~%/+=&-]*)?")


def storage_prefix():
    """The URL files of Django's default storage start with: MEDIA_URL on the file system, the bucket's (or
    its custom domain's) on S3. A query string (signed S3 URLs) is not part of it."""
    from urllib.parse import urlsplit  # noqa: PLC0415

    from django.core.files.storage import default_storage  # noqa: PLC0415 - settings are read lazily

    try:
        url = default_storage.url("")
    except NotImplementedError:  # a storage without URLs serves no picture
        return ""
    return urlsplit(url)._replace(query="", fragment="").geturl()


def is_allowed_source(value):
    """An <img src> the bank keeps: a PNG/JPEG/GIF data: URI, one of our private pictures
    (``/vn/core/pictures/<sha256>.<ext>``), or a file of the default storage (pictures stored before ADR
    0011; no "..")."""
    from openedx_vn.core import pictures  # noqa: PLC0415 - its URL is reversed when settings exist

    if value.startswith("data:"):
        return DATA_URI.fullmatch(value) is not None
    if value.startswith("/") and not value.startswith("//") and pictures.picture_name(value):
        return "?" not in value and "#" not in value
    prefix = storage_prefix()
    rest = value[len(prefix) :]
    return (
        bool(prefix)
        and value.startswith(prefix)
        and not rest.startswith("/")
        and ".." not in unquote(rest.split("?")[0]).split("/")  # browsers read "%2e%2e" as ".." too
        and _PATH.fullmatch(rest) is not None
    )
