import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from openedx_vn.curriculum import api

from .conftest import DATA

pytestmark = pytest.mark.django_db


def test_program_page_finds_toan_6_and_its_periods(client, program):
    response = client.get(reverse("vn_curriculum:program"), {"grade": 6}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Chương trình giáo dục phổ thông 2018" in html
    row = html[html.index('href="/vn/curriculum/TOAN/6/"') :]
    assert row.index(">Toán – lớp 6<") < row.index(">140<") < row.index("</tr>")


def test_program_page_searches_without_diacritics(client, toan6):
    html = client.get(reverse("vn_curriculum:program"), {"q": "phan so"}).content.decode()
    assert "3 kết quả" in html
    assert "Nhận biết được phân số với tử số hoặc mẫu số là số nguyên âm." in html


def test_subject_page_shows_periods_and_tree(client, toan6):
    html = client.get(reverse("vn_curriculum:subject", args=["TOAN", 6])).content.decode()
    assert "140 tiết/năm" in html
    assert html.index("Số và Đại số") < html.index("Phân số") < html.index("Hình học và Đo lường")


def test_unknown_subject_and_bad_grade_are_404_not_500(client, program):
    assert client.get(reverse("vn_curriculum:subject", args=["LICHSU", 6])).status_code == 404
    assert client.get(reverse("vn_curriculum:program"), {"grade": "sáu"}).status_code == 404


def test_page_without_a_loaded_program_says_so(client):
    response = client.get(reverse("vn_curriculum:program"))
    assert response.status_code == 404
    assert "load_curriculum" in response.content.decode()


def test_levels_api(client, program):
    response = client.get(reverse("vn_curriculum:level-list"))
    assert response.status_code == 200
    assert response.json()[1] == {
        "code": "THCS",
        "name_vi": "Trung học cơ sở",
        "name_en": "Lower secondary",
        "grades": [6, 7, 8, 9],
        "period_minutes": 45,
    }
    assert client.get(reverse("vn_curriculum:level-list"), {"version": "nope"}).status_code == 404


def test_subjects_api_gives_periods_and_their_source(client, program):
    rows = client.get(reverse("vn_curriculum:subject-list"), {"grade": 10}).json()
    history = next(row for row in rows if row["code"] == "LICHSU")
    assert (history["periods_per_year"], history["kind"]) == (52, "compulsory")
    assert history["source"].startswith("TT 13/2022/TT-BGDĐT")
    assert client.get(reverse("vn_curriculum:subject-list"), {"level": "MN"}).status_code == 400


def test_tree_and_search_api(client, toan6):
    tree = client.get(reverse("vn_curriculum:tree", args=["TOAN", 6])).json()
    assert tree[0]["children"][1]["children"][0]["code"] == "TOAN.6.1.2.1"
    hits = client.get(reverse("vn_curriculum:node-search"), {"q": "phan so", "kind": "outcome"}).json()
    assert [hit["code"] for hit in hits] == ["TOAN.6.1.2.1", "TOAN.6.1.2.2"]
    assert client.get(reverse("vn_curriculum:node-search")).status_code == 400
    assert client.get(reverse("vn_curriculum:tree", args=["LICHSU", 6])).status_code == 404


def test_topics_import_api_is_staff_only_and_all_or_nothing(client, program):
    url = reverse("vn_curriculum:topics-import")
    with open(DATA / "toan6_small.csv", "rb") as upload:
        assert client.post(url, {"file": upload}).status_code == 403
    client.force_login(get_user_model().objects.create_user("to-truong", password="x", is_staff=True))
    with open(DATA / "bad_rows.csv", "rb") as upload:
        refused = client.post(url, {"file": upload})
    assert refused.status_code == 400
    assert {
        "file": "bad_rows.csv",
        "line": 3,
        "field": "periods",
        "message": "'abc' is not a whole number",
    } in (refused.json()["problems"])
    assert api.search_nodes("mot mach") == []
    with open(DATA / "toan6_small.csv", "rb") as upload:
        loaded = client.post(url, {"file": upload})
    assert loaded.status_code == 200 and loaded.json()["nodes"] == 9


def test_csv_template_has_the_columns(client):
    response = client.get("/vn/curriculum/api/v1/topics/template.csv")
    assert (
        response.content.decode("utf-8-sig").splitlines()[0]
        == "subject,grade,code,parent,kind,title,periods,source"
    )
    assert client.get("/vn/curriculum/api/v1/topics/template.pdf").status_code == 404


@pytest.mark.django_db
def test_an_unreadable_upload_answers_as_the_schema_says(client):
    """A multipart body DRF cannot parse answers the documented ``{detail, problems}``, not DRF's bare one."""
    user = get_user_model().objects.create_user("nhanvien", password="x", is_staff=True)
    client.force_login(user)
    response = client.post(
        reverse("vn_curriculum:topics-import"),
        b"--x\r\nnot a part",
        content_type="multipart/form-data",  # no boundary: the parser cannot read it
    )
    assert response.status_code == 400
    body = response.json()
    assert "multipart" in body["detail"].lower()
    assert body["problems"] == []
