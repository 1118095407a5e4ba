"""Who sees what: anonymous, signed-in non-staff, staff."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openedx_events.learning.signals import COURSE_ENROLLMENT_CREATED

from .events import COURSE, enrollment


@pytest.fixture
def student(db):
    return get_user_model().objects.create_user("hocsinh", password="x")


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("quantri", password="x", is_staff=True)


@pytest.mark.django_db
def test_overview_page(client, student, staff):
    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment())
    url = reverse("vn_teaching:overview")

    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert COURSE not in anonymous.content.decode()
    assert "/accounts/login/?next=/vn/teaching/" in anonymous.content.decode()

    client.force_login(student)
    assert client.get(url).status_code == 403

    client.force_login(staff)
    page = client.get(url).content.decode()
    assert COURSE in page
    assert "Dạy học trực tuyến" in page


@pytest.mark.django_db
def test_enrollment_summary_api(client, student, staff):
    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment())
    url = reverse("vn_teaching:enrollment-summary", args=[COURSE])
    assert client.get(url).status_code == 403
    client.force_login(student)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    assert client.get(url).json() == {"course_key": COURSE, "course_title": None, "active": 1, "total": 1}


@pytest.mark.django_db
def test_malformed_course_key_gets_a_400_naming_the_field(client, staff):
    client.force_login(staff)
    response = client.get(reverse("vn_teaching:enrollment-summary", args=["khong-phai-khoa"]))
    assert response.status_code == 400
    assert "khong-phai-khoa" in response.json()["course_key"]
