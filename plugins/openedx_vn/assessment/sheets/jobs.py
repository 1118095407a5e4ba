"""Uploads of answer sheets: files in, pages read on Celery with progress, each sheet graded or set aside.

A batch is open while its files arrive (the browser sends each photo, shrunk, or a PDF in parts of at most
``PART_BYTES``: the LMS refuses requests over 4 MB), then queued; the task reads page after page, writing
``done`` of ``total`` as it goes, like the question bank's import jobs. Every page leaves a ``ScannedSheet``:
graded, to review, or "no sheet found" with the reason, so nothing uploaded disappears silently.
"""

import io
import logging
import uuid

import numpy as np
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openedx_vn.assessment.models import Exam
from openedx_vn.assessment.sheets import grade as sheet_grade
from openedx_vn.assessment.sheets.layout import LayoutError
from openedx_vn.assessment.sheets.models import ScannedSheet, SheetBatch
from openedx_vn.assessment.sheets.reader import SheetNotFound, decode_image
from openedx_vn.assessment.sheets.reading import read_sheet
from openedx_vn.core.conf import vn_setting
from openedx_vn.core.storage import private_storage

__all__ = ["PART_BYTES", "UploadRefused", "open_batch", "add_part", "start_batch", "run_batch"]

log = logging.getLogger(__name__)
PART_BYTES = 3 * 1024 * 1024
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_FILES = 200
MAX_PAGES = 400
PDF_DPI = 150  # a scanned page at 150 dpi gives the reader 5,9 pixels per millimetre
_IMAGE_TYPES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".pdf": "pdf"}


class UploadRefused(ValueError):
    """A file the sheets upload does not take (the message names the file and why, in Vietnamese)."""


def _extension(name):
    name = (name or "").lower()
    return next((ext for ext in _IMAGE_TYPES if name.endswith(ext)), None)


def open_batch(exam, user_id):
    return SheetBatch.objects.create(exam=exam, user_id=user_id)


def add_part(batch, name, index, content):
    """Store part ``index`` (0, 1, …) of file ``name`` in the open ``batch``."""
    if batch.status != SheetBatch.Status.OPEN:
        raise UploadRefused(_("This upload has already started; start a new one."))
    if _extension(name) is None:
        raise UploadRefused(
            _("%(file)s: only photos (.jpg, .png) and scanned PDF files are read.") % {"file": name}
        )
    if len(content) > PART_BYTES + 1024 or not content:
        raise UploadRefused(_("%(file)s: a part must hold 1 byte to 3 MB.") % {"file": name})
    files = list(batch.files)
    entry = next((f for f in files if f["name"] == name), None)
    if entry is None:
        if len(files) >= MAX_FILES:
            raise UploadRefused(_("At most %(count)s files in one upload.") % {"count": MAX_FILES})
        entry = {"name": name[:200], "stored": []}
        files.append(entry)
    if index != len(entry["stored"]):
        raise UploadRefused(
            _("%(file)s: part %(index)s arrived out of order.") % {"file": name, "index": index}
        )
    if (index + 1) * PART_BYTES > MAX_FILE_BYTES:
        raise UploadRefused(_("%(file)s is larger than 200 MB.") % {"file": name})
    stored = private_storage().save(
        f"assessment/sheets/{batch.uuid}/{uuid.uuid4().hex}{_extension(name)}", ContentFile(content)
    )
    entry["stored"].append(stored)
    batch.files = files
    batch.save(update_fields=["files"])
    return batch


def start_batch(batch):
    """Queue the open ``batch`` (on Celery after the commit; inline where tasks run eagerly)."""
    if not batch.files:
        raise UploadRefused(_("Choose at least one photo or PDF file of answer sheets."))
    updated = SheetBatch.objects.filter(pk=batch.pk, status=SheetBatch.Status.OPEN).update(
        status=SheetBatch.Status.QUEUED
    )
    if not updated:
        raise UploadRefused(_("This upload has already started; start a new one."))
    from openedx_vn.assessment.sheets.tasks import read_sheet_batch  # noqa: PLC0415 - tasks imports this

    queue = vn_setting("CELERY_QUEUE")
    options = {"queue": queue} if queue else {}
    transaction.on_commit(lambda: read_sheet_batch.apply_async((str(batch.uuid),), **options))
    return batch


def _file_bytes(entry):
    storage = private_storage()
    chunks = []
    for name in entry["stored"]:
        with storage.open(name, "rb") as part:
            chunks.append(part.read())
    return b"".join(chunks)


def _open(entry):
    """``(entry, content, page count, PDF document or None)``; a file that is no PDF counts one page."""
    content = _file_bytes(entry)
    if _extension(entry["name"]) != ".pdf":
        return entry, content, 1, None
    import pypdfium2  # noqa: PLC0415 - only PDF uploads need it

    try:
        document = pypdfium2.PdfDocument(content)
    except pypdfium2.PdfiumError:
        return entry, content, 1, None
    return entry, content, min(len(document), MAX_PAGES), document


