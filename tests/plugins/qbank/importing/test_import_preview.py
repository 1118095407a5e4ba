"""The import wizard's preview holds each question whole (options, key, explanation, metadata), and the
subject, grade, level and outcomes the teacher sets before confirming are stored with the questions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank.models import QuestionVersion

pytestmark = pytest.mark.django_db
GIFT = (
    "::Câu 1::Phân số nào bằng $\\frac\\{1\\}\\{2\\}$?{=2/4#Đúng, nhân cả tử và mẫu với 2 ~2/3#Chưa đúng ~3/4"
    "####Vì 1·2 = 2 và 2·2 = 4.}\n\n"
    "::Câu 2::Hai nhân ba bằng {#6}\n\n"
    "::Câu 3::Số 0 là số tự nhiên.{T}\n"
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _preview(client, bank, text=GIFT):
    url = reverse("vn_qbank:import-job-create", args=[bank.uuid])
    return client.post(url, {"file": SimpleUploadedFile("de.gift", text.encode())}).json()


def _confirm(client, job, body=None):
    url = reverse("vn_qbank:import-job-confirm", args=[job["uuid"]])
    return client.post(url, body or {}, content_type="application/json")


def test_the_preview_shows_options_keys_feedback_and_explanation(client, people, media):
    client.force_login(people.staff)  # staff: a teacher under any role rule
    sample = _preview(client, people.bank)["result"]["sample"]
    first, second, third = sample
    assert first["key"] == ":1:1" and first["type"] == "multiple_choice"
    assert [(c["text"], c["correct"], c["feedback"]) for c in first["body"]["choices"]] == [
        ("2/4", True, "Đúng, nhân cả tử và mẫu với 2"),
        ("2/3", False, "Chưa đúng"),
        ("3/4", False, ""),
    ]
    assert first["explanation"] == "Vì 1·2 = 2 và 2·2 = 4."
    assert second["body"] == {"kind": "numeric", "value": "6", "tolerance": "0"}
    assert third["body"]["statements"] == [{"text": "", "is_true": True}]
    assert {q["subject"] for q in sample} == {""} and {q["grade"] for q in sample} == {None}


def test_values_for_all_and_for_one_question_are_stored_on_confirm(client, people, media):
    curriculum_api.load_shipped_curriculum()
    client.force_login(people.staff)  # staff: a teacher under any role rule
    job = _preview(client, people.bank)
    body = {
        "all": {"subject": "toan", "grade": 6, "level": "hieu", "outcomes": ["TOAN.6.1.1.2"]},
        "questions": {":3:2": {"subject": "TOAN", "grade": 6, "level": "biet", "outcomes": []}},
    }
    answer = _confirm(client, job, body)
    assert answer.status_code == 200, answer.json()
    assert answer.json()["result"]["created"] == 3
    stored = {
        v.title: (v.subject_code, v.grade, v.cognitive_level, v.outcome_codes)
        for v in QuestionVersion.objects.exclude(question=people.question)
    }
    assert stored == {
        "Câu 1": ("TOAN", 6, "hieu", ["TOAN.6.1.1.2"]),
        "Câu 2": ("TOAN", 6, "biet", []),
        "Câu 3": ("TOAN", 6, "hieu", ["TOAN.6.1.1.2"]),
    }
    # The bank's list filters by what was set.
    listed = client.get(
        reverse("vn_qbank:bank-question-list", args=[people.bank.uuid]), {"level": "hieu"}
    ).json()
    assert sorted(q["title"] for q in listed["results"]) == ["Câu 1", "Câu 3"]


def test_unknown_outcomes_or_levels_are_refused_before_anything_is_stored(client, people, media):
    curriculum_api.load_shipped_curriculum()
    client.force_login(people.staff)  # staff: a teacher under any role rule
    job = _preview(client, people.bank)
    answer = _confirm(client, job, {"all": {"outcomes": ["TOAN.6.9.9.9"]}})
    assert answer.status_code == 400
    assert answer.json() == {
        "outcomes": ["Các mã yêu cầu cần đạt này không có trong chương trình: TOAN.6.9.9.9."]
    }
    answer = _confirm(client, job, {"questions": {":1:1": {"level": "kho"}}})
    assert answer.status_code == 400 and "Không có mức độ 'kho'" in str(answer.json())
    assert people.bank.questions.count() == 1
    assert _confirm(client, job).status_code == 200  # still confirmable, as in the file
    assert people.bank.questions.count() == 4


def test_the_page_names_formats_in_vietnamese(client, people):
    client.force_login(people.staff)  # staff: a teacher under any role rule
    page = client.get(reverse("vn_qbank:import-page", args=[people.bank.uuid]), HTTP_ACCEPT_LANGUAGE="vi")
    html = page.content.decode()
    assert '<option value="gift">Văn bản GIFT của Moodle (.gift, .txt)</option>' in html
    assert '<option value="qti">QTI 2.1, 2.2, 3.0 (.xml, hoặc gói .zip)</option>' in html
    assert "Cho mọi câu hỏi của lần nhập này" in html
