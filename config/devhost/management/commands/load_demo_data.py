"""Load the demo data of the development host. Idempotent: a second run changes nothing."""

from datetime import UTC, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import CourseData, CourseEnrollmentData, UserData, UserPersonalData
from openedx_events.learning.signals import COURSE_ENROLLMENT_CREATED

from devhost import demo_assessment, demo_practice, demo_share, demo_year
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api as qbank_api
from openedx_vn.schools import api as schools_api

DEMO_COURSE = "course-v1:QuangNinh+TOAN6+2025_2026"
DEMO_SCHOOL = "22000101"  # a made-up MOET-style school code
# (username, given+family name as written in Vietnamese, staff?)
DEMO_USERS = [
    ("admin", "Quản", "Trị Viên", True),
    ("giaovien", "Lan", "Nguyễn Thị", False),  # a teacher by her assignments (ADR 0012), not staff
    ("hocsinh1", "An", "Trần Văn", False),
    ("hocsinh2", "Bình", "Lê Thị", False),
    ("hieutruong", "Hùng", "Phạm Văn", False),  # school leader of DEMO_SCHOOL
    ("canboxa", "Mai", "Đỗ Thị", False),  # officer of the demo commune
    ("canbotinh", "Quang", "Vũ Minh", False),  # officer of the province
]
DEMO_PROVINCE = "22"  # Quảng Ninh
DEMO_COMMUNE = "06688"  # Phường Hạ Long (NQ 1679/NQ-UBTVQH15)
# Made-up schools of the demo commune: a primary and a lower-secondary school report to the commune, the THPT
# to the province (NĐ 142/2025/NĐ-CP).
DEMO_ORGANISATION = [
    (
        "schools.csv",
        "moet_code,name,levels,commune_code\n"
        f"22000100,Trường Tiểu học Hạ Long (demo),TH,{DEMO_COMMUNE}\n"
        f"{DEMO_SCHOOL},Trường THCS Hạ Long (demo),THCS,{DEMO_COMMUNE}\n"
        f"22000300,Trường THPT Hạ Long (demo),THPT,{DEMO_COMMUNE}\n",
    ),
    (
        "classes.csv",
        "school_code,year,grade,name,size\n"
        "22000100,2025-2026,1,1A1,32\n22000100,2025-2026,5,5A1,35\n"
        f"{DEMO_SCHOOL},2025-2026,6,6A1,40\n{DEMO_SCHOOL},2025-2026,6,6A2,38\n{DEMO_SCHOOL},2025-2026,9,9A1,41\n"
        "22000300,2025-2026,10,10A1,44\n22000300,2025-2026,12,12A1,42\n",
    ),
    (
        "assignments.csv",
        "school_code,year,class,subject,teacher\n"
        f"{DEMO_SCHOOL},2025-2026,6A1,TOAN,giaovien\n{DEMO_SCHOOL},2025-2026,6A2,TOAN,giaovien\n"
        f"{DEMO_SCHOOL},2025-2026,9A1,TOAN,giaovien\n",
    ),
]
# giaovien's bank: 20 Toán 6 questions of every type, with subject, grade, outcomes and level.
DEMO_BANK = ("Toán 6 – cô Lan (demo)", Path(__file__).resolve().parents[2] / "demo" / "ngan-hang-toan-6.xlsx")
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
            elif (user.is_staff, user.is_superuser) != (is_staff, username == "admin"):
                # Exactly their role, also in a database an older demo made (giaovien was staff then).
                user.is_staff, user.is_superuser = is_staff, username == "admin"
                user.save(update_fields=["is_staff", "is_superuser"])
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
        curriculum_api.link_course(
            DEMO_COURSE, DEMO_SCHOOL, demo_year.current().name, 6, "TOAN", ["6A1", "6A2"]
        )
        self._organisation()
        demo_share.load()  # plans and a term of online sessions of the demo commune
        self._question_bank(User.objects.get(username="giaovien").id)
        demo_assessment.load()  # giaovien's Toán 10 bank, blueprint and test (the vn_timed_test scenario)
        # A shared school bank for the vn_practice scenario (enough questions to reach mastery).
        demo_practice.load(User.objects.get(username="giaovien").id, DEMO_SCHOOL)
        self.stdout.write(
            f"Demo data ready: {created_users} new user(s). "
            "Log in as admin/admin, giaovien/giaovien or hocsinh1/hocsinh1; "
            "hieutruong, canboxa, canbotinh (password = username) see the demo schools."
        )

    def _question_bank(self, teacher_id):
        """giaovien's bank, filled from the shipped sample by the import pipeline (again: all duplicates)."""
        name, sample = DEMO_BANK
        bank = next((b for b in qbank_api.list_banks(owner_id=teacher_id) if b.name == name), None)
        bank = bank or qbank_api.create_bank(name, owner_id=teacher_id)
        qbank_api.import_questions(sample.read_bytes(), sample.name, bank.uuid, user_id=teacher_id)

    def _organisation(self):
        """Quảng Ninh's units, the current school year (``demo_year``: the one under way today, with
        2025-2026's dates from QĐ 2269/QĐ-BGDĐT moved by whole weeks), the demo commune's schools, classes
        and roles."""
        schools_api.load_units([DEMO_PROVINCE])
        year = demo_year.current()
        schools_api.set_school_year(
            year.name, year.starts_on, year.ends_on, year.weeks, year.semester2_starts_on
        )
        files = [(name, text.replace("2025-2026", year.name).encode()) for name, text in DEMO_ORGANISATION]
        schools_api.import_organisation(files, schools_api.SYSTEM_SCOPE)
        users = dict(
            get_user_model()
            .objects.filter(username__in=["hieutruong", "canboxa", "canbotinh"])
            .values_list("username", "id")
        )
        schools_api.grant_role(users["hieutruong"], "school_leader", DEMO_SCHOOL)
        schools_api.grant_role(users["canboxa"], "commune_officer", DEMO_COMMUNE)
        schools_api.grant_role(users["canbotinh"], "province_officer", DEMO_PROVINCE)
