import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse


@pytest.mark.django_db
def test_home_page_lists_question_types_without_sign_in(client):
    response = client.get(reverse("vn_qbank:home"))
    assert response.status_code == 200
    assert "Trắc nghiệm đúng/sai" in response.content.decode()


@pytest.mark.django_db
def test_question_types_api_needs_sign_in(client):
    url = reverse("vn_qbank:question-type-list")
    assert client.get(url).status_code == 403
    client.force_login(get_user_model().objects.create_user("gv", password="x"))
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert {"code": "essay", "label": "Tự luận"} in response.json()
