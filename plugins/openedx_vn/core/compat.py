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


def anonymous_user_id(user, course_key):
    """The student's anonymous id for the course, as the LMS gives it to scoring (``anonymous_id_for_user``).

    Outside the platform (dev host, tests) there are no anonymous ids: the user id as text.
    """
    try:
        from common.djangoapps.student.models import anonymous_id_for_user  # noqa: PLC0415
        from opaque_keys.edx.keys import CourseKey  # noqa: PLC0415
    except ImportError:
        return str(user.pk)
    return anonymous_id_for_user(user, CourseKey.from_string(str(course_key)))


def set_submission_score(student_item, answer, points_earned, points_possible, submission_uuid=""):
    """Give the LMS gradebook a score through edx-submissions, as ORA2 does: a submission for the student
    item (made once, ``create_submission``), then ``set_score``, whose ``score_set`` signal the LMS grades
    app turns into the block's grade (taken as already weighted). Whole points only (the table's columns).

    ``student_item``: {"student_id" (anonymous id), "course_id", "item_id" (usage key), "item_type"}.
    Returns the submission's uuid, or "" when edx-submissions is not installed (nothing is sent).
    """
    try:
        from submissions import api as submissions_api  # noqa: PLC0415
    except ImportError:
        log.warning("edx-submissions is not installed: the score of %s is not sent", student_item)
        return ""
    if not submission_uuid:
        submission_uuid = submissions_api.create_submission(student_item, answer)["uuid"]
    submissions_api.set_score(submission_uuid, int(points_earned), int(points_possible))
    return str(submission_uuid)
