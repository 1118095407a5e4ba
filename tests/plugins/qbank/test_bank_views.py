"""Banks over REST: who may import, and how problems come back."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openedx_vn.qbank import api
from tests.plugins.schools.teachers import make_teacher

pytestmark = pytest.mark.django_db
GOOD = "Câu 1?{=A ~B}\n\nCâu 2?{F}\n".encode()


@pytest.fixture
def teachers():
    users = get_user_model().objects
    return make_teacher(users.create_user("gv_an", password="x"), users.create_user("gv_binh", password="x"))


def test_a_teacher_creates_a_bank_and_imports_into_it(client, teachers):
    client.force_login(teachers[0])
    bank = client.post(reverse("vn_qbank:bank-list"), {"name": "Toán 6"}).json()
    url = reverse("vn_qbank:bank-import", args=[bank["uuid"]])
    preview = client.post(url, {"file": SimpleUploadedFile("de.gift", GOOD), "dry_run": "true"}).json()
    assert (preview["created"], preview["dry_run"], preview["questions"]) == (2, True, [])
    done = client.post(url, {"file": SimpleUploadedFile("de.gift", GOOD)}).json()
    assert done["created"] == 2 and len(done["questions"]) == 2
    assert client.get(reverse("vn_qbank:bank-list")).json()[0]["question_count"] == 2


def test_another_teacher_cannot_import_into_my_bank(client, teachers):
    bank = api.create_bank("Toán 6", owner_id=teachers[0].id)
    client.force_login(teachers[1])
    response = client.post(
        reverse("vn_qbank:bank-import", args=[bank.uuid]), {"file": SimpleUploadedFile("a.gift", GOOD)}
    )
    assert response.status_code == 403
    assert client.get(reverse("vn_qbank:bank-list")).json() == []  # a teacher; no bank, no share: nothing
    assert api.get_bank(bank.uuid).question_count == 0


def test_problems_come_back_with_their_place(client, teachers):
    bank = api.create_bank("Toán 6", owner_id=teachers[0].id)
    client.force_login(teachers[0])
    bad = SimpleUploadedFile("bad.gift", "Câu 1?{=A ~B}\n\nCâu 2?{=A =B ~C}\n".encode())
    response = client.post(reverse("vn_qbank:bank-import", args=[bank.uuid]), {"file": bad})
    assert response.status_code == 400
    (problem,) = response.json()["problems"]
    assert (problem["file"], problem["line"], problem["question"]) == ("bad.gift", 3, 2)
    assert api.get_bank(bank.uuid).question_count == 0
    assert client.post(reverse("vn_qbank:bank-import", args=["nope"]), {"file": bad}).status_code == 404
