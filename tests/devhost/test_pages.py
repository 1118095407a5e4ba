"""The development host: home page, workbench, demo data."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.teaching import api as teaching_api


@pytest.mark.django_db
def test_home_page_is_vietnamese_and_shows_each_role_its_apps(client):
    """A visitor is asked to sign in; staff get every app and the dev host's tools (role homes: ADR 0018)."""
    curriculum_api.load_program()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trường học Việt Nam trên Open edX" in html
    assert 'href="/accounts/login/?next=%2F"' in html
    assert 'href="/vn/qbank/"' not in html
    get_user_model().objects.create_user("staff_home", password="pw", is_staff=True)
    client.login(username="staff_home", password="pw")
    html = client.get("/").content.decode()
    apps = ("/vn/curriculum/", "/vn/qbank/", "/vn/teaching/", "/vn/assessment/")
    for url in ("/workbench/", "/api/docs/", *apps):
        assert f'href="{url}' in html
        assert client.get(url).status_code == 200, url
    assert 'href="/vn/curriculum/courses/course-v1:QuangNinh+TOAN6+2025_2026/link/"' in html


@pytest.mark.django_db
def test_workbench_lists_and_renders_our_scenario(client):
    index = client.get(reverse("workbench_index")).content.decode()
    assert "/workbench/scenario/vn_question.0/" in index
    assert "lti_consumer" not in index  # its scenario needs the platform's keys
    assert client.get("/workbench/scenario/vn_question.0/").status_code == 200


@pytest.mark.django_db
def test_api_schema_documents_every_app(client):
    schema = client.get("/api/schema/").content.decode()
    for path in ("/vn/curriculum/api/v1/levels/", "/vn/qbank/api/v1/question-types/"):
        assert path in schema
    assert "/vn/teaching/api/v1/courses/{course_key}/enrollment-summary/" in schema
    assert "lti_consumer" not in schema


@pytest.mark.django_db
def test_setup_runs_twice_and_the_second_run_adds_nothing(capsys):
    call_command("setup_devhost")
    call_command("setup_devhost")
    assert "0 new user(s)" in capsys.readouterr().out
    users = get_user_model().objects
    assert users.filter(username__in=["admin", "giaovien", "hocsinh1", "hocsinh2"]).count() == 4
    assert users.get(username="admin").check_password("admin")
    summary = teaching_api.get_enrollment_summary("course-v1:QuangNinh+TOAN6+2025_2026")
    assert (summary.active, summary.total) == (2, 2)
    link = curriculum_api.get_course_link("course-v1:QuangNinh+TOAN6+2025_2026")
    assert (link.grade, link.subject_code, link.class_names) == (6, "TOAN", ("6A1", "6A2"))


@pytest.mark.django_db
def test_a_user_who_is_not_staff_signs_in_on_the_dev_host(client):
    get_user_model().objects.create_user("hieutruong_test", password="hieutruong_test")
    page = client.get(reverse("login") + "?next=/vn/teaching/")
    assert page.status_code == 200 and "Đăng nhập" in page.content.decode()
    wrong = client.post(
        reverse("login"), {"username": "hieutruong_test", "password": "x", "next": "/vn/teaching/"}
    )
    assert wrong.status_code == 200 and "Sai tên đăng nhập hoặc mật khẩu" in wrong.content.decode()
    signed_in = client.post(
        reverse("login"),
        {"username": "hieutruong_test", "password": "hieutruong_test", "next": "/vn/teaching/"},
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == "/vn/teaching/"
