"""A new teacher in a browser: picks the CV 7991 template for Toán 10, fills the matrix from the curriculum's
topics, watches the totals reach 10 (a bad cell is flagged as it is typed), saves, downloads the matrix, draws
4 versions, and opens the Word paper of version 102 and the answer keys (read back with python-docx)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from docx import Document

from openedx_vn.assessment import api
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank.models import QuestionBank
from tests.plugins.assessment.conftest import CELLS, body_of
from tests.plugins.qbank.banks import add_question
from tests.plugins.schools.teachers import make_teacher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOPICS = ("TOAN.10.1.1", "TOAN.10.1.3")  # Tập hợp. Mệnh đề; Hàm số và đồ thị
KINDS = ("multiple_choice", "true_false_cluster", "short_answer", "essay")
LEVELS = ("biet", "hieu", "van_dung")


@pytest.fixture
def teacher(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    curriculum_api.load_shipped_curriculum()
    user = get_user_model().objects.create_user("gv_moi", first_name="Hoa", last_name="Đỗ Thị")
    make_teacher(user)  # a teacher by an explicit grant (ADR 0012): a bank alone does not make one
    bank = QuestionBank.objects.create(name="Toán 10 – cô Hoa", owner_id=user.id)
    n = 0
    for topic in TOPICS:
        outcome = curriculum_api.get_tree("TOAN", 10)[0]
        outcome = next(t for t in outcome.children if t.code == topic).children[0].code
        for kind in KINDS:
            for level in LEVELS:
                for _ in range(5):
                    n += 1
                    add_question(
                        bank,
                        f"Câu hỏi {n} về {topic}: tính $x^2$",
                        kind,
                        body_of(kind, n),
                        subject_code="TOAN",
                        grade=10,
                        cognitive_level=level,
                        outcome_codes=[outcome],
                    )
    user.bank = bank
    return user


def _sign_in(page, live_server, user):
    # The dev host signs in staff only (the LMS signs people in itself): hand the browser a session.
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _cell(page, row, fmt, level):
    return page.locator(f'td.vn-as-cell[data-row="{row}"][data-format="{fmt}"][data-level="{level}"]')


def _docx_text(path):
    document = Document(path)
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.append(" | ".join(cell.text for cell in row.cells))
    return document, "\n".join(texts)


def test_a_new_teacher_builds_a_blueprint_and_prints_version_102(live_server, page, teacher, tmp_path):
    _sign_in(page, live_server, teacher)
    page.goto(f"{live_server.url}/vn/assessment/")
    page.locator("main a[href$='/vn/assessment/blueprints/new/']").first.click()
    page.wait_for_selector("#vn-as-editor[data-ready='1']")

    # The CV 7991 template is offered first, with its source and how sure we are of it.
    assert page.locator("select[name=template]").input_value() == "cv7991"
    assert "7991" in page.locator("#vn-as-template-info").inner_text()
    page.locator("input[name=title]").fill("Kiểm tra giữa học kì I – Toán 10")
    page.locator("select[name=subject_code]").select_option("TOAN")
    page.locator("select[name=grade]").select_option("10")

    # Rows come from the curriculum: two topics of Toán 10.
    picker = page.locator("#vn-as-add-topic")
    page.wait_for_function("!document.getElementById('vn-as-add-topic').disabled")
    for code in TOPICS:
        picker.select_option(code)
    assert page.locator("#vn-as-grid tbody tr").count() == 2
    assert page.locator('input[data-field="rows[0].codes"]').input_value() == TOPICS[0]
    assert page.locator('textarea[data-field="rows[1].label"]').input_value() == "Hàm số và đồ thị"

    # A đúng – sai cell of 6 statements is flagged at once; 4 clears it.
    tf = _cell(page, 0, "true_false_cluster", "biet")
    tf.locator(".vn-as-count").fill("6")
    tf.locator(".vn-as-points").fill("1")
    assert "vn-as-blocking" in tf.get_attribute("class")
    assert tf.locator(".vn-as-note").inner_text() != ""
    page.screenshot(path=tmp_path / "matrix-problem.png", full_page=True)
    tf.locator(".vn-as-count").fill("4")
    assert "vn-as-blocking" not in tf.get_attribute("class")

    total = page.locator("#vn-as-total")
    for cell in CELLS:
        target = _cell(page, cell["row"], cell["format"], cell["level"])
        target.locator(".vn-as-count").fill(str(cell["count"]))
        target.locator(".vn-as-points").fill(cell["points"].replace(".", ","))
        if cell is CELLS[2]:  # multiple choice done: 3 + 1 (đúng – sai) points of 10, short of the total
            assert total.get_attribute("data-points") == "4"
            assert "vn-as-blocking" in total.get_attribute("class")
    assert total.get_attribute("data-points") == "10"
    assert "vn-as-blocking" not in total.get_attribute("class")
    assert page.locator("#vn-as-grid .vn-as-blocking, #vn-as-grid .vn-as-diff").count() == 0
    by_format = page.locator("#vn-as-by-format tbody tr")
    assert [by_format.nth(i).locator("td").nth(1).inner_text() for i in range(4)] == ["3", "2", "2", "3"]
    by_level = page.locator("#vn-as-by-level tbody tr")
    assert [by_level.nth(i).locator("td").nth(2).inner_text() for i in range(3)] == ["40%", "30%", "30%"]
    page.locator("#vn-as-problems li.vn-as-ok").wait_for()  # the server's check agrees
    page.screenshot(path=tmp_path / "matrix-editor.png", full_page=True)

    assert not page.locator("#vn-as-generate").is_visible()  # nothing to draw from before it is saved
    page.locator("#vn-as-save").click()
    page.wait_for_url(re.compile(r"/vn/assessment/blueprints/[0-9a-f-]{36}/$"))
    blueprint_uuid = page.url.rstrip("/").split("/")[-1]
    stored, problems = api.get_blueprint(teacher, blueprint_uuid)
    assert problems == [] and [row.codes for row in stored.rows] == [(TOPICS[0],), (TOPICS[1],)]

    assert page.locator("#vn-as-generate").is_visible()
    with page.expect_download() as download:
        page.locator('a[data-file="matrix.docx"]').click()
    _document, text = _docx_text(download.value.path())
    assert "Tập hợp. Mệnh đề" in text and "Hàm số và đồ thị" in text

    # Draw 4 versions from the teacher's bank.
    page.locator("#vn-as-generate").click()
    page.locator(f"input[name=banks][value='{teacher.bank.uuid}']").check()
    page.locator("input[name=versions]").fill("4")
    page.locator("#vn-as-draw").click()
    page.wait_for_url(re.compile(r"/vn/assessment/tests/[0-9a-f-]{36}/$"))
    exam_uuid = page.url.rstrip("/").split("/")[-1]
    assert page.locator("#vn-as-exam-uuid").input_value() == exam_uuid
    assert page.locator("#vn-as-versions tbody tr").count() == 4
    page.screenshot(path=tmp_path / "test-page.png", full_page=True)

    # Version 102's Word paper: its code, its parts, its questions in the version's order.
    with page.expect_download() as download:
        page.locator('#vn-as-versions tr[data-code="102"] a[data-kind="docx"]').click()
    assert download.value.suggested_filename.endswith(".docx")
    _document, text = _docx_text(download.value.path())
    assert "Mã đề 102" in text and "PHẦN I." in text and "PHẦN IV." in text
    contents, versions, _points = api.exam_versions(teacher, exam_uuid)
    version = next(v for v in versions if v.code == "102")
    printed = [int(number) for number in re.findall(r"Câu hỏi (\d+) về", text)]
    expected = [
        int(re.search(r"Câu hỏi (\d+)", contents[item.uuid].stem)[1])
        for items in version.parts.values()
        for item in items
    ]
    assert printed == expected and len(printed) == 20

    # The answer keys: the column of version 102 holds its keys, as the page's table shows them.
    with page.expect_download() as download:
        page.locator("#vn-as-keys-docx").click()
    document, _text = _docx_text(download.value.path())
    table = document.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    column = header.index("Mã đề 102")
    printed_keys = [table.rows[i].cells[column].text for i in range(1, 13)]  # part I: 12 questions
    page_keys = page.locator('#vn-as-keys tbody tr[data-part="multiple_choice"]').evaluate_all(
        "rows => rows.map(r => r.querySelectorAll('td.vn-as-key')[1].innerText.trim())"  # 101, 102, …
    )
    assert printed_keys == page_keys == [item.key for item in version.parts["multiple_choice"]]


def test_an_exam_structure_fills_the_counts_and_save_names_the_missing_fields(live_server, page, teacher):
    _sign_in(page, live_server, teacher)
    page.goto(f"{live_server.url}/vn/assessment/blueprints/new/")
    page.wait_for_selector("#vn-as-editor[data-ready='1']")
    page.locator("select[name=template]").select_option("thpt2025_toan")

    # 12 × 0,25 + 4 × 1 + 6 × 0,5, spread over Biết / Hiểu / Vận dụng as 4 / 3 / 3 (đúng – sai in statements).
    assert page.locator("select[name=subject_code]").input_value() == "TOAN"
    expected = {
        "multiple_choice": [("5", "1,25"), ("4", "1"), ("3", "0,75")],
        "true_false_cluster": [("8", "2"), ("4", "1"), ("4", "1")],
        "short_answer": [("2", "1"), ("2", "1"), ("2", "1")],
    }
    for fmt, values in expected.items():
        for level, value in zip(LEVELS, values, strict=True):
            cell = _cell(page, 0, fmt, level)
            typed = (cell.locator(".vn-as-count").input_value(), cell.locator(".vn-as-points").input_value())
            assert typed == value, (fmt, level)
    assert page.locator("#vn-as-total").get_attribute("data-points") == "10"
    assert "12 × 0,25" in page.locator("#vn-as-template-info").inner_text()

    # Saving without a title or codes stores nothing and marks the fields.
    page.locator("#vn-as-save").click()
    page.locator("#vn-as-field-errors li").first.wait_for()
    fields = page.locator("#vn-as-field-errors li").evaluate_all("items => items.map(i => i.dataset.field)")
    assert fields == ["title", "rows[0].label", "rows[0].codes"]
    assert "vn-as-invalid" in page.locator("input[name=title]").get_attribute("class")
    assert "vn-as-invalid" in page.locator('input[data-field="rows[0].codes"]').get_attribute("class")
    assert api.list_blueprints(teacher) == []
