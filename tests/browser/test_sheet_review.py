"""A teacher in a browser reviews a sheet the reader was unsure of: the photo crop beside what was read,
a refusal until every place is decided, then the grade on the results page marked as a paper sheet."""

import random

import pytest
from django.conf import settings
from django.test import Client

from openedx_vn.assessment.sheets import jobs, service
from openedx_vn.assessment.sheets.layout import build_layout
from openedx_vn.assessment.sheets.models import SheetBatch
from tests.plugins.assessment.conftest import world  # noqa: F401 - fixture
from tests.plugins.assessment.sheets import synth
from tests.plugins.assessment.sheets.conftest import filled_sheet, sheets_world  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_teacher_decides_a_double_mark_beside_its_photo(live_server, page, sheets_world):  # noqa: F811
    school = sheets_world
    layout = build_layout("national", service.counts_of(school.exam_model))
    pages = synth.render_pages(service.print_sheets(school.teacher, school.exam_uuid, "national"))
    rng = random.Random(5)  # noqa: S311 - reproducible test data
    filled, _printed = filled_sheet(school.exam_uuid, layout, pages[0], "101", "1", rng, double=1)
    batch = jobs.open_batch(school.exam_model, school.teacher.id)
    jobs.add_part(batch, "an.jpg", 0, synth.photo(pages[0], rng, blur=1.0, quality=85))
    SheetBatch.objects.filter(pk=batch.pk).update(status="queued")  # read here, not on a worker
    jobs.run_batch(batch.uuid)
    (doubled,) = filled.ambiguous
    key = ".".join(map(str, doubled))
    intended = next(v for v, _level, kind in filled.marks[doubled] if kind == "clean")

    _sign_in(page, live_server, school.teacher)
    page.goto(f"{live_server.url}/vn/assessment/tests/{school.exam_uuid}/sheets/")
    page.locator("#vn-sheet-review").click()
    row = page.locator(f'tr[data-key="{key}"]')
    row.wait_for()
    assert "tô nhiều hơn một ô" in row.inner_text()
    crop = row.locator(".vn-sheet-crop")
    assert "image.jpg" in crop.get_attribute("style")
    status = page.evaluate(
        "url => fetch(url).then(r => r.status)", page.locator("img.vn-sheet-whole").get_attribute("src")
    )
    assert status == 200
    assert crop.bounding_box()["width"] > 50
    # Confirming without a decision is refused, in Vietnamese, on that line.
    page.locator("#vn-sheet-confirm").click()
    assert "hãy quyết định" in page.locator(f'tr[data-key="{key}"] .vn-sheet-error').inner_text()
    value = str(intended) if doubled[0] == "mc" else str(bool(intended))
    page.locator(f'tr[data-key="{key}"] input[value="{value}"]').check()
    for other in page.locator("tr[data-key]").all():  # a blurred QR code: which test and which student
        if other.get_attribute("data-key") in ("qr", "number"):
            other.locator("input").first.check()
    page.locator("#vn-sheet-confirm").click()
    page.wait_for_url(f"**/tests/{school.exam_uuid}/sheets/")
    assert "Không có phiếu nào cần xem lại" in page.content()
    page.goto(f"{live_server.url}/vn/assessment/tests/{school.exam_uuid}/results/")
    line = page.locator('tr[data-user="hs_an"]')
    assert "phiếu giấy" in line.inner_text()
    assert line.locator(".vn-as-score").inner_text().strip() != ""
