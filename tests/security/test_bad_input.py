"""Bad requests found by probing (issue 12): a 400 naming the field or a 404, in Vietnamese, never a 500.

The ids are too large for any column (20 digits): MariaDB refuses them and SQLite overflows, so they must be
refused at the edge, for every role (a student too).
"""

import os

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, TestCase

from devhost.management.commands.load_demo_data import DEMO_SCHOOL

HUGE = "9" * 20
SESSIONS = "/vn/teaching/api/v1/sessions/"


def load_demo():
    """The dev host's demo data (users of every role, the demo commune's schools, sessions, banks, tests)."""
    with open(os.devnull, "w") as quiet:
        call_command("load_curriculum", stdout=quiet)
        call_command("load_demo_data", stdout=quiet)


def signed_in(username):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(get_user_model().objects.get(username=username))
    return client


class BadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()

    def field_message(self, response, field):
        assert response.status_code == 400, response.content[:300]
        body = response.json()
        assert field in body
        return " ".join(str(message) for message in body[field])

    def test_an_unknown_school_is_a_vietnamese_404_even_for_staff(self):
        response = signed_in("admin").get("/vn/schools/api/v1/schools/NOPE/")
        assert response.status_code == 404
        assert response.json()["detail"] == "Không có trường NOPE trong phạm vi của bạn."

    def test_the_sessions_list_names_the_parameter_out_of_range(self):
        client = signed_in("hieutruong")
        cases = [
            ("offset", "99999999999999999999", "nhỏ hơn hoặc bằng 2147483647"),
            ("offset", "-1", "lớn hơn hoặc bằng 0"),
            ("limit", "0", "lớn hơn hoặc bằng 1"),
            ("limit", "501", "nhỏ hơn hoặc bằng 500"),
            ("limit", "nhiều", "Cần một số nguyên hợp lệ"),
            ("class_id", HUGE, "nhỏ hơn hoặc bằng 9223372036854775807"),
            ("teacher", HUGE, "nhỏ hơn hoặc bằng 9223372036854775807"),
        ]
        for field, value, expected in cases:
            with self.subTest(field=field, value=value):
                assert expected in self.field_message(client.get(SESSIONS, {field: value}), field)

    def test_a_session_with_a_class_id_too_large_is_refused_by_name(self):
        body = {"class_id": HUGE, "subject_code": "TOAN", "starts_at": "2025-10-01T07:30:00", "periods": 2}
        response = signed_in("giaovien").post(SESSIONS, body, content_type="application/json")
        assert "nhỏ hơn hoặc bằng 9223372036854775807" in self.field_message(response, "class_id")

    def test_a_plan_with_a_class_id_too_large_is_refused_by_name(self):
        body = {"class_id": HUGE, "subject_code": "TOAN", "planned_periods": 140}
        client = signed_in("hieutruong")
        response = client.put("/vn/teaching/api/v1/plans/", body, content_type="application/json")
        assert "nhỏ hơn hoặc bằng" in self.field_message(response, "class_id")

    def test_the_trend_refuses_a_class_id_too_large_for_every_role(self):
        for username in ("hocsinh1", "giaovien", "canbotinh"):
            with self.subTest(username=username):
                response = signed_in(username).get("/vn/teaching/api/v1/shares/trend/", {"class_id": HUGE})
                assert "nhỏ hơn hoặc bằng" in self.field_message(response, "class_id")

    def test_a_session_id_too_large_is_an_unknown_session(self):
        client = signed_in("giaovien")
        for response in (client.get(f"{SESSIONS}{HUGE}/"), client.post(f"{SESSIONS}{HUGE}/submit/")):
            assert response.status_code == 404
            assert response.json()["detail"] == "Không tìm thấy."

    def test_a_real_session_still_answers(self):
        client = signed_in("hieutruong")
        rows = client.get(SESSIONS, {"school": DEMO_SCHOOL, "limit": "2", "offset": "1"}).json()
        assert len(rows) == 2
        assert client.get(f"{SESSIONS}{rows[0]['id']}/").json()["id"] == rows[0]["id"]

    def test_a_malformed_json_body_is_a_vietnamese_400(self):
        response = signed_in("giaovien").post(SESSIONS, "{not json", content_type="application/json")
        assert response.status_code == 400
        assert response.json()["detail"].startswith("Lỗi phân tích JSON - "), response.json()
