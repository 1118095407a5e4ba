"""Models of the assessment app. Private: other apps and the blocks go through ``api``."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Blueprint(models.Model):
    """A stored blueprint (ma trận đề) with its specification (bản đặc tả), as a teacher edits it.

    ``rows``: [{"topic", "label", "codes": [...], "requirements": {level: text}}];
    ``cells``: [{"row", "format", "level", "count", "points": "1.5"}] (see ``blueprint.Cell``).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    owner_id = models.IntegerField(_("owner (platform user id)"), db_index=True)
    school_code = models.CharField(_("school"), max_length=32, blank=True)
    subject_code = models.CharField(_("subject"), max_length=20, blank=True)
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    template_key = models.CharField(_("template"), max_length=40, blank=True)
    total_points = models.DecimalField(_("total points"), max_digits=5, decimal_places=2, default=10)
    rows = models.JSONField(_("rows"), default=list)
    cells = models.JSONField(_("cells"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("blueprint")
        verbose_name_plural = _("blueprints")

    def __str__(self):
        return self.title


class Exam(models.Model):
    """A generated test (đề kiểm tra): the questions drawn for a blueprint, pinned to their versions.

    ``blueprint_data`` is the blueprint as it was when the test was drawn (later edits do not change a test);
    ``items``: [{"cell", "uuid", "version", "type", "points": "0.25"}] in drawn order.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    blueprint = models.ForeignKey(Blueprint, models.SET_NULL, null=True, blank=True, related_name="exams")
    blueprint_data = models.JSONField(_("blueprint at generation"))
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind of test"), max_length=120, blank=True)  # "Kiểm tra giữa học kì I"
    owner_id = models.IntegerField(_("owner (platform user id)"), db_index=True)
    school_code = models.CharField(_("school"), max_length=32, blank=True, db_index=True)
    subject_code = models.CharField(_("subject"), max_length=20, blank=True)
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    school_year = models.CharField(_("school year"), max_length=9, blank=True)
    class_ids = models.JSONField(_("classes"), default=list, blank=True)
    bank_uuids = models.JSONField(_("question banks"), default=list)
    seed = models.BigIntegerField(_("seed"))
    exclude_recent = models.PositiveSmallIntegerField(_("questions of the last N tests left out"), default=0)
    items = models.JSONField(_("questions"))
    max_points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=45)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Online rules the teacher sets (ADR 0019): full screen, how late a start is taken, extra time for named
    # students ({"<user id>": minutes}), and when the review (keys, explanations) opens
    # (None: the close date).
    require_fullscreen = models.BooleanField(_("require full screen"), default=False)
    late_start_minutes = models.PositiveSmallIntegerField(
        _("latest start (minutes after opening)"), null=True, blank=True
    )
    extra_minutes = models.JSONField(_("extra time per student"), default=dict, blank=True)
    review_at = models.DateTimeField(_("review opens at"), null=True, blank=True)

    class Meta:
        verbose_name = _("test")
        verbose_name_plural = _("tests")
        indexes = [models.Index(fields=["school_code", "subject_code", "created_at"], name="vn_exam_recent")]

    def __str__(self):
        return self.title


class ExamVersion(models.Model):
    """One printed or online version (mã đề): ``parts`` = {part: [{"uuid", "options": [original indexes]}]}
    in printed order."""

    exam = models.ForeignKey(Exam, models.CASCADE, related_name="versions")
    code = models.CharField(_("code"), max_length=3)
    parts = models.JSONField(_("parts"))

    class Meta:
        verbose_name = _("test version")
        verbose_name_plural = _("test versions")
        constraints = [models.UniqueConstraint(fields=["exam", "code"], name="vn_exam_version_code")]

    def __str__(self):
        return self.code


class Attempt(models.Model):
    """A student's sitting of an online test. The deadline is the server's; the browser only displays it."""

    class Status(models.TextChoices):
        OPEN = "open", _("in progress")
        SUBMITTED = "submitted", _("submitted")
        TIMED_OUT = "timed_out", _("submitted at time-out")

    exam = models.ForeignKey(Exam, models.CASCADE, related_name="attempts")
    user_id = models.IntegerField(_("student (platform user id)"))
    version_code = models.CharField(_("version"), max_length=3)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    started_at = models.DateTimeField(_("started at"))
    deadline_at = models.DateTimeField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(_("score (of 10)"), max_digits=4, decimal_places=1, null=True, blank=True)
    essays_pending = models.PositiveSmallIntegerField(_("essays to grade"), default=0)
    earned = models.JSONField(_("points by question"), default=dict, blank=True)
    # The grade the LMS gradebook was last given (None: never), as the pair pushed through edx-submissions
    # (gradebook.py, ADR 0019): the block names its course, usage key and the student's anonymous id.
    published_score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    published_possible = models.PositiveIntegerField(null=True, blank=True)
    course_key = models.CharField(_("course"), max_length=255, blank=True)
    usage_key = models.CharField(_("block"), max_length=255, blank=True)
    learner_key = models.CharField(_("anonymous student id"), max_length=255, blank=True)
    grade_weight = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    submission_uuid = models.CharField(max_length=36, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [models.UniqueConstraint(fields=["exam", "user_id"], name="vn_attempt_exam_user")]
        indexes = [models.Index(fields=["status", "deadline_at"], name="vn_attempt_open_deadline")]

    def __str__(self):
        return f"{self.exam_id}/{self.user_id}"


class Answer(models.Model):
    """The latest answer of an attempt to one question. ``seq`` orders the browser's saves: a save with a
    lower or equal ``seq`` than the stored one (a retry, a late duplicate) changes nothing."""

    attempt = models.ForeignKey(Attempt, models.CASCADE, related_name="answers")
    question_uuid = models.CharField(_("question"), max_length=36)
    value = models.JSONField(_("answer"), null=True)
    seq = models.PositiveIntegerField(_("sequence"))
    saved_at = models.DateTimeField(_("saved at"))
    essay_points = models.DecimalField(
        _("essay points"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    essay_comment = models.TextField(_("teacher's comment"), blank=True)
    graded_by = models.IntegerField(_("graded by (platform user id)"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question_uuid"], name="vn_answer_attempt_question")
        ]

    def __str__(self):
        return f"{self.attempt_id}/{self.question_uuid}"


class ItemStatistic(models.Model):
    """Facility and discrimination of one question in one test, from its submitted attempts."""

    exam = models.ForeignKey(Exam, models.CASCADE, related_name="item_statistics")
    question_uuid = models.CharField(_("question"), max_length=36)
    responses = models.PositiveIntegerField(_("attempts"))
    facility = models.FloatField(_("facility"))
    discrimination = models.FloatField(_("discrimination"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("item statistic")
        verbose_name_plural = _("item statistics")
        constraints = [
            models.UniqueConstraint(fields=["exam", "question_uuid"], name="vn_item_statistic_exam_question")
        ]

    def __str__(self):
        return f"{self.exam_id}/{self.question_uuid}"


class IntegrityEvent(models.Model):
    """Something the teacher sees in an attempt's integrity log (ADR 0019): the student left full screen,
    switched tab or window, or was disconnected for long. Times are the server's; ``ended_at`` is empty
    while the student is still away."""

    class Kind(models.TextChoices):
        FULLSCREEN = "fullscreen", _("left full screen")
        HIDDEN = "hidden", _("switched tab or window")
        OFFLINE = "offline", _("disconnected")

    attempt = models.ForeignKey(Attempt, models.CASCADE, related_name="integrity_events")
    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    started_at = models.DateTimeField(_("from"))
    ended_at = models.DateTimeField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("integrity event")
        verbose_name_plural = _("integrity events")
        indexes = [models.Index(fields=["attempt", "kind", "started_at"], name="vn_integrity_attempt_kind")]

    def __str__(self):
        return f"{self.attempt_id}/{self.kind}"


# Answer sheets graded from photos (issue 17): their own module, this app's tables and migrations.
from openedx_vn.assessment.sheets.models import ScannedSheet, SheetBatch, SheetStudent  # noqa: E402, F401
