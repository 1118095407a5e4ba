"""The online-lesson block with the real teaching, curriculum and schools APIs on the test database: the
sessions it records for the linked classes, attendance once per student, the teacher's panel.

The workbench user is a username of the host: "giaovien_toan" is the course's teacher (staff), "hocsinh_N"
students. Messages are checked in English; the Vietnamese catalog is the lead's.
"""

import json
from datetime import datetime

import pytest
import webob
from django.contrib.auth import get_user_model
from django.utils import translation
from lxml import html as lxml_html

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api as teaching_api
from openedx_vn_xblocks.online_lesson import sessions
from openedx_vn_xblocks.online_lesson.schedule import VIETNAM
from tests.xblocks.online_lesson.blocks import SCHOOL, WORKBENCH_COURSE, as_user, lesson

pytestmark = pytest.mark.django_db

LIVE = (
    'display_name="Ôn tập phân số" lesson_date="16/03/2026" start_time="07:30" duration="45" periods="1" '
    'mode="live" form="replacing" meeting_link="https://meet.google.com/abc-defg-hij"'
)
SELF_PACED = 'display_name="Tự học" lesson_date="18/03/2026" mode="self_paced" periods="2"'


def call(block, handler, payload=None):
    body = json.dumps(payload if payload is not None else {}).encode()
    with translation.override("en"):
        response = block.runtime.handle(block, handler, webob.Request.blank("/", method="POST", body=body))
    return response.status_code, json.loads(response.body)


def save(block, values=None):
    """The teacher presses Save in Studio's editor."""
    return call(block, "submit_studio_edits", {"values": values or {}, "defaults": []})


def block_sessions(block, viewer):
    found = teaching_api.list_sessions(viewer, subject_code="TOAN")
    return sorted((s for s in found if s.usage_key == block.usage_key), key=lambda s: s.class_name)


@pytest.fixture
def recorded(linked, people):
    """A live lesson of the linked course, saved by its teacher: sessions of 6A1 and 6A2."""
    block = lesson(LIVE, user="giaovien_toan")
    status, body = save(block)
    assert (status, body["sessions"]) == (200, 2), body
    return block


# ------------------------------------------------------------------------------------ sessions on save
def test_saving_records_a_session_for_each_linked_class(recorded, linked, people):
    found = block_sessions(recorded, people.teacher)
    assert [s.class_id for s in found] == linked.ids
    for session in found:
        assert (session.subject_code, session.periods, session.mode, session.form) == (
            "TOAN",
            1,
            "live",
            "replacing",
        )
        assert session.starts_at == datetime(2026, 3, 16, 7, 30, tzinfo=VIETNAM)
        assert (session.source, session.status, session.counted) == ("block", "recorded", False)
        assert (session.teacher_user_id, session.course_key) == (people.teacher.id, WORKBENCH_COURSE)
        assert session.evidence.url == "https://meet.google.com/abc-defg-hij"
        assert session.evidence.attendance == 0


def test_saving_again_updates_the_sessions_instead_of_adding(recorded, people):
    status, body = save(recorded, {"periods": 2, "start_time": "09:00", "subject_code": "TOAN"})
    assert (status, body["sessions"]) == (200, 2)
    found = block_sessions(recorded, people.teacher)
    assert [(s.periods, s.starts_at.astimezone(VIETNAM).hour) for s in found] == [(2, 9), (2, 9)]


def test_the_message_says_how_many_classes(recorded):
    assert save(recorded)[1]["message"] == "The session is recorded for 2 classes."


def test_a_course_without_link_records_nothing_and_says_why(school, people):
    block = lesson(LIVE, user="giaovien_toan")
    status, body = save(block)
    assert status == 200 and body["sessions"] == 0
    assert body["message"].startswith("Link this course to a school and classes first")
    assert teaching_api.list_sessions(people.teacher) == []


def test_an_unknown_author_records_nothing(linked):
    status, body = save(lesson(LIVE, user="nobody_here"))
    assert (status, body["sessions"]) == (200, 0) and "sign in" in body["message"]


