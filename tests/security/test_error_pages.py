"""Refusals and errors in Vietnamese: our views' 403 and 404 pages (any host), JSON with a Vietnamese
``detail`` for APIs, the dev host's handlers; and the workbench hiding scenario sources from non-staff."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from openedx_vn.core import errors

pytestmark = pytest.mark.django_db


def user_client(username, **fields):
    user = get_user_model().objects.create_user(username, password="x", **fields)
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def test_a_student_opening_a_teacher_page_gets_a_vietnamese_403_with_a_way_home():
    response = user_client("hocsinh_403").get("/vn/assessment/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Bạn không thể mở trang này" in html
    assert "Chỉ giáo viên được tạo ma trận đề và đề kiểm tra." in html  # what was refused
    assert "Bạn có thể làm gì" in html and "hiệu trưởng" in html  # what they can do
    assert f'href="{reverse("vn_core:home")}">Về trang chủ</a>' in html
    assert 'lang="vi"' in html


def test_an_api_refusal_is_json_with_a_vietnamese_detail():
    response = user_client("hocsinh_api").get("/vn/assessment/api/v1/blueprints/")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"] == "Bạn không được cấp quyền để thực hiện hành động này."  # DRF's own


def test_an_unknown_object_of_our_pages_is_a_vietnamese_404_page():
    staff = user_client("nhanvien", is_staff=True)
    response = staff.get("/vn/assessment/blueprints/5b0c4e2a-0000-4000-8000-000000000000/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and f'href="{reverse("vn_core:home")}">Về trang chủ</a>' in html
    assert "5b0c4e2a" not in html.split("<main", 1)[1]  # the exception's text is for the log


def test_the_dev_host_answers_unknown_urls_in_vietnamese(client):
    page = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="vi")
    assert page.status_code == 404 and "Không tìm thấy trang" in page.content.decode()
    api = client.get("/vn/khong-co/api/v1/gi-ca/", HTTP_ACCEPT_LANGUAGE="vi")
    assert api.status_code == 404 and api.json() == {"detail": "Không tìm thấy."}


def test_the_server_error_pages_are_vietnamese():
    factory = RequestFactory(HTTP_ACCEPT_LANGUAGE="vi")
    from django.utils import translation

    with translation.override("vi"):
        page = errors.server_error(factory.get("/vn/teaching/"))
        api = errors.server_error(factory.get("/vn/teaching/api/v1/sessions/"))
    assert page.status_code == 500 and "Đã có lỗi xảy ra" in page.content.decode()
    assert api.status_code == 500 and b"M\\u00e1y ch\\u1ee7 g\\u1eb7p l\\u1ed7i." in api.content


# ------------------------------------------------------------------------------------------ workbench
@pytest.fixture
def scenarios():
    """The scenarios stored in this test's database (the workbench stores them once per process)."""
    from workbench.scenarios import init_scenarios

    init_scenarios()


SCENARIO = "/workbench/scenario/vn_question.0/"


@pytest.mark.usefixtures("scenarios")
@pytest.mark.parametrize("who", ["anonymous", "student"])
def test_the_workbench_hides_the_scenario_source_from_non_staff(client, who):
    if who == "student":
        client = user_client("hocsinh_wb")
    page = client.get(SCENARIO)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="preview student_view"' in html  # the block is there
    assert "&lt;vn_question" not in html and "<vn_question" not in html  # its XML is not
    assert "Scenario" not in html and "studio_view" not in html
    for view in ("studio_view", "author_view"):
        refused = client.get(f"{SCENARIO}{view}/")
        assert refused.status_code == 403
        assert "Chỉ nhân viên quản trị" in refused.content.decode()
    assert client.post("/workbench/reset_state").status_code == 403


@pytest.mark.usefixtures("scenarios")
def test_staff_still_see_the_scenario_source_and_the_studio_view():
    staff = user_client("quantri_wb", is_staff=True)
    html = staff.get(SCENARIO).content.decode()
    assert "&lt;vn_question" in html
    assert staff.get(f"{SCENARIO}studio_view/").status_code == 200
