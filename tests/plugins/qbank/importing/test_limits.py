"""Limits checked before parsing: every upload endpoint refuses a file over ``UPLOAD_MAX_BYTES`` with a 400
naming the field and saying in Vietnamese that it is too large and what the limit is; the import wizard
refuses a zip bomb at upload (no task, nothing stored); a job left running by a killed worker reads as failed;
the GIFT export escapes names that come from other systems."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from openedx_vn.qbank import jobs
from openedx_vn.qbank.exporting import gift as gift_export
from openedx_vn.qbank.importing import legacy
from openedx_vn.qbank.importing.formats import gift as gift_reader
from openedx_vn.qbank.models import ImportJob, QuestionBank
from tests.security import bombs

LIMIT = 4096


@pytest.fixture
def admin(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.OPENEDX_VN = {**settings.OPENEDX_VN, "UPLOAD_MAX_BYTES": LIMIT}
    user = get_user_model().objects.create_user("quantri_gh", is_staff=True, is_superuser=True)
    return user, QuestionBank.objects.create(name="Ngân hàng thử giới hạn", owner_id=user.id)


def _endpoints(bank):
    return {
        "qbank wizard": reverse("vn_qbank:import-job-create", args=[bank.uuid]),
        "qbank REST": reverse("vn_qbank:bank-import", args=[bank.uuid]),
        "sessions": reverse("vn_teaching:session-import"),
        "schools": reverse("vn_schools:import"),
        "topics": reverse("vn_curriculum:topics-import"),
    }


@pytest.mark.django_db
def test_every_upload_endpoint_refuses_a_file_over_the_limit_as_too_large(client, admin):
    user, bank = admin
    client.force_login(user)
    for name, url in _endpoints(bank).items():
        upload = SimpleUploadedFile("lon.xlsx", b"x" * (LIMIT + 1))
        response = client.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 400, (name, response.content[:300])
        body = response.json()
        if name == "topics":  # its documented 400 is {detail, problems}: the field leads the detail
            assert body["problems"] == [] and body["detail"].startswith("file: "), body
            message = body["detail"]
        else:
            message = " ".join(body["file"])
        assert "quá lớn: 0,004 MB (giới hạn là 0,004 MB)" in message, (name, message)
        assert "lon.xlsx" in message, (name, message)
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_body_declared_larger_than_the_limit_is_refused_before_it_is_read(client, admin):
    user, bank = admin
    client.force_login(user)
    url = reverse("vn_qbank:import-job-create", args=[bank.uuid])
    upload = SimpleUploadedFile("nho.gift", b"::Q::a {=b ~c}")
    response = client.post(url, {"file": upload}, CONTENT_LENGTH=str(50 * 2**20), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert "quá lớn: 50 MB" in " ".join(response.json()["file"])


@pytest.mark.django_db
def test_the_wizard_refuses_a_zip_bomb_at_upload_without_a_task(
    admin, settings, django_capture_on_commit_callbacks
):
    user, bank = admin
    settings.OPENEDX_VN = {
        **settings.OPENEDX_VN,
        "UPLOAD_MAX_BYTES": 20 * 2**20,
        "QBANK_INLINE_IMPORT_BYTES": 100,
    }
    with django_capture_on_commit_callbacks() as callbacks:
        job = jobs.start(bank, user.id, SimpleUploadedFile("de.docx", bombs.docx_bomb(1)))
    assert not callbacks  # no task queued
    job.refresh_from_db()
    assert (job.status, job.file.name) == ("done", "")
    (problem,) = job.result["problems"]
    assert "too large once unpacked" in problem["message"]


@pytest.mark.django_db
def test_a_job_running_past_the_stale_time_reads_as_failed_and_its_file_is_dropped(admin, settings):
    user, bank = admin
    job = ImportJob.objects.create(bank=bank, user_id=user.id, filename="de.gift", status="running")
    job.result = {"run": {"token": "t", "since": (timezone.now() - timedelta(minutes=5)).isoformat()}}
    job.save()
    assert jobs.fail_if_stale(job).status == "running"  # 5 minutes: still within the 30 of the default
    settings.OPENEDX_VN = {**settings.OPENEDX_VN, "JOB_STALE_SECONDS": 60}
    failed = jobs.fail_if_stale(job)
    assert failed.status == "failed" and "restarted" in failed.result["problems"][0]["message"]
    assert "run" not in failed.result
    assert ImportJob.objects.get(pk=job.pk).status == "failed"


def test_legacy_detection_reads_a_sample_and_converts_the_whole_file():
    line = "C\xa9u 1. Ph\xad\xacng tr\xd7nh ng\xad\xeai \xeb x\xb7 Qu\xb6ng Ninh {=a ~b}\n".encode("latin-1")
    content = line * 50_000  # 3 MB: decided on 32 KB, converted in one pass
    text, encoding = legacy.decode_bytes(content)
    assert encoding == "tcvn3" and text.count("Câu 1. Phương trình người ở xã Quảng Ninh") == 50_000
    assert legacy.decode_bytes(bombs.random_bytes(1)) is None


class _Version:
    def __init__(self, title, category=""):
        self.title, self.category, self.type = title, category, "multiple_choice"
        self.stem, self.explanation = "<p>1 + 1 = ?</p>", ""
        self.body = {"choices": [{"text": "2", "correct": True}, {"text": "3", "correct": False}]}
        self.question = type("Q", (), {"uuid": "q-1"})()


def test_a_name_from_another_system_cannot_write_gift_of_its_own():
    hostile = "Câu 1\n::Tiêm:: 2+2 {=4}\u2028// x ~ = # { } :"
    text, _notes = gift_export.export([_Version(hostile, category="Toán\n::Bom:: {=1}")])
    drafts, problems = gift_reader.read(text.decode(), "xuat.gift")
    assert problems == [] and len(drafts) == 1
    assert drafts[0].title == "Câu 1 ::Tiêm:: 2+2 {=4} // x ~ = # { } :"
    assert [c["correct"] for c in drafts[0].body["choices"]] == [True, False]
