"""The only module that imports edx-platform internals.

Each function imports lazily and falls back to something sensible when the platform is absent
(the dev host, the tests), so everything else stays importable and testable without it.
"""

import logging

from django.conf import settings

log = logging.getLogger(__name__)


def get_course_title(course_key):
    """Return the course's display name from the LMS course overview, or None when unknown.

    Outside the LMS (dev host, tests) there are no course overviews: returns None.
    """
    try:
        from openedx.core.djangoapps.content.course_overviews.models import CourseOverview  # noqa: PLC0415
    except ImportError:
        return None
    try:
        return CourseOverview.get_from_id(course_key).display_name
    except CourseOverview.DoesNotExist:
        return None


def user_can_author_course(user, course_key):
    """True when ``user`` may edit the course in Studio (course staff/instructor, or global staff).

    Outside the platform only global staff can.
    """
    from openedx_vn.core.permissions import is_platform_staff  # noqa: PLC0415

    if is_platform_staff(user):
        return True
    try:
        from common.djangoapps.student.auth import has_studio_write_access  # noqa: PLC0415
    except ImportError:
        return False
    return bool(user and user.is_authenticated and has_studio_write_access(user, course_key))


def get_platform_url():
    """Return the LMS root URL the pages link back to ("/" on the dev host)."""
    from openedx_vn.core.conf import vn_setting  # noqa: PLC0415

    return vn_setting("PLATFORM_URL") or getattr(settings, "LMS_ROOT_URL", None) or "/"


# Course roles that make a user a teacher of the course (CourseStaffRole, CourseInstructorRole).
TEACHING_COURSE_ROLES = ("staff", "instructor")


def courses_user_teaches(user):
    """Course keys (text) where ``user`` is course staff or instructor, from the platform's course access
    roles. Outside the platform (dev host, tests) nobody has course roles: an empty set."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    try:
        from common.djangoapps.student.models import CourseAccessRole  # noqa: PLC0415
    except ImportError:
        return frozenset()
    rows = CourseAccessRole.objects.filter(user=user, role__in=TEACHING_COURSE_ROLES)
    return frozenset(str(key) for key in rows.values_list("course_id", flat=True) if key)
