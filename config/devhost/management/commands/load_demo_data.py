"""Load the demo data of the development host. Idempotent: a second run changes nothing."""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import CourseData, CourseEnrollmentData, UserData, UserPersonalData
from openedx_events.learning.signals import COURSE_ENROLLMENT_CREATED

from openedx_vn.curriculum import api as curriculum_api

DEMO_COURSE = "course-v1:QuangNinh+TOAN6+2025_2026"
DEMO_SCHOOL = "22000101"  # a made-up MOET-style school code
# (username, given+family name as written in Vietnamese, staff?)
DEMO_USERS = [
    ("admin", "Quản", "Trị Viên", True),
    ("giaovien", "Lan", "Nguyễn Thị", True),
    ("hocsinh1", "An", "Trần Văn", False),
    ("hocsinh2", "Bình", "Lê Thị", False),
]
DEMO_PASSWORD = "admin"  # noqa: S105 - printed for the developer; the dev host only


class Command(BaseCommand):
    help = "Create the demo users and enrolments of the development host (idempotent)."

    def handle(self, *args, **options):
        User = get_user_model()
        created_users = 0
        for username, first_name, last_name, is_staff in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "email": f"{username}@example.invalid",
                    "is_staff": is_staff,
                    "is_superuser": username == "admin",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD if username == "admin" else username)
                user.save(update_fields=["password"])
                created_users += 1
        # Enrolments arrive the way the LMS sends them: as openedx-events, handled by our receivers.
        course = CourseData(course_key=CourseKey.from_string(DEMO_COURSE), display_name="Toán 6")
        for user in User.objects.filter(username__startswith="hocsinh").order_by("id"):
            COURSE_ENROLLMENT_CREATED.send_event(
                enrollment=CourseEnrollmentData(
                    user=UserData(
                        id=user.id,
                        is_active=True,
                        pii=UserPersonalData(
                            username=user.username, email=user.email, name=user.get_full_name()
                        ),
                    ),
                    course=course,
                    mode="audit",
                    is_active=True,
                    creation_date=user.date_joined or datetime.now(UTC),
                )
            )
        # The demo course serves two grade-6 classes of a demo school (needs the curriculum loaded).
        curriculum_api.link_course(DEMO_COURSE, DEMO_SCHOOL, "2025-2026", 6, "TOAN", ["6A1", "6A2"])
        self.stdout.write(
            f"Demo data ready: {created_users} new user(s). "
            "Log in as admin/admin, giaovien/giaovien or hocsinh1/hocsinh1."
        )
