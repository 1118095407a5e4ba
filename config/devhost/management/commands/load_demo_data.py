"""Load the demo data of the development host. Idempotent: a second run changes nothing."""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import CourseData, CourseEnrollmentData, UserData, UserPersonalData
from openedx_events.learning.signals import COURSE_ENROLLMENT_CREATED

DEMO_COURSE = "course-v1:QuangNinh+TOAN6+2025_2026"
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
        self.stdout.write(
            f"Demo data ready: {created_users} new user(s). "
            "Log in as admin/admin, giaovien/giaovien or hocsinh1/hocsinh1."
        )
