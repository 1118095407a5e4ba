"""A teacher records an online lesson and students join it, in the workbench, in a real browser.

The pages are Vietnamese (Accept-Language: vi); the texts below come from the block's Vietnamese catalog.
The meeting service is not reached: the browser's requests to it are answered locally.
"""

import pytest

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.teaching import api as teaching_api
from tests.xblocks.online_lesson.blocks import link_workbench_course, make_school, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIVE, SELF_PACED = "/workbench/scenario/vn_online_lesson.0/", "/workbench/scenario/vn_online_lesson.1/"
MEETING = "https://meet.google.com/abc-defg-hij"
TEXT = {
    "join": "Vào lớp học",
    "recorded": "Đã ghi nhận điểm danh.",
    "your_class": "Lớp của em",
    "choose_first": "Em hãy chọn lớp của mình trước.",
    "record": "Ghi nhận buổi học cho các lớp được liên kết",
    "recorded_for_2": "Đã ghi nhận buổi học cho 2 lớp.",
    "recorded_for_1": "Đã ghi nhận buổi học cho 1 lớp.",
}


@pytest.fixture(autouse=True)
def workbench_scenarios():
    """Store the scenario content again: transactional tests empty the workbench's tables after each test."""
    from workbench.scenarios import init_scenarios

    init_scenarios()


@pytest.fixture
def school():
    curriculum_api.load_program()
    classes = make_school()
    teacher = make_user("giaovien_toan", is_staff=True)
    for name in ("hocsinh_an", "hocsinh_binh", "hocsinh_chi"):
        make_user(name)
    return classes, teacher


@pytest.fixture
def meeting(page):
    """Answer the meeting link locally; yields the URLs the browser opened."""
    opened = []

    def answer(route):
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Google Meet</title>")

    page.context.route("https://meet.google.com/**", answer)
    return opened


def attendance(teacher, subject="TOAN"):
    """{class name: students present} of the workbench lessons' sessions."""
    return {
        s.class_name: s.evidence.attendance for s in teaching_api.list_sessions(teacher, subject_code=subject)
    }


def test_teacher_records_the_lesson_then_a_student_joins_once(live_server, page, meeting, school):
    classes, teacher = school
    link_workbench_course(["6A1", "6A2"])

    # The teacher (course staff) records the session for the course's classes from the lesson's page.
    page.goto(f"{live_server.url}{LIVE}?student=giaovien_toan")
    panel = page.locator(".vn-online-teacher")
    panel.get_by_role("button", name=TEXT["record"]).click()
    panel.get_by_text(TEXT["recorded_for_2"]).wait_for()
    assert attendance(teacher) == {"6A1": 0, "6A2": 0}

    # A student must say which class is theirs before joining; the class opens in a new tab.
    page.goto(f"{live_server.url}{LIVE}?student=hocsinh_an")
    lesson = page.locator(".vn-online-lesson")
    assert lesson.locator(".vn-online-date").inner_text() == "16/03/2026"
    assert lesson.locator(".vn-online-time").inner_text() == "07:30–08:15"
    assert lesson.locator(".vn-online-teacher").count() == 0
    join = lesson.get_by_role("link", name=TEXT["join"])
    assert join.get_attribute("href") == MEETING
    join.click()
    lesson.get_by_text(TEXT["choose_first"]).wait_for()
    assert meeting == [] and attendance(teacher) == {"6A1": 0, "6A2": 0}

    lesson.get_by_label(TEXT["your_class"]).select_option(label="6A2")
    with page.expect_popup() as opened:
        join.click()
    opened.value.wait_for_load_state()
    lesson.locator(".vn-online-status").get_by_text(TEXT["recorded"]).wait_for()
    assert meeting == [MEETING]
    assert attendance(teacher) == {"6A1": 0, "6A2": 1}

    # Joining again (after a reload) opens the class and counts nobody twice.
    page.reload()
    lesson = page.locator(".vn-online-lesson")
    assert lesson.locator(".vn-online-status").inner_text() == TEXT["recorded"]
    assert lesson.locator(".vn-online-class").count() == 0
    with page.expect_popup():
        lesson.get_by_role("link", name=TEXT["join"]).click()
    assert attendance(teacher) == {"6A1": 0, "6A2": 1}

    # The teacher sees it in the lesson's panel.
    page.goto(f"{live_server.url}{LIVE}?student=giaovien_toan")
    row = page.locator(".vn-online-attendance tr[data-class='6A2']")
    assert row.locator(".vn-online-present").inner_text() == "1 / 3"


def test_a_self_paced_lesson_counts_the_visit(live_server, page, school, tmp_path):
    classes, teacher = school
    link_workbench_course(["6A3"])  # one class: nobody is asked for a class
    page.goto(f"{live_server.url}{SELF_PACED}?student=giaovien_toan")
    page.locator(".vn-online-record").click()
    page.locator(".vn-online-record-status").get_by_text(TEXT["recorded_for_1"]).wait_for()
    assert attendance(teacher, "NGUVAN") == {"6A3": 0}

    page.goto(f"{live_server.url}{SELF_PACED}?student=hocsinh_binh")
    lesson = page.locator(".vn-online-lesson")
    lesson.locator(".vn-online-status").get_by_text(TEXT["recorded"]).wait_for()
    assert lesson.get_by_role("link", name=TEXT["join"]).count() == 0
    assert "Xem video bài giảng" in lesson.locator(".vn-online-note").inner_text()
    page.reload()
    page.locator(".vn-online-status").get_by_text(TEXT["recorded"]).wait_for()
    assert attendance(teacher, "NGUVAN") == {"6A3": 1}
    page.screenshot(path=tmp_path / "online-lesson-self-paced.png")
