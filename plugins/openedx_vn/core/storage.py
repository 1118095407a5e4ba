"""The private storage: files that only our own views hand out (exports, question pictures).

Which storage (ADR 0011):

- the ``STORAGES`` alias ``"openedx_vn"`` when the host defines one (on Tutor: django-storages' S3Storage
  on a private bucket, ``default_acl: "private"``, ``querystring_auth: True``, a short
  ``querystring_expire``);
- otherwise files under ``settings.VN_PRIVATE_STORAGE_ROOT``, a folder outside ``MEDIA_ROOT`` (the LMS's web
  server publishes everything under ``MEDIA_ROOT`` at ``/media/``), through a storage that has no URL at all.

Nothing stored here has a public address: a view checks the user, then streams the file or redirects to a
presigned URL of the object store that lives a few minutes (``presigned_url``).
"""

import functools
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

__all__ = [
    "ALIAS",
    "MAX_PRESIGNED_SECONDS",
    "PrivateFileSystemStorage",
    "presigned_url",
    "private_storage",
    "serve",
]

ALIAS = "openedx_vn"
# However long the storage's own querystring_expire: a presigned URL only has to survive a redirect, and a
# leaked one must die soon.
MAX_PRESIGNED_SECONDS = 300


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on a local disk with no URL: ``url()`` refuses, so nothing can link to them by mistake."""

    def url(self, name):
        raise NotImplementedError("private files have no public URL; serve them through a checked view")


def private_storage():
    """The storage of private files: ``storages["openedx_vn"]`` if the host defines it, else the folder
    ``VN_PRIVATE_STORAGE_ROOT``.

    Raises ``ImproperlyConfigured`` when neither is set, or when the folder lies inside ``MEDIA_ROOT`` or
    ``STATIC_ROOT`` (its files would be public).
    """
    if ALIAS in settings.STORAGES:
        return storages[ALIAS]
    root = getattr(settings, "VN_PRIVATE_STORAGE_ROOT", None)
    if not root:
        raise ImproperlyConfigured(
            f'openedx-vn needs private storage: define STORAGES["{ALIAS}"] or VN_PRIVATE_STORAGE_ROOT'
        )
    root = Path(root).resolve()
    for public in ("MEDIA_ROOT", "STATIC_ROOT"):
        folder = getattr(settings, public, None)
        if folder and root.is_relative_to(Path(folder).resolve()):
            raise ImproperlyConfigured(f"VN_PRIVATE_STORAGE_ROOT ({root}) must not lie inside {public}")
    return _filesystem(str(root))


@functools.lru_cache(maxsize=8)
def _filesystem(root):
    # base_url="" is never used (url() refuses), but keeps FileSystemStorage from falling back to MEDIA_URL.
    return PrivateFileSystemStorage(location=root, base_url="", directory_permissions_mode=0o700)


def presigned_url(name, *, disposition, content_type):
    """A URL of the object store itself for ``name``, signed for at most ``MAX_PRESIGNED_SECONDS`` (the
    storage's ``querystring_expire`` if shorter), or None when the storage cannot sign (then the caller
    streams the file)."""
    storage = private_storage()
    try:
        from storages.backends.s3 import S3Storage  # noqa: PLC0415 - django-storages is optional on a host
    except ImportError:
        return None
    if not isinstance(storage, S3Storage) or not storage.querystring_auth:
        return None
    # A custom domain (a CDN) is signed only through a CloudFront signer; otherwise its URL is public.
    if storage.custom_domain and not storage.cloudfront_signer:
        return None
    expire = min(int(storage.querystring_expire), MAX_PRESIGNED_SECONDS)
    parameters = {"ResponseContentDisposition": disposition, "ResponseContentType": content_type}
    return storage.url(name, parameters=parameters, expire=expire)


def serve(name, *, filename, content_type, as_attachment):
    """The response that hands over the private file ``name`` to a user the caller has checked: a redirect
    to a short presigned URL, or the file streamed. None when the file is not there (on an object store that
    presigns, the store itself answers 404 after the redirect)."""
    url = presigned_url(
        name, disposition=content_disposition_header(as_attachment, filename), content_type=content_type
    )
    if url:
        return HttpResponseRedirect(url)
    storage = private_storage()
    if not storage.exists(name):
        return None
    response = FileResponse(storage.open(name, "rb"), as_attachment=as_attachment, filename=filename)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
