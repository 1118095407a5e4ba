"""Limits on what is uploaded to us, checked before anything parses it.

Every upload endpoint of ours calls ``validate_request`` (before the body is read: its declared length)
and ``validate_files`` (each file), so a file over ``UPLOAD_MAX_BYTES`` is refused with a message that says
it is too large and what the limit is. Zip-based files are checked by ``core.archives.check_zip``; question
files by ``qbank.importing.limits``.
"""

from django.utils.translation import gettext as _

from openedx_vn.core.conf import vn_setting

# Room for the multipart envelope and the form's other fields around the file(s).
_ENVELOPE = 256 * 1024


class UploadTooLarge(ValueError):
    """The upload is over the limit; the message (translated) names the file and the limit."""


def max_upload_bytes():
    """The largest file we accept, in bytes (setting ``UPLOAD_MAX_BYTES``)."""
    return int(vn_setting("UPLOAD_MAX_BYTES"))


def megabytes(size):
    """``size`` in MB as Vietnamese write it: "20", "1,5", "0,004" (under 1 MB, three decimals)."""
    text = f"{size / 2**20:.{1 if size >= 2**20 else 3}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def too_large_message(size, name=None, limit=None):
    """The refusal of a file of ``size`` bytes (``name``: when no place is shown with it): it says "too
    large" and the limit."""
    limit = max_upload_bytes() if limit is None else limit
    values = {"name": name, "size": megabytes(size), "limit": megabytes(limit)}
    if name is None:
        return _("too large: %(size)s MB (the limit is %(limit)s MB)") % values
    return _("%(name)s is too large: %(size)s MB (the limit is %(limit)s MB)") % values


def check_file(upload):
    """Raise ``UploadTooLarge`` when an uploaded file (Django's ``UploadedFile``) is over the limit."""
    if upload.size is not None and upload.size > max_upload_bytes():
        raise UploadTooLarge(too_large_message(upload.size, upload.name))


def check_request(request, files=1):
    """Raise ``UploadTooLarge`` when a request declares a body larger than ``files`` files at the limit: the
    body is then refused before it is read (no temporary file, no parsing)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    if length > files * max_upload_bytes() + _ENVELOPE:
        raise UploadTooLarge(too_large_message(length, _("the upload")))


def validate_request(request, files=1, field="file"):
    """``check_request`` for a DRF view: a 400 naming ``field``, before ``request.data`` reads the body."""
    try:
        check_request(request, files)
    except UploadTooLarge as exc:
        raise _refusal(exc, field) from exc


def validate_files(files, field="file"):
    """``check_file`` of each uploaded file for a DRF view: a 400 naming ``field``."""
    for upload in files:
        try:
            check_file(upload)
        except UploadTooLarge as exc:
            raise _refusal(exc, field) from exc


def _refusal(exc, field):
    from rest_framework.exceptions import ValidationError  # noqa: PLC0415

    return ValidationError({field: [str(exc)]})
