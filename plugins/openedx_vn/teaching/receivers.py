"""openedx-events receivers, connected through the app's ``plugin_app`` signals config."""

from openedx_vn.teaching import api
from openedx_vn.teaching.data import EnrollmentChange


def _change(enrollment, metadata, is_active=None):
    return EnrollmentChange(
        user_id=enrollment.user.id,
        username=enrollment.user.pii.username if enrollment.user.pii else "",
        course_key=str(enrollment.course.course_key),
        mode=enrollment.mode,
        is_active=enrollment.is_active if is_active is None else is_active,
        at=enrollment.creation_date or metadata.time,
    )


def on_enrollment_created(signal, sender, enrollment, metadata, **kwargs):
    """org.openedx.learning.course.enrollment.created.v1"""
    api.record_enrollment(_change(enrollment, metadata))


def on_enrollment_changed(signal, sender, enrollment, metadata, **kwargs):
    """org.openedx.learning.course.enrollment.changed.v1 (mode or active flag changed)"""
    api.record_enrollment(_change(enrollment, metadata))


def on_unenrollment_completed(signal, sender, enrollment, metadata, **kwargs):
    """org.openedx.learning.course.unenrollment.completed.v1"""
    api.record_enrollment(_change(enrollment, metadata, is_active=False))
