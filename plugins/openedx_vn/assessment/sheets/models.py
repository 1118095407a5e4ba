"""What paper sheets leave behind: the class list printed on them, the uploads, and every sheet read.

Imported by ``assessment.models`` (one app, one set of migrations). Private like the app's other models.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class SheetStudent(models.Model):
    """A line of the class list for a test's sheets: the student number (số báo danh) printed and filled
    in on the sheet, the name printed, and the platform account the result goes to."""

    exam = models.ForeignKey("vn_assessment.Exam", models.CASCADE, related_name="sheet_students")
    number = models.CharField(_("student number"), max_length=6)
    full_name = models.CharField(_("full name"), max_length=255)
    user_id = models.IntegerField(_("student (platform user id)"), null=True, blank=True)

    class Meta:
        verbose_name = _("student on the answer sheets")
        verbose_name_plural = _("students on the answer sheets")
        constraints = [models.UniqueConstraint(fields=["exam", "number"], name="vn_sheet_student_number")]

    def __str__(self):
        return f"{self.number} {self.full_name}"


class SheetBatch(models.Model):
    """One upload of photos or scanned PDFs, read on Celery; ``done`` of ``total`` pages (the progress bar).
    ``files``: [{"name", "stored": [storage names of its parts]}]."""

    class Status(models.TextChoices):
        OPEN = "open", _("receiving files")
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("reading")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    exam = models.ForeignKey("vn_assessment.Exam", models.CASCADE, related_name="sheet_batches")
    user_id = models.IntegerField(_("uploaded by (platform user id)"))
    files = models.JSONField(_("files"), default=list)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    done = models.PositiveIntegerField(_("pages read"), default=0)
    total = models.PositiveIntegerField(_("pages"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("upload of answer sheets")
        verbose_name_plural = _("uploads of answer sheets")

    def __str__(self):
        return str(self.uuid)


class ScannedSheet(models.Model):
    """One page read: what the reader saw (``read``), what the teacher decided (``decisions``), and the
    attempt it was graded into. ``read`` = {"values": {key: value}, "unsure": {key: reason},
    "darkness": {key: [levels]}, "problems": [[where, reason]], "kind", "counts", "qr_exam"};
    keys are group keys joined by dots ("mc.3", "tf.2.1", "sa.1.0", "number.0")."""

    class Status(models.TextChoices):
        REVIEW = "review", _("to review")
        GRADED = "graded", _("graded")
        CONFIRMED = "confirmed", _("graded after review")
        UNREADABLE = "unreadable", _("no sheet found")
        DISCARDED = "discarded", _("discarded")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    batch = models.ForeignKey(SheetBatch, models.CASCADE, related_name="sheets")
    exam = models.ForeignKey("vn_assessment.Exam", models.CASCADE, related_name="scanned_sheets")
    source = models.CharField(_("file and page"), max_length=300)
    image = models.CharField(_("straightened picture"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    number = models.CharField(_("student number read"), max_length=6, blank=True)
    version_code = models.CharField(_("version read"), max_length=3, blank=True)
    user_id = models.IntegerField(_("student (platform user id)"), null=True, blank=True)
    read = models.JSONField(_("what was read"), default=dict)
    decisions = models.JSONField(_("teacher's decisions"), default=dict, blank=True)
    attempt = models.ForeignKey(
        "vn_assessment.Attempt", models.SET_NULL, null=True, blank=True, related_name="sheets"
    )
    reviewed_by = models.IntegerField(_("reviewed by (platform user id)"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scanned answer sheet")
        verbose_name_plural = _("scanned answer sheets")
        indexes = [models.Index(fields=["exam", "status"], name="vn_sheet_exam_status")]

    def __str__(self):
        return f"{self.exam_id}/{self.source}"
