"""Hostile files, crafted byte by byte: zip bombs (honest, with a lying directory, with 100,000 entries) in
the shapes we accept (.docx, .xlsx, QTI .zip), random bytes named .gift, a text of one huge line.

A bomb's deflate stream is built from blocks that end with a full flush: after one, the compressor starts
afresh, so the same megabyte of input gives the same bytes every time and 1 GB costs one megabyte of work.
"""

import io
import os
import struct
import zipfile
import zlib

MB = 1024 * 1024


def deflate_repeated(prefix, chunk, repeat, suffix):
    """``(raw deflate bytes, crc32, size)`` of ``prefix + chunk * repeat + suffix``."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(suffix) + compressor.flush()
    crc = zlib.crc32(prefix)
    for _ in range(repeat):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    return head + block * repeat + tail, crc, len(prefix) + len(chunk) * repeat + len(suffix)


def raw_zip(entries):
    """A zip file from ``(name, data, crc, size, method, declared_size)`` entries, written by hand so the
    central directory can say what we like (``declared_size``) about an entry."""
    out, directory = io.BytesIO(), []
    for name, data, crc, size, method, declared in entries:
        encoded = name.encode()
        offset = out.tell()
        local = (b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out.write(struct.pack("<4s5H3L2H", *local))
        out.write(encoded)
        out.write(data)
        directory.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(data),
                declared,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for record in directory:
        out.write(record)
    size = out.tell() - start
    count = len(directory)
    if count > 0xFFFF:  # Zip64 end records hold the count; the classic one says "see Zip64"
        at = out.tell()
        out.write(struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, start))
        out.write(struct.pack("<4sLQL", b"PK\x06\x07", 0, at, 1))
        count = 0xFFFF
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, start, 0))
    return out.getvalue()


def _stored(name, data):
    return (name, data, zlib.crc32(data), len(data), zipfile.ZIP_STORED, len(data))


def _docx_parts():
    """The parts of a real, tiny .docx (python-docx's default document with one paragraph)."""
    from docx import Document  # noqa: PLC0415

    document = Document()
    document.add_paragraph("Câu 1. Một cộng một bằng mấy?")
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def docx_bomb(gigabytes=1, lie=False):
    """A .docx of about 1 MB whose word/document.xml inflates to ``gigabytes`` GB of spaces inside a text
    run. ``lie``: the central directory says document.xml is 10 KB (and its CRC is the real one)."""
    parts = _docx_parts()
    prefix = parts["word/document.xml"].split(b"<w:body>")[0] + b"<w:body><w:p><w:r><w:t>"
    data, crc, size = deflate_repeated(
        prefix, b" " * MB, 1024 * gigabytes, b"</w:t></w:r></w:p></w:body></w:document>"
    )
    entries = [_stored(name, content) for name, content in parts.items() if name != "word/document.xml"]
    declared = 10 * 1024 if lie else size
    entries.append(("word/document.xml", data, crc, size, zipfile.ZIP_DEFLATED, declared))
    return raw_zip(entries)


def xlsx_bomb(gigabytes=1):
    """An .xlsx (the question template's shape) whose first sheet inflates to ``gigabytes`` GB."""
    from openpyxl import Workbook  # noqa: PLC0415

    book = Workbook()
    book.active.append(["type", "stem", "answer"])
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    prefix = parts[sheet].split(b"<sheetData>")[0] + b'<sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>'
    data, crc, size = deflate_repeated(
        prefix, b"A" * MB, 1024 * gigabytes, b"</t></is></c></row></sheetData></worksheet>"
    )
    entries = [_stored(name, content) for name, content in parts.items() if name != sheet]
    entries.append((sheet, data, crc, size, zipfile.ZIP_DEFLATED, size))
    return raw_zip(entries)


def many_entries(count=100_000):
    """A zip of ``count`` empty files, with a QTI manifest first (so it looks like a QTI package)."""
    manifest = b'<?xml version="1.0"?><manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"/>'
    entries = [_stored("imsmanifest.xml", manifest)]
    entries += [_stored(f"items/{number}.xml", b"") for number in range(count)]
    return raw_zip(entries)


def qti_bomb(gigabytes=1):
    """A QTI package whose only item inflates to ``gigabytes`` GB."""
    manifest = (
        b'<?xml version="1.0"?><manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"><resources>'
        b'<resource identifier="q1" type="imsqti_item_xmlv2p1" href="q1.xml"/></resources></manifest>'
    )
    data, crc, size = deflate_repeated(
        b"<assessmentItem>", b"\n" * MB, 1024 * gigabytes, b"</assessmentItem>"
    )
    return raw_zip(
        [_stored("imsmanifest.xml", manifest), ("q1.xml", data, crc, size, zipfile.ZIP_DEFLATED, size)]
    )


def random_bytes(megabytes):
    return os.urandom(megabytes * MB)


def one_line(megabytes):
    """GIFT text on a single line of ``megabytes`` MB (no line break anywhere)."""
    return b"::Q1:: " + b"x" * (megabytes * MB) + b" {=a ~b}"
