"""Photos of filled sheets uploaded through the pages, read, matched, graded by the online rules, reviewed,
and joined to the results; who may do it; bad uploads refused in Vietnamese."""

import pytest
from django.urls import reverse

from openedx_vn.assessment import api
from openedx_vn.assessment.models import Attempt
from openedx_vn.assessment.sheets import service
from openedx_vn.assessment.sheets.layout import build_layout
from openedx_vn.assessment.sheets.models import ScannedSheet, SheetBatch
from openedx_vn.assessment.sheets.tasks import read_sheet_batch
from tests.plugins.assessment.sheets import synth
from tests.plugins.assessment.sheets.conftest import expected_grade, filled_sheet, rng_for

pytestmark = pytest.mark.django_db


def _page(world, kind="national", student=0):
    pdf = service.print_sheets(world.teacher, world.exam_uuid, kind)
    return synth.render_pages(pdf)[student]


def _upload(client, world, files, callbacks):
    url = reverse("vn_assessment:sheets-upload", args=[world.exam_uuid])
    with callbacks() as sent:
        response = client.post(url, {"files": files})
    assert len(sent) == 1  # the task is sent once the upload is committed
    # Run the task here, as the dev host's eager Celery does (the worker test sends it through Redis).
    batch = SheetBatch.objects.filter(exam__uuid=world.exam_uuid).latest("created_at")
    read_sheet_batch.apply((str(batch.uuid),))
    return response


