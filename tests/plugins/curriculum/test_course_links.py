"""A course run linked to its school, school year, grade, subject and classes: API, REST, Studio page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from openedx_vn.curriculum import api
from openedx_vn_data import data_file

pytestmark = pytest.mark.django_db
COURSE = "course-v1:QuangNinh+TOAN6+2025_2026"
GOOD = {"school_code": "22000101", "school_year": "2025-2026", "grade": 6, "subject_code": "TOAN"}


def test_link_records_the_current_program_version(program):
    link = api.link_course(COURSE, class_names=["6A1", " 6A2 "], **GOOD)
    assert link == api.CourseLinkInfo(COURSE, "22000101", "2025-2026", 6, "TOAN", ("6A1", "6A2"), program.key)
    assert api.get_course_link(COURSE) == link
    assert api.list_course_links(school_year="2025-2026") == [link]
    assert api.list_course_links(school_code="other") == []


def test_relinking_keeps_the_version_it_was_made_under(program):
    api.link_course(COURSE, class_names=["6A1"], **GOOD)
    amended = data_file("curriculum", "program.yaml").read_text(encoding="utf-8")
    amended = amended.replace("{grades: [1], periods: 105", "{grades: [1], periods: 140").replace(
        "1: 875,", "1: 910,"
    )
    new, created = api.load_program(amended)
    assert created
    relinked = api.link_course(COURSE, class_names=["6A1", "6A3"], **GOOD)
    assert relinked.version_key == program.key != new.key
    assert relinked.class_names == ("6A1", "6A3")


def test_every_wrong_field_is_named_and_nothing_is_stored(program):
    with pytest.raises(api.InvalidCourseLink) as caught:
        api.link_course("not-a-key", "", "2025-2027", 6, "LICHSU", ["6A1", "6A1"])
    assert set(caught.value.errors) == {
        "course_key",
        "school_code",
        "school_year",
        "subject_code",
        "class_names",
    }
    assert api.list_course_links() == []


def test_rest_endpoint_checks_who_may_author_the_course(client, program):
    url = reverse("vn_curriculum:course-link-api", args=[COURSE])
    body = {**GOOD, "class_names": ["6A1"]}
    assert client.put(url, body, content_type="application/json").status_code == 403
    users = get_user_model().objects
    client.force_login(users.create_user("giaovien", password="x"))
    assert client.put(url, body, content_type="application/json").status_code == 403
    client.force_login(users.create_user("quantri", password="x", is_staff=True))
    assert client.get(url).status_code == 404
    saved = client.put(url, body, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["class_names"] == ["6A1"]
    refused = client.put(url, {**body, "school_year": "2025"}, content_type="application/json")
    assert refused.status_code == 400 and "school_year" in refused.json()
    assert client.get(url).json()["school_year"] == "2025-2026"


def test_studio_page_form(client, program):
    url = reverse("vn_curriculum:course-link", args=[COURSE])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(get_user_model().objects.create_user("quantri", password="x", is_staff=True))
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Khóa học và lớp học" in page and '<option value="TOAN">Toán</option>' in page
    form = {**GOOD, "class_names": "6A1, 6A2"}
    bad = client.post(url, {**form, "subject_code": "LICHSU"})
    assert bad.status_code == 400 and "LICHSU" in bad.content.decode()
    assert client.post(url, form).status_code == 302
    assert api.get_course_link(COURSE).class_names == ("6A1", "6A2")
