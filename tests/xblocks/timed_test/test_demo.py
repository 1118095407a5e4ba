"""The dev host's demo test (``make dev``) and the block's workbench scenario that names it."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from devhost import demo_assessment
from openedx_vn.assessment import api
from openedx_vn.qbank import api as qbank_api

SCENARIO = "/workbench/scenario/vn_timed_test.0/"


def forget_earlier_demo_tests():
    """The demo test has a fixed id, and every test database generates it again with other questions: the
    process's caches of tests (keyed by id, immutable by design) must forget the earlier one."""
    api._CONTENTS.clear()
    api._LAYOUTS.clear()


@pytest.fixture
def demo(db):
    forget_earlier_demo_tests()
    call_command("load_curriculum", verbosity=0)
    call_command("load_demo_data")
    from workbench.scenarios import init_scenarios

    init_scenarios()  # the scenarios' content, in this test's database


def test_the_demo_test_is_made_once_from_giaovien_s_toan_10_bank(demo):
    call_command("load_demo_data")  # again: nothing new
    teacher = get_user_model().objects.get(username="giaovien")
    info = api.get_exam(teacher, demo_assessment.DEMO_EXAM_UUID)
    assert info.version_codes == ("101", "102", "103", "104") and info.question_count == 20
    assert (info.minutes, info.max_points, info.grade, info.closes_at) == (45, 10, 10, None)
    assert len(api.list_exams(teacher)) == 1 and len(api.list_blueprints(teacher)) == 1
    banks = [bank for bank in qbank_api.list_banks(owner_id=teacher.id) if bank.name == demo_assessment.BANK]
    assert [bank.question_count for bank in banks] == [32]
    _blueprint, problems = api.get_blueprint(teacher, api.list_blueprints(teacher)[0][0])
    assert problems == []  # the CV 7991 proportions exactly
    for username in ("hocsinh1", "hocsinh2"):
        assert get_user_model().objects.get(username=username).check_password(username)


def test_the_scenario_shows_the_demo_test_to_a_demo_student(demo, client):
    page = client.get(f"{SCENARIO}?student=hocsinh1").content.decode()
    assert 'class="vn-timed-test vn-math tex2jax_ignore" data-state="not_started"' in page
    assert "Kiểm tra giữa học kì I – Toán 10" in page and 'class="vn-tt-start-button"' in page
    ticket = json.loads(
        re.search(r'<script id="vn-tt-config-[^"]*" type="application/json">(.*?)</script>', page).group(1)
    )["ticket"]
    client.login(username="hocsinh1", password="hocsinh1")
    started = client.post(
        f"/vn/assessment/api/v1/attempts/{demo_assessment.DEMO_EXAM_UUID}/start/",
        {"ticket": ticket},
        content_type="application/json",
    )
    assert started.status_code == 200 and started.json()["version_code"] in ("101", "102", "103", "104")
