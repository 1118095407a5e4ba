"""Limits a question file must be within before any reader parses it (hostile or careless files).

Checked in this order, each in time linear in the file and without copying it: the file's size
(``UPLOAD_MAX_BYTES``); a zip (.docx, .xlsx, QTI package) by ``core.archives.check_zip`` (entries, unpacked
size, ratio); a text file (GIFT, Aiken) by its size, lines and longest line. The number of questions a reader
found is checked before they are validated one by one. Each refusal says the file is too large and the limit.
"""

from django.utils.translation import gettext as _

from openedx_vn.core import archives, uploads
from openedx_vn.core.conf import vn_setting


def _number(value):
    return f"{value:,}".replace(",", ".")


def before_reading(content):
    """The refusal (a translated message) of a file too large or a zip outside the limits, else None."""
    if len(content) > uploads.max_upload_bytes():
        return uploads.too_large_message(len(content))
    if archives.is_zip(content):
        try:
            archives.check_zip(content)
        except archives.NotAZip:
            return None  # the format's reader says what it expected
        except archives.ArchiveRefused as exc:
            return str(exc)
    return None


def of_text(content):
    """The refusal of a text file (bytes) over the text limits, else None."""
    limit = int(vn_setting("IMPORT_TEXT_MAX_BYTES"))
    if len(content) > limit:
        message = _("too large for a text file: %(size)s MB (the limit is %(limit)s MB)")
        return message % {"size": uploads.megabytes(len(content)), "limit": uploads.megabytes(limit)}
    most = int(vn_setting("IMPORT_TEXT_MAX_LINES"))
    lines = content.count(b"\n") + 1
    if lines > most:
        message = _("too large: %(count)s lines (the limit is %(limit)s)")
        return message % {"count": _number(lines), "limit": _number(most)}
    longest = int(vn_setting("IMPORT_LINE_MAX_BYTES"))
    start, number = 0, 1
    while start <= len(content):
        end = content.find(b"\n", start)
        end = len(content) if end < 0 else end
        if end - start > longest:
            message = _("line %(line)s is too large: %(size)s characters (the limit is %(limit)s)")
            return message % {"line": number, "size": _number(end - start), "limit": _number(longest)}
        start, number = end + 1, number + 1
    return None


def of_questions(count):
    """The refusal of a file holding more than ``IMPORT_MAX_QUESTIONS`` questions, else None."""
    most = int(vn_setting("IMPORT_MAX_QUESTIONS"))
    if count <= most:
        return None
    message = _("too large: %(count)s questions in one file (the limit is %(limit)s); split it")
    return message % {"count": _number(count), "limit": _number(most)}
