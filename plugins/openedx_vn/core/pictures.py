"""Pictures inside stored HTML (question stems, options, explanations): private files behind one stable URL.

A picture is stored once in the private storage (``core.storage``) as ``openedx-vn/pictures/<sha256>.<ext>``,
and the HTML refers to it as ``/vn/core/pictures/<sha256>.<ext>``: a path of our own view, which checks the
viewer and then streams the file or redirects to a presigned URL of a few minutes. The address in the HTML
never changes when the storage does (disk → S3, another bucket) and never expires; it is resolved when the
picture is viewed. Who may view (ADR 0011): any signed-in user; the name is the SHA-256 of the picture's
bytes, so it cannot be guessed, only read from HTML the user was shown.

Pictures imported before this (in Django's default storage under ``qbank/images/``, with ``/media/…`` URLs in
the HTML) are still found: ``read_picture`` and the view fall back to them.
"""

import hashlib
import re

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.urls import NoReverseMatch, reverse

from openedx_vn.core import storage as private

__all__ = [
    "CONTENT_TYPES",
    "FOLDER",
    "NAME",
    "picture_name",
    "picture_url",
    "read_picture",
    "save_picture",
    "serve_picture",
]

FOLDER = "openedx-vn/pictures"
LEGACY_FOLDER = "qbank/images"  # Django's default storage (public), before ADR 0011
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif"}
NAME = re.compile(r"[0-9a-f]{64}\.(?:png|jpg|gif)")


def save_picture(blob, extension):
    """Store ``blob`` (PNG/JPEG/GIF bytes, ``extension`` "png", "jpg" or "gif") if it is not stored yet;
    returns the stable URL to put in HTML."""
    if extension not in CONTENT_TYPES:
        raise ValueError(f"not a picture extension: {extension!r}")
    name = f"{hashlib.sha256(blob).hexdigest()}.{extension}"
    storage = private.private_storage()
    if not storage.exists(f"{FOLDER}/{name}"):
        storage.save(f"{FOLDER}/{name}", ContentFile(blob))
    return picture_url(name)


def picture_url(name):
    """``/vn/core/pictures/<name>``: the address HTML keeps."""
    return reverse("vn_core:picture", args=[name])


def _prefix():
    try:
        return picture_url("0" * 64 + ".png").removesuffix("0" * 64 + ".png")
    except NoReverseMatch:  # a host that does not mount core's URLs
        return None


def picture_name(src):
    """The picture's name (``<sha256>.<ext>``) when ``src`` is one of our picture URLs (a path, or a full URL
    of this site's path), else None."""
    prefix = _prefix()
    if not prefix or not src:
        return None
    path = src.split("?", 1)[0].split("#", 1)[0]
    if "://" in path:
        path = "/" + path.split("://", 1)[1].partition("/")[2]
    rest = path.removeprefix(prefix) if path.startswith(prefix) else None
    return rest if rest and NAME.fullmatch(rest) else None


def _locate(name):
    """``(storage, stored name)`` of a picture, private first, or None."""
    if not NAME.fullmatch(name or ""):
        return None
    storage = private.private_storage()
    if storage.exists(f"{FOLDER}/{name}"):
        return storage, f"{FOLDER}/{name}"
    if default_storage.exists(f"{LEGACY_FOLDER}/{name}"):
        return default_storage, f"{LEGACY_FOLDER}/{name}"
    return None


def read_picture(name):
    """The bytes of the picture ``name``, or None (unknown name, or not stored)."""
    found = _locate(name)
    if not found:
        return None
    storage, stored = found
    with storage.open(stored, "rb") as stream:
        return stream.read()


def serve_picture(name):
    """The response that shows the picture ``name`` to a user the caller has checked (presigned redirect or
    the bytes streamed), or None when there is no such picture."""
    found = _locate(name)
    if not found:
        return None
    storage, stored = found
    content_type = CONTENT_TYPES[name.rsplit(".", 1)[1]]
    if storage is default_storage:  # an older picture, still in the public default storage
        response = FileResponse(storage.open(stored, "rb"), content_type=content_type)
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return private.serve(stored, filename=name, content_type=content_type, as_attachment=False)