def test_a_date_outside_the_school_year_is_reported_not_recorded(linked, people):
    status, body = save(lesson(LIVE.replace("16/03/2026", "16/07/2026"), user="giaovien_toan"))
    assert (status, body["sessions"]) == (200, 0)
    assert body["message"].startswith("The session was not recorded:") and "16/07/2026" in body["message"]


def test_studio_editor_saved_hook_records_with_the_django_user(linked, people):
    block = lesson(SELF_PACED)
    block.editor_saved(people.teacher, {}, {})
    found = block_sessions(block, people.teacher)
    assert [(s.class_name, s.mode, s.periods, s.starts_at) for s in found] == [
        ("6A1", "self_paced", 2, datetime(2026, 3, 18, 0, 0, tzinfo=VIETNAM)),
        ("6A2", "self_paced", 2, datetime(2026, 3, 18, 0, 0, tzinfo=VIETNAM)),
    ]


def test_course_staff_can_record_from_the_lms_students_cannot(linked, people):
    block = lesson(LIVE, user="hocsinh_1")
    assert call(block, "record_session")[0] == 403
    assert call(as_user(block, "giaovien_toan"), "record_session") == (
        200,
        {"sessions": 2, "message": "The session is recorded for 2 classes."},
    )


# ------------------------------------------------------------------------------------------- attendance
def test_attendance_is_recorded_once_per_student(recorded, linked, people):
    student = as_user(recorded, "hocsinh_1")
    first = call(student, "attend", {"class_id": linked.ids[0]})
    assert first == (200, {"recorded": True, "message": "Your attendance is recorded."})
    assert call(as_user(recorded, "hocsinh_1"), "attend", {"class_id": linked.ids[0]})[1]["recorded"] is True
    again = as_user(recorded, "hocsinh_1")
    again.attended = False  # the block's own memory lost: teaching.api still counts the student once
    assert call(again, "attend", {"class_id": linked.ids[0]})[1]["recorded"] is True
    six_a1, six_a2 = block_sessions(recorded, people.teacher)
    assert (six_a1.evidence.attendance, six_a1.counted) == (1, True)  # policy: one visit is enough (share 0)
    assert (six_a2.evidence.attendance, six_a2.counted) == (0, False)


def test_each_student_counts_in_their_class(recorded, linked, people):
    for name, class_id in (("hocsinh_1", 0), ("hocsinh_2", 0), ("hocsinh_3", 1)):
        assert call(as_user(recorded, name), "attend", {"class_id": linked.ids[class_id]})[1]["recorded"]
    assert [s.evidence.attendance for s in block_sessions(recorded, people.teacher)] == [2, 1]


def test_a_student_of_several_linked_classes_says_which_once(recorded, linked, people):
    student = as_user(recorded, "hocsinh_4")
    with translation.override("en"):
        chooser = lxml_html.fromstring(student.render("student_view").content).find_class("vn-online-class")
    assert [o.text for o in chooser[0].iter("option")] == ["Choose your class", "6A1", "6A2"]
    assert call(student, "attend") == (
        200,
        {"recorded": False, "choose_class": True, "message": "Choose your class first."},
    )
    other = linked.classes["6A3"].id  # of the school, not of this course
    assert call(student, "attend", {"class_id": other})[1]["choose_class"] is True
    assert call(student, "attend", {"class_id": linked.ids[1]})[1]["recorded"] is True
    # The next lesson of the course knows the class already.
    next_lesson = lesson(SELF_PACED, user="giaovien_toan")
    assert save(next_lesson)[1]["sessions"] == 2
    student_next = as_user(next_lesson, "hocsinh_4")
    assert "vn-online-class" not in student_next.render("student_view").content
    assert call(student_next, "attend")[1]["recorded"] is True
    assert [s.evidence.attendance for s in block_sessions(next_lesson, people.teacher)] == [0, 1]


