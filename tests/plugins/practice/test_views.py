"""The progress pages through Django's test client: a student's own page and links, the parent's page by a
link (no account), refused links, and the class page only for teachers of the school."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.practice import api
from openedx_vn.practice.models import ProgressLink
from tests.plugins.practice.banks import OUTCOME_A, OUTCOME_B

pytestmark = pytest.mark.django_db


@pytest.fixture
def student(bank):
    curriculum_api.load_shipped_curriculum()  # the subject's outcomes: the ones not started are counted
    user = get_user_model().objects.create_user("hs_an", password="x", first_name="An", last_name="Nguyễn")
    for _step in range(12):
        question = api.next_question(user.pk, [OUTCOME_A, OUTCOME_B], [str(bank.uuid)])
        if api.record_answer(user.pk, question, True).just_mastered:
            break
    question = api.next_question(user.pk, [OUTCOME_A, OUTCOME_B], [str(bank.uuid)])
    api.record_answer(user.pk, question, False)
    return user


def test_a_student_sees_their_progress_and_gives_a_link(client, student):
    client.force_login(student)
    page = client.get(reverse("vn_practice:progress")).content.decode()
    assert "Tiến bộ học tập" in page and "<svg" in page
    assert "Toán lớp 6" in page, page[page.find("<main") :][:3000]
    counts = page[page.find("vn-pr-counts") :][:600]
    assert "<strong>1</strong> đã thành thạo" in page and "<strong>1</strong> đang luyện tập" in page, counts
    not_started = int(page.split("</strong> chưa bắt đầu")[0].rsplit("<strong>", 1)[1])
    assert not_started > 20  # Toán 6's other outcomes
    response = client.post(reverse("vn_practice:issue-link"), {"days": "14"})
    assert response.status_code == 302
    link = ProgressLink.objects.get(student_id=student.pk)
    assert link.expires_at - timezone.now() > timedelta(days=13)
    page = client.get(response.url).content.decode()
    token = api.list_progress_links(student.pk)[0].token
    assert f"/vn/practice/p/{token}/" in page
    # The same address on every showing (a parent's bookmark), whatever second it is shown in.
    with mock.patch("django.core.signing.time.time", return_value=time.time() + 90):
        assert api.list_progress_links(student.pk)[0].token == token
        assert f"/vn/practice/p/{token}/" in client.get(response.url).content.decode()
    # A link given out before tokens were stable (signed with the time it was shown) still opens the page.
    older = signing.dumps(str(link.uuid), salt=api.LINK_SALT)
    assert older != token and api.student_for_token(older) == student.pk == api.student_for_token(token)
    assert client.post(reverse("vn_practice:issue-link"), {"days": "400"}).status_code == 403


def test_a_parent_reads_the_page_without_an_account_until_it_is_revoked(client, student):
    link = api.issue_progress_link(student.pk, student.pk, days=7)
    response = client.get(reverse("vn_practice:parent", args=[link.token]))
    page = response.content.decode()
    assert response.status_code == 200 and response["Referrer-Policy"] == "no-referrer"
    assert "Trang chỉ để xem" in page and "Tạo liên kết" not in page and "csrfmiddlewaretoken" not in page
    client.force_login(get_user_model().objects.create_user("someone_else"))
    client.post(reverse("vn_practice:revoke-link", args=[link.uuid]))  # not theirs: nothing happens
    client.logout()
    assert client.get(reverse("vn_practice:parent", args=[link.token])).status_code == 200
    client.force_login(student)
    client.post(reverse("vn_practice:revoke-link", args=[link.uuid]))
    client.logout()
    refused = client.get(reverse("vn_practice:parent", args=[link.token]))
    assert refused.status_code == 403 and "đã bị thu hồi" in refused.content.decode()
    assert client.get(reverse("vn_practice:parent", args=["gia-mao"])).status_code == 403


def test_the_class_page_needs_a_teacher_of_the_school(client, student):
    course = "course-v1:THCSHaLong+TOAN6+2025"
    url = reverse("vn_practice:class", args=[course])
    client.force_login(student)
    assert client.get(url).status_code in (403, 404)
    client.logout()
    assert client.get(url).status_code == 302  # sign in first


def test_a_teacher_sees_the_class_mastery_and_gives_a_parent_a_link(client, bank):
    curriculum_api.load_shipped_curriculum()
    course = "course-v1:THCSHaLong+TOAN6+2025"
    curriculum_api.link_course(course, "22101", "2025-2026", 6, "TOAN", ["6A1"])
    students = [get_user_model().objects.create_user(f"hs_lop_{n}") for n in range(3)]
    for student, answers in zip(students, (12, 1, 0), strict=True):
        for _step in range(answers):
            question = api.next_question(student.pk, [OUTCOME_A], [str(bank.uuid)])
            if api.record_answer(student.pk, question, True, course_key=course).just_mastered:
                break
    teacher = get_user_model().objects.create_user("gv_lop", is_staff=True)  # staff: every school (ADR 0012)
    client.force_login(teacher)
    page = client.get(reverse("vn_practice:class", args=[course])).content.decode()
    assert "Mức thành thạo của lớp: 6A1" in page and "2 học sinh đã luyện tập" in page
    row = page.split(f'data-outcome="{OUTCOME_A}"')[1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[1:4]] == ["1", "1", "0"]
    response = client.post(reverse("vn_practice:teacher-link", args=[course, students[0].pk]), {"days": "30"})
    assert response.status_code == 302 and "/vn/practice/p/" in client.get(response.url).content.decode()
    stranger = get_user_model().objects.create_user("hs_ngoai")
    assert client.post(reverse("vn_practice:teacher-link", args=[course, stranger.pk])).status_code == 403
