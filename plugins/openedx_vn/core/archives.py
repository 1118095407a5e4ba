"""Archives: the .tar.gz files Studio imports (courses, libraries), written the same way by every app; and the
zip files we are sent (.docx, .xlsx, QTI packages), checked before anything reads them."""

import io
import struct
import tarfile
import zipfile
import zlib


def tar_gz(files):
    """Pack ``{path: bytes}`` into a .tar.gz (paths as given, sorted; regular files, mode 644)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for path, content in sorted(files.items()):
            info = tarfile.TarInfo(path)
            info.size, info.mode = len(content), 0o644
            tar.addfile(info, io.BytesIO(content))
    return out.getvalue()


# ------------------------------------------------------------------ zip files we are sent
# .docx, .xlsx and QTI packages are zip files. A zip bomb is small packed and huge unpacked (a 1 MB .docx can
# hold 1 GB of XML); a zip of 100,000 tiny entries costs memory before any entry is read. Every zip we are
# sent passes ``check_zip`` before a library (python-docx, openpyxl, lxml) opens it.
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_CHUNK = 1024 * 1024
_SMALL = 1024 * 1024  # below this many unpacked bytes the ratio does not matter
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a zip's first bytes (the second: an empty zip)


class ArchiveRefused(ValueError):
    """The zip file is refused before it is read; the message (translated) says why and what the limit is."""


class NotAZip(ArchiveRefused):
    """The bytes are not a zip file at all (the format's reader has its own words for that)."""


def _mb(size):
    return f"{size / 2**20:.1f}".replace(".", ",").removesuffix(",0")


def _limits(max_entries, max_unpacked, max_ratio):
    from openedx_vn.core.conf import vn_setting  # noqa: PLC0415 - settings read lazily

    return (
        max_entries if max_entries is not None else int(vn_setting("ZIP_MAX_ENTRIES")),
        max_unpacked if max_unpacked is not None else int(vn_setting("ZIP_MAX_UNPACKED_BYTES")),
        max_ratio if max_ratio is not None else float(vn_setting("ZIP_MAX_RATIO")),
    )


def _directory(content):
    """``(entries, central directory size)`` from the end record, read before ``zipfile`` builds an object
    per entry; None when there is no end record (then ``zipfile`` says the file is not a zip)."""
    at = content.rfind(_EOCD, max(0, len(content) - 65_557))  # 22-byte record + a comment of up to 64 KB
    if at < 0 or len(content) < at + 22:
        return None
    entries, size = struct.unpack_from("<HI", content, at + 10)
    locator = at - 20
    if locator >= 0 and content[locator : locator + 4] == _EOCD64_LOCATOR:
        (offset,) = struct.unpack_from("<Q", content, locator + 8)
        if content[offset : offset + 4] == _EOCD64 and offset + 56 <= len(content):
            entries, size = struct.unpack_from("<QQ", content, offset + 32)
    return entries, size


def check_zip(content, max_entries=None, max_unpacked=None, max_ratio=None):
    """Raise ``ArchiveRefused`` unless ``content`` is a zip within the limits (settings ``ZIP_MAX_ENTRIES``,
    ``ZIP_MAX_UNPACKED_BYTES``, ``ZIP_MAX_RATIO`` unless given): number of entries, total unpacked size and
    packed/unpacked ratio, first as its central directory declares them, then counted while every entry is
    unpacked in 1 MB chunks (a directory can lie). Memory stays about one chunk; time is bounded by the
    unpacked limit. Returns the number of unpacked bytes."""
    from django.utils.translation import gettext as _  # noqa: PLC0415

    max_entries, max_unpacked, max_ratio = _limits(max_entries, max_unpacked, max_ratio)
    directory = _directory(content)
    if directory is not None:
        entries, size = directory
        if entries > max_entries or size > max_entries * 1024:
            raise ArchiveRefused(_too_many(entries, max_entries))
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise NotAZip(_("not a readable zip file (%(error)s)") % {"error": exc}) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > max_entries:
            raise ArchiveRefused(_too_many(len(infos), max_entries))
        declared = sum(info.file_size for info in infos)
        _check_size(declared, len(content), max_unpacked, max_ratio)
        for info in infos:
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                message = _("%(name)s is compressed with method %(method)s; only Deflate is accepted")
                raise ArchiveRefused(message % {"name": info.filename, "method": info.compress_type})
        return _count(archive, infos, len(content), max_unpacked, max_ratio)


def _count(archive, infos, packed, max_unpacked, max_ratio):
    from django.utils.translation import gettext as _  # noqa: PLC0415

    total = 0
    for info in infos:
        if info.is_dir():
            continue
        try:
            with archive.open(info) as entry:
                while chunk := entry.read(_CHUNK):
                    total += len(chunk)
                    _check_size(total, packed, max_unpacked, max_ratio)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            message = _("%(name)s inside the zip file is damaged, or its size is not the one declared")
            raise ArchiveRefused(message % {"name": info.filename}) from exc
    return total


def _check_size(unpacked, packed, max_unpacked, max_ratio):
    from django.utils.translation import gettext as _  # noqa: PLC0415

    if unpacked > max_unpacked:
        message = _("too large once unpacked: more than %(size)s MB (the limit is %(limit)s MB)")
        raise ArchiveRefused(message % {"size": _mb(unpacked), "limit": _mb(max_unpacked)})
    if unpacked > _SMALL and unpacked > max_ratio * max(packed, 1):
        message = _(
            "too large once unpacked: %(size)s MB from %(packed)s MB, more than %(ratio)s times its size "
            "(the limit is %(limit)s times): a zip bomb?"
        )
        raise ArchiveRefused(
            message
            % {
                "size": _mb(unpacked),
                "packed": _mb(packed),
                "ratio": int(unpacked // max(packed, 1)),
                "limit": int(max_ratio),
            }
        )


def _too_many(entries, limit):
    from django.utils.translation import gettext as _  # noqa: PLC0415

    message = _("too large: the zip file holds %(count)s files (the limit is %(limit)s)")
    return message % {"count": f"{entries:,}".replace(",", "."), "limit": f"{limit:,}".replace(",", ".")}


def is_zip(content):
    """Whether ``content`` starts as a zip file does (.docx, .xlsx and QTI packages all do)."""
    return content[:4] in ZIP_MAGIC