def _photo_file(content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_photos_are_graded_by_the_online_rules_and_join_the_results(
    client, sheets_world, django_capture_on_commit_callbacks
):
    world = sheets_world
    layout = build_layout("national", service.counts_of(world.exam_model))
    rng = rng_for(7)
    pages = synth.render_pages(service.print_sheets(world.teacher, world.exam_uuid, "national"))
    assert len(pages) == 3  # one per student of the class list
    an, an_printed = filled_sheet(world.exam_uuid, layout, pages[0], "101", "1", rng)
    binh, binh_printed = filled_sheet(world.exam_uuid, layout, pages[1], "102", "", rng, double=1)
    client.force_login(world.teacher)
    response = _upload(
        client,
        world,
        [
            _photo_file(synth.photo(pages[0], rng), "an.jpg"),
            _photo_file(synth.photo(pages[1], rng), "binh.jpg"),
        ],
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    sheets = {s.source: s for s in ScannedSheet.objects.filter(exam__uuid=world.exam_uuid)}
    assert sheets["an.jpg"].status == "graded", sheets["an.jpg"].read["problems"]
    an_attempt = Attempt.objects.get(exam__uuid=world.exam_uuid, user_id=world.student_a.id)
    expected = expected_grade(world.exam_uuid, "101", an_printed)
    assert (an_attempt.points, an_attempt.score) == (expected.points, expected.score)
    assert an_attempt.version_code == "101" and an_attempt.status == "submitted"
    # Bình left his number blank (pre-printed in the QR code) and marked one question twice: to review.
    assert sheets["binh.jpg"].status == "review"
    assert not Attempt.objects.filter(exam__uuid=world.exam_uuid, user_id=world.student_b.id).exists()
    problems = [tuple(p) for p in sheets["binh.jpg"].read["problems"]]
    (doubled,) = binh.ambiguous
    assert (".".join(map(str, doubled)), "double") in problems
    # The review page shows the crop and the choices; the teacher picks what the student meant.
    review = reverse("vn_assessment:sheet-review", args=[world.exam_uuid, sheets["binh.jpg"].uuid])
    page = client.get(review).content.decode()
    assert "vn-sheet-crop" in page and "image.jpg" in page
    image = client.get(reverse("vn_assessment:sheet-image", args=[world.exam_uuid, sheets["binh.jpg"].uuid]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    key = ".".join(map(str, doubled))
    intended = next(v for v, _level, kind in binh.marks[doubled] if kind == "clean")
    value = str(intended) if doubled[0] == "mc" else str(bool(intended))
    form = {f"d-{key}": value}
    # A QR code too blurred to read is one more question for the teacher (which test, which student).
    open_keys = {where for where, _reason in _open(sheets["binh.jpg"])}
    assert open_keys <= {key, "qr", "number"}
    form.update({"d-qr": "yes", "d-number": "000002"} if "qr" in open_keys else {})
    decided = client.post(review, form)
    sheets["binh.jpg"].refresh_from_db()
    assert decided.status_code == 302, (_open(sheets["binh.jpg"]), sheets["binh.jpg"].read["problems"])
    sheets["binh.jpg"].refresh_from_db()
    assert sheets["binh.jpg"].status == "confirmed"
    binh_attempt = Attempt.objects.get(exam__uuid=world.exam_uuid, user_id=world.student_b.id)
    expected = expected_grade(world.exam_uuid, "102", binh_printed)
    assert binh_attempt.score == expected.score
    # Both join the results page, marked as paper.
    rows = {row.username: row for row in api.results(world.teacher, world.exam_uuid)}
    assert rows["hs_an"].paper and rows["hs_binh"].paper
    results = client.get(reverse("vn_assessment:results-page", args=[world.exam_uuid])).content.decode()
    assert "hs_binh" in results and results.count("vn-as-paper") == 2


def test_unknown_student_and_no_sheet_are_never_graded(
    client, sheets_world, django_capture_on_commit_callbacks
):
    world = sheets_world
    layout = build_layout("national", service.counts_of(world.exam_model))
    rng = rng_for(11)
    blank = synth.render_pages(service.print_sheets(world.teacher, world.exam_uuid, "national"))
    stranger, _printed = filled_sheet(world.exam_uuid, layout, blank[2], "101", "", rng)  # Châu: no account
    client.force_login(world.teacher)
    nothing = synth._encode(synth.np.full((800, 600, 3), 200, synth.np.uint8), 80)
    _upload(
        client,
        world,
        [_photo_file(synth.photo(blank[2], rng), "chau.jpg"), _photo_file(nothing, "wall.jpg")],
        django_capture_on_commit_callbacks,
    )
    sheets = {s.source: s for s in ScannedSheet.objects.filter(exam__uuid=world.exam_uuid)}
    assert sheets["chau.jpg"].status == "review"
    assert ["number", "no_account"] in _open(sheets["chau.jpg"])
    assert sheets["wall.jpg"].status == "unreadable"
    assert "bốn ô vuông" in sheets["wall.jpg"].read["error"]
    assert not Attempt.objects.filter(exam__uuid=world.exam_uuid).exists()


def _open(sheet):
    from openedx_vn.assessment.sheets.grade import open_problems

    return open_problems(sheet)[0]


def test_who_may_print_upload_and_review(client, sheets_world):
    world = sheets_world
    page = reverse("vn_assessment:sheets-page", args=[world.exam_uuid])
    printed = reverse("vn_assessment:sheets-print", args=[world.exam_uuid]) + "?kind=national"
    client.force_login(world.student_a)
    assert client.get(page).status_code == 403
    assert client.get(printed).status_code == 403
    client.force_login(world.other_teacher)
    assert client.get(page).status_code == 403
    assert client.post(reverse("vn_assessment:sheets-batch-new", args=[world.exam_uuid])).status_code == 403
    client.force_login(world.teacher)
    response = client.get(printed)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(page).status_code == 200
    missing = reverse(
        "vn_assessment:sheet-review", args=[world.exam_uuid, "00000000-0000-0000-0000-000000000000"]
    )
    assert client.get(missing).status_code == 404


def test_bad_files_and_class_lists_are_refused_in_vietnamese(client, sheets_world):
    world = sheets_world
    client.force_login(world.teacher)
    new = client.post(reverse("vn_assessment:sheets-batch-new", args=[world.exam_uuid])).json()
    parts = reverse("vn_assessment:sheets-batch-part", args=[world.exam_uuid, new["batch"]])
    from django.core.files.uploadedfile import SimpleUploadedFile

    refused = client.post(
        parts, {"name": "bai.docx", "index": 0, "part": SimpleUploadedFile("bai.docx", b"x")}
    )
    assert refused.status_code == 400 and "bai.docx" in refused.json()["error"]
    out_of_order = client.post(
        parts, {"name": "a.jpg", "index": 2, "part": SimpleUploadedFile("a.jpg", b"x")}
    )
    assert out_of_order.status_code == 400 and "a.jpg" in out_of_order.json()["error"]
    start = reverse("vn_assessment:sheets-batch-start", args=[world.exam_uuid, new["batch"]])
    assert client.post(start).status_code == 400  # nothing uploaded
    with pytest.raises(service.ClassListInvalid) as error:
        service.save_students(
            world.teacher, world.exam_uuid, "1; An; hs_an\nabc; Bình\n1; Lặp lại\n4; Ai; khong_co"
        )
    lines = [where.split()[-1] for where, _message in error.value.problems]
    assert lines == ["2", "3", "4"]
    assert world.exam_model.sheet_students.count() == 3  # the old list is kept whole
