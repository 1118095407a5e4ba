"""The import wizard's jobs: preview (problems with their lines, duplicates), confirm; small files inline,
large ones in a Celery task (eager on the dev host, a real worker on Redis with MariaDB)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openedx_vn.qbank.models import ImportJob
from openedx_vn.qbank.tasks import run_import_job

GOOD = (
    "::Câu 1::Một cộng một bằng {=2 ~3}\n\n::Câu 2::Hai nhân hai bằng {#4}\n\n"
    "::Câu 1 lại::Một cộng một bằng {=2 ~3}\n"
)
BAD = "::Câu 1::Một cộng một bằng {=2 ~3}\n\n::Câu 2::Chọn hai đáp án {=A =B ~C}\n"


def _many(count):
    return "\n".join(f"::Câu {n}::Tính {n} + {n}.{{={2 * n} ~{2 * n + 1}}}\n" for n in range(1, count + 1))


def _upload(client, bank, name, text):
    url = reverse("vn_qbank:import-job-create", args=[bank.uuid])
    # In English: the assertions read the importer's messages (Vietnamese by default).
    return client.post(url, {"file": SimpleUploadedFile(name, text.encode())}, HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_a_preview_with_a_problem_names_its_line_and_cannot_be_confirmed(client, people, media):
    client.force_login(people.owner)
    response = _upload(client, people.bank, "de-loi.gift", BAD)
    assert response.status_code == 201  # small: done in the request
    job = response.json()
    assert (job["stage"], job["status"], job["format"]) == ("preview", "done", "gift")
    (problem,) = job["result"]["problems"]
    assert (problem["line"], problem["question"], problem["unit"]) == (3, 2, "line")
    assert problem["excerpt"] == "::Câu 2::Chọn hai đáp án {=A =B ~C}"
    assert "right" in problem["message"]
    confirm = client.post(reverse("vn_qbank:import-job-confirm", args=[job["uuid"]]))
    assert confirm.status_code == 400
    assert not ImportJob.objects.get(uuid=job["uuid"]).file  # nothing to keep
    assert people.bank.questions.count() == 1


@pytest.mark.django_db
def test_preview_then_confirm_stores_the_questions_once(client, people, media):
    client.force_login(people.editor)
    job = _upload(client, people.bank, "de.gift", GOOD).json()
    result = job["result"]
    assert (result["questions"], result["problems"]) == (2, [])
    assert [d["line"] for d in result["duplicates"]] == [5]
    assert [q["title"] for q in result["sample"]] == ["Câu 1", "Câu 2"]
    assert people.bank.questions.count() == 1  # a preview stores nothing
    stored = ImportJob.objects.get(uuid=job["uuid"])
    assert stored.file and (stored.total, stored.done) == (3, 3)

    done = client.post(reverse("vn_qbank:import-job-confirm", args=[job["uuid"]]))
    assert done.status_code == 200
    data = done.json()
    assert (data["stage"], data["status"], data["result"]["created"]) == ("import", "done", 2)
    assert len(data["result"]["question_uuids"]) == 2
    assert people.bank.questions.count() == 3
    assert not ImportJob.objects.get(uuid=job["uuid"]).file
    assert client.post(reverse("vn_qbank:import-job-confirm", args=[job["uuid"]])).status_code == 400
    # The same file again: every question is already in the bank.
    again = _upload(client, people.bank, "de.gift", GOOD).json()["result"]
    assert (again["questions"], len(again["duplicates"])) == (0, 3)


@pytest.mark.django_db
def test_an_unreadable_file_is_a_problem_not_an_error(client, people, media):
    client.force_login(people.owner)
    job = _upload(client, people.bank, "de.pdf", "%PDF-1.4").json()
    assert job["status"] == "done"
    assert "not one the import reads" in job["result"]["problems"][0]["message"]
    bad_format = client.post(
        reverse("vn_qbank:import-job-create", args=[people.bank.uuid]),
        {"file": SimpleUploadedFile("a.gift", b"x"), "format": "pdf"},
    )
    assert bad_format.status_code == 400 and "format" in bad_format.json()


@pytest.mark.django_db
def test_a_large_file_goes_to_the_task(client, people, media, settings, django_capture_on_commit_callbacks):
    settings.OPENEDX_VN = {**settings.OPENEDX_VN, "QBANK_INLINE_IMPORT_BYTES": 100}
    client.force_login(people.owner)
    with django_capture_on_commit_callbacks() as callbacks:
        response = _upload(client, people.bank, "lon.gift", _many(40))
    assert response.status_code == 202 and response.json()["status"] == "queued"
    assert len(callbacks) == 1  # the task is sent once the job is committed
    # Run the task here, as the dev host's eager Celery does (the worker test sends it through Redis).
    run_import_job.apply((response.json()["uuid"],))
    job = client.get(reverse("vn_qbank:import-job", args=[response.json()["uuid"]])).json()
    assert (job["status"], job["total"], job["done"], job["result"]["questions"]) == ("done", 40, 40, 40)
    with django_capture_on_commit_callbacks() as callbacks:
        confirmed = client.post(reverse("vn_qbank:import-job-confirm", args=[job["uuid"]]))
    assert confirmed.status_code == 202 and len(callbacks) == 1
    run_import_job.apply((job["uuid"],))
    job = client.get(reverse("vn_qbank:import-job", args=[job["uuid"]])).json()
    assert (job["stage"], job["status"], job["result"]["created"]) == ("import", "done", 40)
    assert people.bank.questions.count() == 41


def _wait(client, job_uuid, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(reverse("vn_qbank:import-job", args=[job_uuid])).json()
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_previewed_and_imported_by_the_worker(client, people, celery_worker, settings):
    # The worker is another process: the file travels through the shared media folder, the job through the DB.
    settings.OPENEDX_VN = {**settings.OPENEDX_VN, "QBANK_INLINE_IMPORT_BYTES": 100}
    client.force_login(people.owner)
    text = _many(300) + "\n" + BAD
    response = _upload(client, people.bank, "lon.gift", text)
    assert response.status_code == 202
    job = _wait(client, response.json()["uuid"])
    assert job["status"] == "done", celery_worker.log.read_text(errors="replace")
    assert (job["total"], job["done"]) == (301, 301)  # the broken question is a problem, not a question
    broken = text.splitlines().index("::Câu 2::Chọn hai đáp án {=A =B ~C}") + 1
    assert [p["line"] for p in job["result"]["problems"]] == [broken]

    response = _upload(client, people.bank, "lon.gift", _many(300))
    job = _wait(client, response.json()["uuid"])
    assert (job["status"], job["result"]["questions"]) == ("done", 300)
    confirmed = client.post(reverse("vn_qbank:import-job-confirm", args=[job["uuid"]]))
    assert confirmed.status_code == 202
    job = _wait(client, job["uuid"])
    assert (job["stage"], job["status"], job["result"]["created"]) == ("import", "done", 300)
    assert people.bank.questions.count() == 301
    assert celery_worker.log_shows("openedx_vn.qbank.run_import_job")
    assert not ImportJob.objects.get(uuid=job["uuid"]).file
