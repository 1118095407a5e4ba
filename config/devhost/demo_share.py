"""Demo data of the online-teaching share: the year's plans of the demo commune's classes and a term of online
sessions (semester I of the current school year, ``demo_year``: the dates below are 2025-2026's, moved to
it), through ``teaching.api`` as people would make them.

In THCS Hạ Long (22000101, target: more than 10%): 6A1 has met it, 6A2 is far below 5% (red) with a session
waiting for hieutruong's approval, 9A1 has a rejected and a draft session. Lesson-block sessions (with their
students' visits) give the primary and THPT schools some figures for the officers. Idempotent.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from devhost import demo_year
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api as teaching_api

SCHOOL = "22000101"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLANS = {  # school → (class names, subjects); periods: the curriculum's yearly periods
    "22000100": (("1A1", "5A1"), ("TOAN", "TIENGVIET")),
    SCHOOL: (("6A1", "6A2", "9A1"), ("TOAN", "NGUVAN")),
    "22000300": (("10A1", "12A1"), ("TOAN", "NGUVAN")),
}
# (class, first Monday, how many weeks, periods each, what becomes of them)
MANUAL = [
    ("6A1", date(2025, 9, 8), 7, 2, "approved"),  # 14 periods + 2 from the lesson block: 11,4 %
    ("6A2", date(2025, 9, 15), 2, 2, "approved"),  # 4 of 140 periods: 2,9 %
    ("6A2", date(2025, 12, 8), 1, 4, "submitted"),  # approving it: 8 of 140, 5,7 %
    ("9A1", date(2025, 9, 9), 6, 2, "approved"),
    ("9A1", date(2025, 11, 25), 1, 2, "rejected"),
    ("9A1", date(2025, 12, 16), 1, 1, "draft"),
]
# (usage key suffix, course, school, classes, subject, day, periods, visitors' usernames by class)
BLOCKS = [
    ("toan6-bai-1", "TOAN6", SCHOOL, ("6A1", "6A2"), "TOAN", date(2025, 10, 15), 2, {"6A1": ["hocsinh1"]}),
    (
        "toan1-bai-1",
        "TOAN1",
        "22000100",
        ("1A1",),
        "TOAN",
        date(2025, 10, 7),
        1,
        {"1A1": ["hocsinh1", "hocsinh2"]},
    ),
    ("toan1-bai-2", "TOAN1", "22000100", ("1A1",), "TOAN", date(2025, 11, 4), 2, {"1A1": ["hocsinh2"]}),
    ("toan10-bai-1", "TOAN10", "22000300", ("10A1",), "TOAN", date(2025, 10, 9), 2, {"10A1": ["hocsinh1"]}),
]


def _users(*names):
    return {user.username: user for user in get_user_model().objects.filter(username__in=names)}


def _classes(school_code):
    return {info.name: info.id for info in schools_api.list_classes(school_code, demo_year.current().name)}


def load():
    """Plans, sessions and visits of the demo commune; a second run changes nothing."""
    year = demo_year.current()
    for school_code, (names, subjects) in PLANS.items():
        classes = _classes(school_code)
        for name in names:
            for subject in subjects:
                teaching_api.set_plan(classes[name], subject, year.name)
    users = _users("giaovien", "hieutruong", "hocsinh1", "hocsinh2")
    for suffix, course, school_code, names, subject, day, periods, visitors in BLOCKS:
        classes = _classes(school_code)
        day = year.shift(day)
        usage_key = f"block-v1:QuangNinh+{course}+{year.course_run}+type@vn_online_lesson+block@{suffix}"
        teaching_api.record_block_session(
            usage_key,
            f"course-v1:QuangNinh+{course}+{year.course_run}",
            [classes[name] for name in names],
            subject,
            users["giaovien"].id,
            datetime(day.year, day.month, day.day, 14, 0, tzinfo=VN),
            periods,
            "live",
            "supporting",
        )
        for name, usernames in visitors.items():
            for username in usernames:
                teaching_api.record_attendance(usage_key, users[username].id, classes[name])
    if not teaching_api.list_sessions(
        schools_api.SYSTEM_SCOPE, school_code=SCHOOL, status="approved", limit=1
    ):
        _manual(users["giaovien"], users["hieutruong"])


def _manual(teacher, leader):
    classes = _classes(SCHOOL)
    year = demo_year.current()
    for name, monday, weeks, periods, outcome in MANUAL:
        for week in range(weeks):
            day = year.shift(monday) + timedelta(weeks=week)
            session = teaching_api.create_session(
                teacher,
                class_id=classes[name],
                subject_code="TOAN",
                starts_at=datetime(day.year, day.month, day.day, 7, 30, tzinfo=VN),
                periods=periods,
                url="https://meet.example.invalid/toan-" + name.lower(),
                attendance=35,
            )
            if outcome == "draft":
                continue
            teaching_api.submit_session(teacher, session.id)
            if outcome == "approved":
                teaching_api.approve_session(leader, session.id)
            elif outcome == "rejected":
                teaching_api.reject_session(
                    leader, session.id, "Thiếu bản ghi buổi học: bổ sung rồi gửi lại."
                )
