"""The words and numbers of our pages as a school reads them (issue 15): subjects by name in Vietnamese
order, "Toán – lớp 6" and not "TOAN 6", points typed "0,5" read back "0,5", one score column with one
decimal, no English left in the test page's Vietnamese."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from devhost.demo_assessment import DEMO_EXAM_UUID
from openedx_vn.assessment import api as assessment_api
from openedx_vn.core.vietnamese import vi_key
from openedx_vn.qbank.models import Question, QuestionBank

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher():
    call_command("load_curriculum", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    call_command("load_demo_data", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(get_user_model().objects.get(username="giaovien"))
    return client


def _options(html, name):
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    return [text.strip() for value, text in re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)<', select)]


def test_bank_pages_name_subjects_in_vietnamese_order(teacher):
    bank = QuestionBank.objects.order_by("id").first()
    html = teacher.get(f"/vn/qbank/banks/{bank.uuid}/").content.decode()
    subjects = _options(html, "subject")
    assert subjects == sorted(subjects, key=vi_key)
    where = [subjects.index(name) for name in ("Âm nhạc", "Đạo đức", "Địa lí", "Toán")]
    assert where == sorted(where)  # not after Z
    assert "TOAN 6" not in html and "Toán – lớp 6" in html  # the chips of the demo's Toán 6 questions


def test_points_read_back_with_the_decimal_comma(teacher):
    question = Question.objects.order_by("id").first()
    version = question.versions.order_by("-number").first()
    version.points = "0.50"
    version.save(update_fields=["points"])
    html = teacher.get(f"/vn/qbank/questions/{question.uuid}/").content.decode()
    assert re.search(r'name="points"[^>]*value="0,5"', html)  # not "0.50"


def test_test_pages_speak_vietnamese_with_one_score_column(teacher):
    exam = teacher.get(f"/vn/assessment/tests/{DEMO_EXAM_UUID}/").content.decode()
    assert "(timed test)" not in exam and "(unit)" not in exam
    assert "Bài kiểm tra trực tuyến" in exam
    student = get_user_model().objects.get(username="hocsinh1")
    assessment_api.start_attempt(DEMO_EXAM_UUID, student.id)
    assessment_api.submit_attempt(DEMO_EXAM_UUID, student.id)
    results = teacher.get(f"/vn/assessment/tests/{DEMO_EXAM_UUID}/results/").content.decode()
    headers = re.findall(r"<th[^>]*>([^<]+)</th>", results)
    score_columns = [h for h in headers if h.startswith("Điểm")]
    assert len(score_columns) == 1, headers  # out of 10 points: points and score are one column
    row = re.search(r'<tr data-user="hocsinh1">.*?</tr>', results, re.S).group(0)
    assert '<td class="num vn-as-score">0,0</td>' in row  # one decimal, as the student saw it
