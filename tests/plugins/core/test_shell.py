"""The page shell: each role's menu offers exactly the apps that open for it, the user menu signs out,
the error pages wear the shell, and the home page speaks to each role (ADR 0018)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template import loader
from django.test import Client

pytestmark = pytest.mark.django_db

# username (demo data) -> the menu it gets, in order
MENUS = {
    "giaovien": ["qbank", "assessment", "teaching", "curriculum", "audit"],
    "hieutruong": ["qbank", "assessment", "teaching", "policy", "curriculum", "audit"],
    "canboxa": ["qbank", "teaching", "policy", "curriculum", "audit"],
    "canbotinh": ["qbank", "teaching", "policy", "curriculum", "audit"],
    "hocsinh1": ["my_tests", "practice", "progress"],
}
NAV = re.compile(r'<nav class="vn-appnav".*?</nav>', re.S)
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture
def demo(django_db_blocker):
    call_command("load_curriculum", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    call_command("load_demo_data", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    return {u.username: u for u in get_user_model().objects.all()}


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_each_role_gets_its_menu_and_every_entry_opens(demo):
    from openedx_vn.core import shell  # noqa: PLC0415
    from openedx_vn.menu import sections  # noqa: PLC0415

    for username, expected in MENUS.items():
        assert [key for key, _url, _links in sections(demo[username])] == expected, username
        client = _client(demo[username])
        html = client.get("/").content.decode()
        nav = NAV.search(html).group(0)
        urls = HREF.findall(nav)
        assert urls[0] == shell.home_url() == "/vn/core/"
        assert len(urls) == len(expected) + 1
        for url in urls:
            if url.startswith("/workbench/"):
                continue  # the student's demo blocks: the workbench, checked below
            assert client.get(url).status_code == 200, (username, url)
    student = _client(demo["hocsinh1"])
    assert student.get("/workbench/scenario/vn_timed_test.0/").status_code == 200


def _student_home(demo):
    html = _client(demo["hocsinh1"]).get("/vn/core/").content.decode()
    assert "Xin chào" in html
    for label in ("Bài kiểm tra của em", "Luyện tập", "Kết quả học tập", "Vai trò của bạn: Học sinh"):
        assert label in html
    assert "/vn/qbank/" not in html and "/vn/assessment/" not in html


def _teacher_home(demo):
    html = _client(demo["giaovien"]).get("/vn/core/").content.decode()
    for url in ("/vn/qbank/banks/", "/vn/assessment/blueprints/new/", "/vn/teaching/my/"):
        assert f'href="{url}"' in html
    assert "Tỷ lệ trực tuyến của các lớp tôi dạy" in html


def _user_menu(demo):
    client = _client(demo["giaovien"])
    html = client.get("/vn/qbank/").content.decode()
    assert re.search(r'<form method="post" action="/accounts/logout/">', html)
    assert 'aria-current="page">Ngân hàng câu hỏi<' in html
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def _breadcrumbs(demo):
    html = _client(demo["giaovien"]).get("/vn/qbank/banks/").content.decode()
    crumbs = re.search(r'<nav class="vn-crumbs".*?</nav>', html, re.S).group(0)
    assert 'href="/vn/core/">Trang chủ</a>' in crumbs
    assert 'href="/vn/qbank/">Ngân hàng câu hỏi</a>' in crumbs


def test_refusal_and_error_pages_wear_the_shell_in_vietnamese(demo):
    client = _client(demo["hocsinh1"])
    refused = client.get("/vn/assessment/")
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "Lỗi 403" in html and "Bạn không thể mở trang này" in html
    assert 'class="vn-appnav"' in html  # the student's own menu, to go on
    missing = client.get("/vn/no-such-page/")
    assert missing.status_code == 404 and "Lỗi 404" in missing.content.decode()
    # 500: rendered without the request (which may be what failed), still a page with a way home
    from django.utils import translation  # noqa: PLC0415

    with translation.override("vi"):
        page = loader.get_template("openedx_vn/core/500.html").render({})
    assert "Lỗi 500" in page and 'href="/vn/core/"' in page and "vn-header" in page


def _visitor(demo):
    html = _client(None).get("/vn/core/").content.decode()
    assert 'href="/accounts/login/?next=%2Fvn%2Fcore%2F"' in html
    assert "vn-appnav" not in html


def test_home_pages_user_menu_breadcrumbs_and_visitors(demo):
    """Student and teacher homes, the user menu's sign-out, breadcrumbs, a visitor's page."""
    _student_home(demo)
    _teacher_home(demo)
    _breadcrumbs(demo)
    _visitor(demo)
    _user_menu(demo)
