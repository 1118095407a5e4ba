"""openedx-events receivers (connected through the app's ``plugin_app`` signals config).

The platform has no course-completion event: a passing grade (``COURSE_PASSING_STATUS_UPDATED`` with
``is_passing``) or an issued certificate (``CERTIFICATE_CREATED``) is what says a teacher finished a course.
"""

from openedx_vn.reporting import api

# A certificate in any other state (unavailable, notpassing, ...) does not say the course was passed.
ISSUED = {"downloadable", ""}


def on_passing_status_updated(signal, sender, course_passing_status, metadata, **kwargs):
    """org.openedx.learning.course.passing.status.updated.v1"""
    if course_passing_status.is_passing:
        api.record_completion(
            course_passing_status.user.id, course_passing_status.course.course_key, metadata.time, "passing"
        )


def on_certificate_created(signal, sender, certificate, metadata, **kwargs):
    """org.openedx.learning.certificate.created.v1"""
    if certificate.current_status in ISSUED:
        user_id, course_key = certificate.user.id, certificate.course.course_key
        api.record_completion(user_id, course_key, metadata.time, "certificate")
