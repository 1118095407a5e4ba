import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_program_page_is_vietnamese(client):
    response = client.get(reverse("vn_curriculum:program"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Trung học cơ sở" in html
    assert "Chương trình giáo dục phổ thông 2018" in html


@pytest.mark.django_db
def test_levels_api(client):
    response = client.get(reverse("vn_curriculum:level-list"))
    assert response.status_code == 200
    assert response.json()[1] == {
        "code": "THCS",
        "name_vi": "Trung học cơ sở",
        "name_en": "Lower secondary",
        "grades": [6, 7, 8, 9],
        "period_minutes": 45,
    }
