"""openedx-events payloads the way the LMS sends them, for the training receivers."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import (
    CertificateData,
    CourseData,
    CoursePassingStatusData,
    UserData,
    UserPersonalData,
)

TRAINING = "course-v1:SoGDQN+KNS01+2025"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def when(year, month, day):
    """9:00 Vietnam time that day, in UTC as openedx-events requires."""
    return datetime(year, month, day, 9, 0, tzinfo=VN).astimezone(UTC)


def _user(user):
    return UserData(
        id=user.pk,
        is_active=True,
        pii=UserPersonalData(username=user.username, email=user.email, name=user.username),
    )


def passing(user, is_passing=True, course=TRAINING):
    return CoursePassingStatusData(
        is_passing=is_passing, course=CourseData(course_key=CourseKey.from_string(course)), user=_user(user)
    )


def certificate(user, status="downloadable", course=TRAINING):
    return CertificateData(
        user=_user(user),
        course=CourseData(course_key=CourseKey.from_string(course)),
        mode="honor",
        grade="0.9",
        download_url="",
        name=user.username,
        current_status=status,
    )
