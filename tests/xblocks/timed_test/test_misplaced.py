"""A timed-test block that cannot show its test counts for nothing and says why, without a database error;
numbers are written the test's way (a decimal comma) whatever the language of the page.

The missing tables are real: the test renames the assessment app's table in the test database (and removes
a migration's record), then puts it back.
"""

import json
import uuid

import pytest
import webob
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import translation
from lxml import html as lxml_html

from openedx_vn.assessment import api
from tests.xblocks.timed_test.conftest import timed_test

UNKNOWN = "0b7c1d5e-1111-4222-8333-944445555666"


def render(block, view="student_view", language="en"):
    with translation.override(language):
        page = lxml_html.fromstring(block.render(view).content)
    return " ".join(page.text_content().split()), page


def config_of(page):
    scripts = page.xpath("//script[@type='application/json']")
    return json.loads(scripts[0].text) if scripts else None


def handle(block, handler, payload=None):
    request = webob.Request.blank("/", method="POST", body=json.dumps(payload or {}).encode())
    with translation.override("en"):
        response = block.runtime.handle(block, handler, request)
    return response.status_code, json.loads(response.body)


# --------------------------------------------------------------------------------- points possible
@pytest.mark.parametrize("exam_uuid", ["", "  ", "not-an-id", UNKNOWN])
def test_a_block_without_an_existing_test_is_worth_no_points(world, exam_uuid):
    block = timed_test(exam_uuid, "hs_an", attributes='weight="10"')
    assert block.has_score and block.max_score() == 0


def test_a_block_with_its_test_is_worth_ten_points(exam):
    assert timed_test(exam.info.uuid, "hs_an").max_score() == 10
    assert timed_test(f" {exam.info.uuid} ", "hs_an").max_score() == 10


# -------------------------------------------------------------------------------- number format
def test_a_vietnamese_test_keeps_its_decimal_comma_on_an_english_page(exam, settings):
    settings.LANGUAGE_CODE = "en"  # the LMS's default
    assert exam.info.language == "vi"
    text, page = render(timed_test(exam.info.uuid, "hs_an"), language="en")
    config = config_of(page)
    assert config["decimal_separator"] == ","
    assert config["messages"]["time_left"] == "Time left"  # the page itself stays in English
    assert "45 minutes" in text


def test_the_score_is_written_with_the_tests_decimal_comma(exam, settings):
    settings.LANGUAGE_CODE = "en"
    world = exam.world
    view = api.start_attempt(exam.info.uuid, world.student_a.id)
    api.save_answer(exam.info.uuid, world.student_a.id, view.parts[0]["questions"][0]["uuid"], 0, 1)
    done = api.submit_attempt(exam.info.uuid, world.student_a.id)
    _text, page = render(timed_test(exam.info.uuid, "hs_an"), language="en")
    shown = page.find_class("vn-tt-score")[0].text_content().strip()
    assert shown == f"{done.score:f}".replace(".", ",") and "." not in shown


# ------------------------------------------------------------------------------- missing tables
@pytest.fixture
def people(transactional_db):
    users = get_user_model().objects
    return users.create_user("hs_an"), users.create_user("quantri", is_staff=True)


@pytest.fixture
def without_tables(people):
    """The assessment app's tables as on a site where `migrate` was not run: the test table is gone."""
    rename("vn_assessment_exam", "vn_assessment_exam_away")
    try:
        yield
    finally:
        rename("vn_assessment_exam_away", "vn_assessment_exam")


def rename(table, new_name):
    with connection.schema_editor() as editor:  # the same statement on SQLite and MariaDB/MySQL
        editor.execute(f"ALTER TABLE {editor.quote_name(table)} RENAME TO {editor.quote_name(new_name)}")


def test_students_are_told_the_test_is_not_available(without_tables):
    block = timed_test(UNKNOWN, "hs_an")
    text, page = render(block)
    assert text == "This test is not available right now."
    assert config_of(page) is None and "migrate" not in text
    assert block.max_score() == 0
    vietnamese, _page = render(block, language="vi")
    assert vietnamese == "Bài kiểm tra này hiện chưa sẵn sàng."


def test_staff_are_told_what_to_run(without_tables):
    text, _page = render(timed_test(UNKNOWN, "quantri"))
    assert "./manage.py lms migrate" in text and "tables are missing" in text
    studio, _page = render(timed_test(UNKNOWN, "hs_an"), view="author_view")
    assert studio == text
    vietnamese, _page = render(timed_test(UNKNOWN, "quantri"), language="vi")
    assert "./manage.py lms migrate" in vietnamese and "bảng dữ liệu" in vietnamese


def test_studio_names_the_command_when_the_test_is_checked(without_tables):
    block = timed_test(UNKNOWN, "quantri")
    status, body = handle(block, "submit_studio_edits", {"values": {"exam_uuid": UNKNOWN}, "defaults": []})
    assert status == 400
    assert [m["text"] for m in body["error"]["messages"]] == [
        "Test: the tests app's tables are missing: run ./manage.py lms migrate"
    ]


def test_the_api_says_the_app_is_not_installed(without_tables):
    assert api.installed() is False
    with pytest.raises(api.NotInstalled, match="manage.py lms migrate"):
        api.exam_summary(str(uuid.uuid4()))


def test_an_unapplied_migration_is_not_installed_either(transactional_db):
    assert api.installed() is True
    recorder = MigrationRecorder(connection)
    last = max(name for app, name in recorder.applied_migrations() if app == "vn_assessment")
    recorder.record_unapplied("vn_assessment", last)
    try:
        assert api.installed() is False
    finally:
        recorder.record_applied("vn_assessment", last)
    assert api.installed() is True