def _pages(entry, content, count, document):
    """``(source label, grey picture or the reason there is none)`` of each page of one uploaded file."""
    name = entry["name"]
    if document is None and _extension(name) == ".pdf":
        yield name, _("The PDF file is damaged or has a password.")
        return
    if document is None:
        try:
            yield name, decode_image(content)
        except SheetNotFound as exc:
            yield name, str(exc)
        return
    try:
        for index in range(count):
            bitmap = document[index].render(scale=PDF_DPI / 72, grayscale=True)
            yield (
                _("%(file)s, page %(page)s") % {"file": name, "page": index + 1},
                np.array(bitmap.to_pil().convert("L")),
            )
    finally:
        document.close()


def _save_picture(batch, page):
    import cv2  # noqa: PLC0415

    ok, data = cv2.imencode(".jpg", page.image, [cv2.IMWRITE_JPEG_QUALITY, 80])
    name = f"assessment/sheets/{batch.uuid}/read-{uuid.uuid4().hex}.jpg"
    return private_storage().save(name, ContentFile(data.tobytes())) if ok else ""


def _fallback_layout(exam):
    from openedx_vn.assessment.sheets import service  # noqa: PLC0415

    try:
        return service.layout_for_exam(exam, "national")
    except LayoutError:
        try:
            return service.layout_for_exam(exam, "legacy")
        except LayoutError:
            return None


def _read_one(batch, source, picture, fallback):
    if isinstance(picture, str):
        return ScannedSheet(
            batch=batch, exam=batch.exam, source=source[:300], status="unreadable", read={"error": picture}
        )
    try:
        read = read_sheet(picture, fallback)
    except SheetNotFound as exc:
        return ScannedSheet(
            batch=batch, exam=batch.exam, source=source[:300], status="unreadable", read={"error": str(exc)}
        )
    values = {
        sheet_grade.key_str(key): value for key, value in (read.marks.values.items() if read.marks else ())
    }
    stored = {
        "values": values,
        "unsure": {sheet_grade.key_str(k): r for k, r in (read.marks.unsure.items() if read.marks else ())},
        "darkness": {
            sheet_grade.key_str(k): v for k, v in (read.marks.darkness.items() if read.marks else ())
        },
        "problems": [[sheet_grade.key_str(w) if isinstance(w, tuple) else w, r] for w, r in read.problems],
        "kind": read.layout.kind if read.layout else "",
        "counts": list(read.layout.counts) if read.layout else [],
        "qr_exam": read.exam_uuid or "",
        "printed_number": read.printed_number,
    }
    return ScannedSheet(
        batch=batch,
        exam=batch.exam,
        source=source[:300],
        image=_save_picture(batch, read.straightened),
        status=ScannedSheet.Status.REVIEW,
        number=(read.number or "").zfill(6)[:6] if read.number else "",
        version_code=(read.code or "")[:3],
        read=stored,
    )


def _claim(batch_uuid):
    with transaction.atomic():
        batch = SheetBatch.objects.select_for_update().get(uuid=batch_uuid)
        if batch.status != SheetBatch.Status.QUEUED:
            return None  # done, failed or running elsewhere: a task delivered twice runs once
        batch.status = SheetBatch.Status.RUNNING
        batch.save(update_fields=["status"])
    return batch


def run_batch(batch_uuid):
    """Read every page of the batch, grading each sheet that has nothing unsure. Returns the batch."""
    batch = _claim(batch_uuid)
    if batch is None:
        return SheetBatch.objects.get(uuid=batch_uuid)
    try:
        exam = Exam.objects.get(pk=batch.exam_id)
        fallback = _fallback_layout(exam)
        opened = [_open(entry) for entry in batch.files]
        batch.total = sum(count for _entry, _content, count, _document in opened)
        SheetBatch.objects.filter(pk=batch.pk).update(total=batch.total)
        done = 0
        for entry, content, count, document in opened:
            for source, picture in _pages(entry, content, count, document):
                sheet = _read_one(batch, source, picture, fallback)
                sheet.save()
                if sheet.status == ScannedSheet.Status.REVIEW and sheet.read.get("kind"):
                    sheet_grade.grade_sheet(sheet)
                done += 1
                SheetBatch.objects.filter(pk=batch.pk).update(done=done)
        SheetBatch.objects.filter(pk=batch.pk).update(
            status=SheetBatch.Status.DONE, done=done, total=done, finished_at=timezone.now()
        )
    except Exception as exc:  # a failed run says so on the page, and the pages read so far stay
        log.exception("answer sheets %s failed", batch_uuid)
        SheetBatch.objects.filter(pk=batch.pk).update(
            status=SheetBatch.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
    batch.refresh_from_db()
    return batch


def picture_bytes(sheet):
    """The straightened picture of ``sheet`` (JPEG bytes), or None."""
    if not sheet.image:
        return None
    with private_storage().open(sheet.image, "rb") as stored:
        return io.BytesIO(stored.read()).getvalue()
