"""Models of the curriculum app. Private: other apps go through ``api``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from opaque_keys.edx.django.models import CourseKeyField


class ProgramVersion(models.Model):
    """One version of the program's figures (levels, subjects, yearly periods), kept forever.

    Loading a program file whose figures differ from every stored version creates a new version; plans and
    reports made under an older version keep computing with its figures.
    """

    key = models.CharField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    checksum = models.CharField(_("checksum"), max_length=64, unique=True)
    data = models.JSONField(_("program data"))
    is_current = models.BooleanField(_("current"), default=False, db_index=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("program version")
        verbose_name_plural = _("program versions")
        ordering = ["-loaded_at", "-id"]

    def __str__(self):
        return self.key


class CurriculumNode(models.Model):
    """A node of a subject × grade tree: strand (mạch), topic (chủ đề) or outcome (yêu cầu cần đạt)."""

    class Kind(models.TextChoices):
        STRAND = "strand", _("strand")
        TOPIC = "topic", _("topic")
        OUTCOME = "outcome", _("learning outcome")

    code = models.CharField(_("code"), max_length=64, unique=True)
    subject_code = models.CharField(_("subject"), max_length=20)
    grade = models.PositiveSmallIntegerField(_("grade"))
    parent = models.ForeignKey("self", models.CASCADE, null=True, blank=True, related_name="children")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.TextField(_("title"))
    # Lower-case, without diacritics: "phan so" finds "Phân số".
    search_text = models.TextField(_("search text"))
    periods = models.PositiveSmallIntegerField(_("periods"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        verbose_name = _("curriculum node")
        verbose_name_plural = _("curriculum nodes")
        ordering = ["subject_code", "grade", "position"]
        indexes = [models.Index(fields=["subject_code", "grade", "position"], name="vn_curriculum_node_sg")]

    def __str__(self):
        return f"{self.code} {self.title}"


class CourseLink(models.Model):
    """Which school, school year, grade, subject and classes a course run serves."""

    course_key = CourseKeyField(_("course run"), max_length=255, unique=True)
    school_code = models.CharField(_("school code"), max_length=32)
    school_year = models.CharField(_("school year"), max_length=9, help_text=_("e.g. 2025-2026"))
    grade = models.PositiveSmallIntegerField(_("grade"))
    subject_code = models.CharField(_("subject"), max_length=20)
    class_names = models.JSONField(_("classes"), default=list)
    version = models.ForeignKey(ProgramVersion, models.PROTECT, verbose_name=_("program version"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("course link")
        verbose_name_plural = _("course links")

    def __str__(self):
        return f"{self.course_key} → {self.school_code} {self.school_year} {', '.join(self.class_names)}"
