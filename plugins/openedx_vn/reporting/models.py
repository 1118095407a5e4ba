"""Private models of vn_reporting: read and written through ``api`` only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingCourse(models.Model):
    """A course run a province officer or operator marked as teachers' digital-skills training."""

    course_key = models.CharField(_("course"), max_length=255, unique=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    marked_by = models.IntegerField(_("marked by (platform user id)"), null=True, blank=True)
    marked_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("teacher training course")
        verbose_name_plural = _("teacher training courses")

    def __str__(self):
        return self.course_key


class TrainingCompletion(models.Model):
    """A teacher passed a training course in a school year (the first time the LMS said so counts)."""

    class Source(models.TextChoices):
        PASSING = "passing", _("passing grade")
        CERTIFICATE = "certificate", _("certificate")

    user_id = models.IntegerField(_("teacher (platform user id)"))
    course_key = models.CharField(_("course"), max_length=255)
    school_year = models.CharField(_("school year"), max_length=9)
    completed_at = models.DateTimeField(_("completed at"))
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)

    class Meta:
        verbose_name = _("training completion")
        verbose_name_plural = _("training completions")
        constraints = [
            models.UniqueConstraint(fields=["user_id", "course_key", "school_year"], name="vn_training_once")
        ]
        indexes = [models.Index(fields=["school_year", "user_id"], name="vn_training_year_user")]

    def __str__(self):
        return f"{self.user_id} {self.course_key} {self.school_year}"
