"""Models of the question-bank app. Private: other apps go through ``api``.

A ``Question`` is a stable identity; its content lives in immutable ``QuestionVersion`` rows (editing makes a
new version), so tests built from version N keep showing version N.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionBank(models.Model):
    class Scope(models.TextChoices):
        PERSONAL = "personal", _("personal")
        SCHOOL = "school", _("school")
        PROVINCE = "province", _("province")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=255)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.PERSONAL)
    owner_id = models.IntegerField(_("owner (platform user id)"), db_index=True)
    school_code = models.CharField(_("school code"), max_length=32, blank=True)
    province_code = models.CharField(_("province code"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")

    def __str__(self):
        return self.name


class Question(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bank = models.ForeignKey(QuestionBank, models.CASCADE, related_name="questions")
    current = models.OneToOneField(
        "QuestionVersion",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return str(self.uuid)


class QuestionVersion(models.Model):
    """One immutable version of a question's content."""

    question = models.ForeignKey(Question, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    type = models.CharField(_("type"), max_length=20)
    title = models.CharField(_("title"), max_length=255, blank=True)
    stem = models.TextField(_("stem"))  # sanitised HTML
    body = models.JSONField(_("type-specific content"))  # choices, statements, answer key, rubric
    explanation = models.TextField(_("explanation"), blank=True)  # lời giải, sanitised HTML
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2, default=1)
    cognitive_level = models.CharField(_("cognitive level"), max_length=10, blank=True)
    difficulty = models.FloatField(_("estimated difficulty"), null=True, blank=True)
    subject_code = models.CharField(_("subject"), max_length=20, blank=True, db_index=True)
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    outcome_codes = models.JSONField(_("learning outcomes"), default=list, blank=True)
    category = models.CharField(_("category"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    # Normalised stem + options: equal fingerprints in one bank are duplicates.
    fingerprint = models.CharField(_("fingerprint"), max_length=64, db_index=True)
    created_by = models.IntegerField(_("author (platform user id)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        constraints = [models.UniqueConstraint(fields=["question", "number"], name="vn_qbank_version_number")]

    def __str__(self):
        return f"{self.question_id} v{self.number}"
