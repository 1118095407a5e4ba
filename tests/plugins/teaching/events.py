"""Build openedx-events enrolment payloads the way the LMS sends them."""

from datetime import UTC, datetime

from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import CourseData, CourseEnrollmentData, UserData, UserPersonalData

COURSE = "course-v1:QuangNinh+TOAN6+2025_2026"


def enrollment(user_id=7, username="hocsinh7", course=COURSE, mode="audit", is_active=True):
    return CourseEnrollmentData(
        user=UserData(
            id=user_id,
            is_active=True,
            pii=UserPersonalData(username=username, email=f"{username}@example.invalid", name="Trần Văn An"),
        ),
        course=CourseData(course_key=CourseKey.from_string(course)),
        mode=mode,
        is_active=is_active,
        creation_date=datetime(2025, 9, 5, 7, 0, tzinfo=UTC),
    )
