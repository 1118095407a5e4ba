"""The /vn/reporting/ pages (in Vietnamese): scope-checked, decimal commas, marking a course from the page."""

import pytest
from django.urls import reverse

from openedx_vn.reporting import api
from tests.plugins.teaching.conftest import HA_LONG

from .events import TRAINING


def _get(client, user, name, **params):
    client.force_login(user)
    return client.get(reverse(f"vn_reporting:{name}"), params)


@pytest.mark.parametrize("name", ["index", "training", "evidence"])
def test_teachers_and_students_get_403(client, org, name):
    for who in ("teacher_a", "student"):
        assert _get(client, org.users[who], name).status_code == 403


def test_the_province_marks_a_course_and_sees_the_rollup(client, org):
    client.force_login(org.users["province"])
    url = reverse("vn_reporting:training")
    response = client.post(url, {"course_key": "KNS01"}, follow=True)
    assert "không phải là mã khoá học" in response.content.decode() and api.list_training_courses() == []
    client.post(url, {"course_key": TRAINING, "title": "Kĩ năng số"})
    assert [c.course_key for c in api.list_training_courses()] == [TRAINING]
    page = client.get(url).content.decode()
    assert "Trường THCS A" in page and "Trường THPT T" in page and 'id="vn-training-communes"' in page
    assert "0,0 %" in page  # a decimal comma


def test_a_commune_officer_cannot_mark_courses(client, org):
    client.force_login(org.users["commune_x"])
    response = client.post(reverse("vn_reporting:training"), {"course_key": TRAINING})
    assert response.status_code == 403 and api.list_training_courses() == []
    page = client.get(reverse("vn_reporting:training")).content.decode()
    assert "Trường THCS A" in page and "Trường TH và THCS B" not in page
    assert "Đánh dấu là khoá bồi dưỡng giáo viên" not in page


def test_the_evidence_page_names_the_decision_and_unverified_criteria(client, org):
    page = _get(client, org.users["province"], "evidence").content.decode()
    assert "QĐ 4725/QĐ-BGDĐT" in page and "chưa đối chiếu với văn bản quyết định" in page
    assert 'id="vn-evidence-schools"' in page and "Trường THPT T" in page


def test_the_area_pages_link_to_the_reports_of_their_area(client, org):
    client.force_login(org.users["province"])
    commune = client.get(reverse("vn_teaching:area-dashboard", args=[HA_LONG])).content.decode()
    assert f'href="/vn/reporting/training/?commune={HA_LONG}"' in commune
    assert f'href="/vn/reporting/evidence/?commune={HA_LONG}"' in commune
    province = client.get(reverse("vn_teaching:area-dashboard", args=["22"])).content.decode()
    assert 'href="/vn/reporting/training/"' in province