def test_a_course_of_one_class_asks_nothing(school, people):
    curriculum_api.link_course(WORKBENCH_COURSE, SCHOOL, "2025-2026", 6, "TOAN", ["6A3"])
    block = lesson(SELF_PACED, user="giaovien_toan")
    assert save(block)[1]["sessions"] == 1
    student = as_user(block, "hocsinh_1")
    assert "vn-online-class" not in student.render("student_view").content
    assert call(student, "attend")[1]["recorded"] is True
    assert [s.evidence.attendance for s in block_sessions(block, people.teacher)] == [1]


def test_teachers_and_unknown_visitors_are_not_counted(recorded, linked, people):
    assert call(as_user(recorded, "giaovien_toan"), "attend", {"class_id": linked.ids[0]}) == (
        200,
        {"recorded": False, "message": ""},
    )
    assert call(as_user(recorded, "student_1"), "attend", {"class_id": linked.ids[0]}) == (
        200,
        {"recorded": False, "message": "Sign in so that your attendance is recorded."},
    )
    assert [s.evidence.attendance for s in block_sessions(recorded, people.teacher)] == [0, 0]


def test_attendance_before_the_session_is_recorded_is_refused_and_kept_open(linked, people):
    block = lesson(LIVE, user="hocsinh_1")
    assert call(block, "attend", {"class_id": linked.ids[0]}) == (
        200,
        {"recorded": False, "message": "Attendance is not open yet: tell your teacher."},
    )
    assert block.attended is False
    assert save(as_user(block, "giaovien_toan"))[1]["sessions"] == 2
    assert call(as_user(block, "hocsinh_1"), "attend", {"class_id": linked.ids[0]})[1]["recorded"] is True


def test_the_attended_state_is_shown_after_a_reload(recorded, linked, people):
    call(as_user(recorded, "hocsinh_1"), "attend", {"class_id": linked.ids[0]})
    with translation.override("en"):
        page = lxml_html.fromstring(as_user(recorded, "hocsinh_1").render("student_view").content)
    assert page.find_class("vn-online-status")[0].text_content() == "Your attendance is recorded."
    assert page.find_class("vn-online-lesson")[0].get("data-attended") == "true"
    assert not page.find_class("vn-online-class")


# -------------------------------------------------------------------------------------- teacher's panel
def test_the_teacher_sees_each_classs_attendance_so_far(recorded, linked, people):
    call(as_user(recorded, "hocsinh_1"), "attend", {"class_id": linked.ids[0]})
    with translation.override("en"):
        page = lxml_html.fromstring(as_user(recorded, "giaovien_toan").render("student_view").content)
    rows = [
        [cell.text_content().strip() for cell in row.iter("td")]
        for row in page.find_class("vn-online-attendance")[0].iter("tr")
        if row.get("data-class")
    ]
    assert rows == [["6A1", "1 / 4", "Yes"], ["6A2", "0 / 3", "Not yet"]]
    assert "Replacing in-person teaching" in page.find_class("vn-online-teacher")[0].text_content()


def test_students_never_get_the_teacher_panel(recorded):
    content = as_user(recorded, "hocsinh_1").render("student_view").content
    assert "vn-online-teacher" not in content and "/ 4" not in content and "record_session" not in content


def test_attendance_figures_follow_the_viewers_scope(recorded, linked):
    """A teacher of the school sees the figures; a user without a role at the school sees none."""
    users = get_user_model().objects
    teacher = users.create_user("gv_truong")
    schools_api.grant_role(teacher.id, "teacher", SCHOOL)
    outsider = users.create_user("gv_truong_khac")
    # The teacher's assignment: through the school's own import, as the schools app keeps them.
    assignments = "school_code,year,class,subject,teacher\n" + "".join(
        f"{SCHOOL},2025-2026,{name},TOAN,gv_truong\n" for name in ("6A1", "6A2")
    )
    schools_api.import_organisation([("assignments.csv", assignments.encode())], schools_api.SYSTEM_SCOPE)
    rows = sessions.attendance_by_class(recorded, teacher)
    assert [(r["name"], r["present"], r["recorded"]) for r in rows] == [("6A1", 0, True), ("6A2", 0, True)]
    with pytest.raises(sessions.NotRecorded) as refused:
        sessions.attendance_by_class(recorded, outsider)
    assert refused.value.values == {"school": SCHOOL}
