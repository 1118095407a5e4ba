"""Models of the teaching app. Private: other apps go through ``api``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from opaque_keys.edx.django.models import CourseKeyField


class EnrollmentRecord(models.Model):
    """A learner's enrolment in a course run, kept from the platform's enrolment events.

    Attendance rates of online lessons are computed against it, without reading platform tables.
    """

    user_id = models.IntegerField(_("platform user id"), db_index=True)
    username = models.CharField(_("username"), max_length=150)
    course_key = CourseKeyField(_("course run"), max_length=255, db_index=True)
    mode = models.CharField(_("mode"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)
    enrolled_at = models.DateTimeField(_("enrolled at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("enrolment record")
        verbose_name_plural = _("enrolment records")
        constraints = [
            models.UniqueConstraint(
                fields=["user_id", "course_key"], name="vn_teaching_enrollment_user_course"
            )
        ]

    def __str__(self):
        return f"{self.username} @ {self.course_key}"
