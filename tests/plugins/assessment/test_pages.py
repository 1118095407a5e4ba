"""The teachers' pages of tests: who gets in, the matrix editor's page, drawing a test (and its short cells),
the test's page, results the Vietnamese way, and essay grading."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from openedx_vn.assessment import api
from openedx_vn.qbank import api as qbank_api
from tests.plugins.assessment.test_rest import make_school, sit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def url(name, *args):
    return reverse(f"vn_assessment:{name}", args=args)


def exam_of(world, **options):
    options.setdefault("seed", 7)
    return api.generate_exam(world.teacher, world.blueprint_uuid, [world.bank.uuid], **options)


def page(client, user, path, status=200, **extra):
    client.force_login(user)
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en", **extra)
    assert response.status_code == status, (path, response.status_code)
    return response.content.decode()


def test_visitors_sign_in_and_students_get_403(client, world):
    exam = exam_of(world)
    paths = [
        url("home"),
        url("blueprint-new"),
        url("blueprint-page", world.blueprint_uuid),
        url("generate-page", world.blueprint_uuid),
        url("exam-page", exam.uuid),
        url("results-page", exam.uuid),
        url("essays-page", exam.uuid),
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and "login" in response["Location"], path
    client.force_login(world.student_a)
    for path in paths:
        assert client.get(path).status_code == 403, path


def test_other_teachers_get_403_and_unknown_ids_404(client, world):
    exam = exam_of(world)
    for path in (
        url("blueprint-page", world.blueprint_uuid),
        url("generate-page", world.blueprint_uuid),
        url("exam-page", exam.uuid),
        url("results-page", exam.uuid),
        url("essays-page", exam.uuid),
    ):
        page(client, world.other_teacher, path, 403)
    page(client, world.teacher, url("exam-page", "00000000-0000-0000-0000-000000000000"), 404)
    page(client, world.teacher, url("blueprint-page", "not-an-id"), 404)


def test_home_lists_blueprints_and_tests(client, world):
    exam_of(world, title="Giữa kì I – 10A1")
    html = page(client, world.teacher, url("home"))
    assert "Kiểm tra giữa kì I – Toán 10" in html and "Giữa kì I – 10A1" in html
    assert url("generate-page", world.blueprint_uuid) in html
    assert "Giữa kì I – 10A1" not in page(client, world.other_teacher, url("home"))


def test_the_editor_page_carries_the_blueprint_and_the_templates(client, world):
    html = page(client, world.teacher, url("blueprint-page", world.blueprint_uuid))
    for script in ("vn-as-data", "vn-as-templates", "vn-as-strings", "vn-as-urls"):
        assert f'id="{script}"' in html
    assert "thpt2025_toan" in html and "TOAN.10.2" in html and "editor.js" in html
    assert url("blueprint-file", world.blueprint_uuid, "matrix.docx") in html
    new = page(client, world.teacher, url("blueprint-new"))
    assert 'value="cv7991" selected' in new and 'id="vn-as-after-save" class="vn-as-actions" hidden' in new


def test_draw_a_test_and_land_on_its_page(client, world):
    html = page(client, world.teacher, url("generate-page", world.blueprint_uuid))
    assert "Toán 10 – thầy Hùng (192 questions)" in html and "Ngân hàng khác" not in html
    form = {"banks": [str(world.bank.uuid)], "versions": 4, "seed": 3, "minutes": 45, "title": "Đề 1"}
    form |= {"kind": "Kiểm tra giữa học kì I", "exclude_recent": 0, "opens_at": "20/10/2025 07:30"}
    response = client.post(url("generate-page", world.blueprint_uuid), form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    exam_uuid = response["Location"].rstrip("/").split("/")[-1]
    info = api.get_exam(world.teacher, exam_uuid)
    assert info.version_codes == ("101", "102", "103", "104") and info.title == "Đề 1"
    # The typed time is Vietnam's, whatever the server's zone.
    assert info.opens_at == datetime(2025, 10, 20, 7, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

    html = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert info.uuid in html and "20/10/2025 07:30" in html
    assert url("exam-file", info.uuid, "version-102.docx") in html
    assert url("exam-file", info.uuid, "keys.xlsx") in html
    keys = re.findall(r'<td class="vn-as-key">([^<]*)</td>', html)
    assert len(keys) == 20 * 4 and set(keys[:4]) <= set("ABCD")


def test_a_short_bank_shows_every_short_cell(client, world):
    small = qbank_api.create_bank("Ngân hàng nhỏ", world.teacher.id)
    client.force_login(world.teacher)
    form = {"banks": [small.uuid], "versions": 2, "minutes": 45, "title": "Đề", "exclude_recent": 0}
    response = client.post(url("generate-page", world.blueprint_uuid), form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    missing = re.findall(r'data-missing="(\d+)"', html)
    assert len(missing) == 9 and missing[0] == "4"
    assert "Row 1 (Mệnh đề), Multiple choice, Know: 4 question(s) missing" in html


def test_bad_form_values_are_named(client, world):
    client.force_login(world.teacher)
    form = {"banks": [str(world.bank.uuid)], "versions": 0, "minutes": 45, "title": "Đề", "exclude_recent": 0}
    form |= {"opens_at": "20/10/2025 09:00", "closes_at": "20/10/2025 08:00"}
    response = client.post(url("generate-page", world.blueprint_uuid), form, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 400
    assert "greater than or equal to 1" in html and "The test must close after it opens." in html


def test_results_sorted_with_local_times_and_decimal_commas(client, world, settings):
    settings.TIME_ZONE = "UTC"  # the LMS's zone: the page still shows Vietnam's clock
    exam = exam_of(world)
    started = datetime(2025, 10, 20, 1, 5, tzinfo=ZoneInfo("UTC"))  # 08:05 in Hà Nội
    for student in (world.student_b, world.student_a):
        api.start_attempt(exam.uuid, student.id, now=started)
    view = api.attempt_view(exam.uuid, world.student_a.id, now=started)
    first = view.parts[0]["questions"][0]
    right = next(k for k in api.exam_versions(world.teacher, exam.uuid)[1] if k.code == view.version_code)
    api.save_answer(
        exam.uuid,
        world.student_a.id,
        first["uuid"],
        "ABCD".index(right.parts["multiple_choice"][0].key),
        1,
        now=started,
    )
    for student in (world.student_a, world.student_b):
        api.submit_attempt(exam.uuid, student.id, now=started)
    html = page(client, world.teacher, url("results-page", exam.uuid))
    names = re.findall(r"<td>(Nguyễn Văn An|Lê Thị Bình)</td>", html)
    assert names == ["Nguyễn Văn An", "Lê Thị Bình"]
    assert "20/10/2025 08:05" in html
    # out of 10 points: one score column (not points and score side by side), one decimal as students see it
    assert '08:05</td><td class="num vn-as-score">0,3</td>' in html
    assert "vn-as-score" in html and '<td class="num">0,25</td>' not in html
    assert url("exam-file", exam.uuid, "results.xlsx") in html


def test_the_schools_leader_reads_results_but_grades_nothing(client, world):
    make_school(world)
    exam = exam_of(world, class_ids=[world.class_id], school_code="22000300")
    sit(world, exam.uuid)
    assert "Nguyễn Văn An" in page(client, world.leader, url("results-page", exam.uuid))
    html = page(client, world.leader, url("essays-page", exam.uuid))
    assert "Lời giải của An" in html and 'name="points"' not in html
    response = client.post(url("essays-page", exam.uuid), {"student_id": world.student_a.id})
    assert response.status_code == 403
    page(client, world.other_leader, url("results-page", exam.uuid), 403)


def test_essay_grading_with_the_rubric(client, world):
    exam = exam_of(world)
    essays = sit(world, exam.uuid)
    html = page(client, world.teacher, url("essays-page", exam.uuid))
    assert html.count("Lời giải của An") == 2 and "Lập luận" in html
    question = essays[0]["uuid"]
    form = {"student_id": world.student_a.id, "question_uuid": question, "points": "7", "comment": "Thiếu"}
    response = client.post(url("essays-page", exam.uuid), form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "an essay earns from 0 to" in response.content.decode()
    form["points"] = "0,75"
    response = client.post(url("essays-page", exam.uuid), form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"].endswith(
        f"#essay-{world.student_a.id}-{question}"
    )
    html = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Graded: 0,75 of" in html and "Thiếu" in html


def test_the_teacher_changes_the_online_window_in_vietnam_time(client, world, settings):
    settings.TIME_ZONE = "UTC"
    exam = exam_of(world)
    api.start_attempt(exam.uuid, world.student_a.id)
    client.force_login(world.teacher)
    wrong = client.post(
        url("exam-page", exam.uuid),
        {"opens_at": "02/11/2025 08:00", "closes_at": "01/11/2025"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert wrong.status_code == 200 and "The test must close after it opens." in wrong.content.decode()
    done = client.post(url("exam-page", exam.uuid), {"opens_at": "", "closes_at": "01/11/2025 09:30"})
    assert done.status_code == 302
    info = api.get_exam(world.teacher, exam.uuid)
    assert info.opens_at is None and info.closes_at == datetime(2025, 11, 1, 2, 30, tzinfo=ZoneInfo("UTC"))
    # Closing early ends the running attempt: it is submitted with what it saved.
    assert api.attempt_view(exam.uuid, world.student_a.id).status == "timed_out"
    client.force_login(world.other_teacher)
    assert client.post(url("exam-page", exam.uuid), {"closes_at": ""}).status_code == 403


def test_the_item_analysis_runs_from_the_results_page(client, world, settings):
    exam = exam_of(world)
    for student in (world.student_a, world.student_b):
        view = api.start_attempt(exam.uuid, student.id)
        first = view.parts[0]["questions"][0]["uuid"]
        api.save_answer(exam.uuid, student.id, first, 0, 1)
        api.submit_attempt(exam.uuid, student.id)
    client.force_login(world.teacher)
    response = client.post(url("results-page", exam.uuid), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    if not settings.CELERY_TASK_ALWAYS_EAGER:  # queued on Redis: do the worker's part (test_item_analysis
        api.analyse_items(exam.uuid)  # runs the real worker)
    html = page(client, world.teacher, url("results-page", exam.uuid))
    rows = re.findall(r'<tr data-question="([0-9a-f-]+)"><td class="num">(\d+)</td><td>([^<]+)</td>', html)
    assert len(rows) == exam.question_count - 2  # the two essays, not graded yet, have no figures
    assert rows[0][1:] == ("1", "Multiple choice")
    client.force_login(world.other_teacher)
    assert client.post(url("results-page", exam.uuid)).status_code == 403
