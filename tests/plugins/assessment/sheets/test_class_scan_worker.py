"""A class's scanned PDF (40 sheets, one per page) uploaded in parts, read by a real Celery worker on Redis
against MariaDB, with progress; clean sheets graded by the online rules, the unsure ones left to review."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openedx_vn.assessment.models import Attempt
from openedx_vn.assessment.sheets import service
from openedx_vn.assessment.sheets.layout import build_layout
from openedx_vn.assessment.sheets.models import ScannedSheet
from tests.plugins.assessment.sheets import synth
from tests.plugins.assessment.sheets.conftest import expected_grade, filled_sheet, rng_for

pytestmark = pytest.mark.celery_worker
CLASS = 40


@pytest.fixture
def a_class(sheets_world, django_user_model):
    world = sheets_world
    lines = [f"{n}; Học sinh {n}; hs{n:02d}" for n in range(1, CLASS + 1)]
    for n in range(1, CLASS + 1):
        django_user_model.objects.create_user(f"hs{n:02d}", first_name=f"Số {n}", last_name="Học sinh")
    service.save_students(world.teacher, world.exam_uuid, "\n".join(lines))
    return world


def test_a_class_of_40_scanned_sheets_goes_through_the_worker(client, a_class, celery_worker):
    world = a_class
    layout = build_layout("national", service.counts_of(world.exam_model))
    pages = synth.render_pages(service.print_sheets(world.teacher, world.exam_uuid, "national"))
    assert len(pages) == CLASS
    rng = rng_for(40)
    truth = {}
    for index, page in enumerate(pages):
        code = "101" if index % 2 else "102"
        # Every tenth student marks a question twice: those sheets must wait for the teacher.
        filled, printed = filled_sheet(
            world.exam_uuid, layout, page, code, "", rng, double=1 if index % 10 == 3 else 0
        )
        truth[f"{index + 1:06d}"] = (code, printed, bool(filled.ambiguous))
    pdf = synth.scanned_pdf(pages, rng)
    client.force_login(world.teacher)
    new = client.post(reverse("vn_assessment:sheets-batch-new", args=[world.exam_uuid])).json()
    base = f"{reverse('vn_assessment:sheets-page', args=[world.exam_uuid])}batches/{new['batch']}/"
    step = new["part_bytes"]
    for index, start in enumerate(range(0, len(pdf), step)):
        part = SimpleUploadedFile("lop-10a1.pdf", pdf[start : start + step], content_type="application/pdf")
        response = client.post(base + "parts/", {"name": "lop-10a1.pdf", "index": index, "part": part})
        assert response.status_code == 200, response.content
    assert client.post(base + "start/").status_code == 200
    seen_progress = set()
    deadline = time.monotonic() + 240
    while True:
        status = client.get(base).json()
        seen_progress.add(status["done"])
        if status["status"] in ("done", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert status["status"] == "done", (status, celery_worker.log.read_text(errors="replace")[-3000:])
    assert status["total"] == CLASS and status["done"] == CLASS
    assert len(seen_progress) > 1  # the page saw the count move
    sheets = {sheet.number: sheet for sheet in ScannedSheet.objects.filter(exam__uuid=world.exam_uuid)}
    assert len(sheets) == CLASS
    for number, (code, printed, unsure) in truth.items():
        sheet = sheets[number]
        if unsure:
            assert sheet.status == "review"
            assert sheet.attempt_id is None
            continue
        assert sheet.status == "graded", (number, sheet.read["problems"])
        attempt = Attempt.objects.get(pk=sheet.attempt_id)
        expected = expected_grade(world.exam_uuid, code, printed)
        assert (attempt.version_code, attempt.points, attempt.score) == (
            code,
            expected.points,
            expected.score,
        )
    assert Attempt.objects.filter(exam__uuid=world.exam_uuid).count() == CLASS - 4
