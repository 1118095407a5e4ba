"""Who is a teacher (ADR 0012): the one decision every teacher tool asks through ``api.is_teacher``."""

from contextlib import suppress

from openedx_vn.schools.models import TeachingAssignment


def is_teacher(scope, user=None):
    """True for operators and staff, a user with the teacher role at a school (an explicit grant, or one an
    import gave with their assignments), a teaching assignment in any year, or course staff/instructor of a
    course linked to a school (needs ``user``: the platform's course roles are per user object)."""
    if scope.user_id is None:
        return False
    if scope.everything or scope.taught_school_codes:
        return True
    if TeachingAssignment.objects.filter(teacher_user_id=scope.user_id).exists():
        return True
    return user is not None and teaches_a_linked_course(user)


def teaches_a_linked_course(user):
    """True when ``user`` is staff or instructor of a course run linked to a school (curriculum link)."""
    from openedx_vn.core import compat  # noqa: PLC0415
    from openedx_vn.curriculum import api as curriculum_api  # noqa: PLC0415

    for course_key in compat.courses_user_teaches(user):
        with suppress(curriculum_api.InvalidCourseLink):
            if curriculum_api.get_course_link(course_key) is not None:
                return True
    return False
