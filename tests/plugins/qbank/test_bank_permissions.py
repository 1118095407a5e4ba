"""Who reaches what: every teacher page and bank endpoint for the owner, a shared viewer and editor, another
teacher, a student, platform staff and an anonymous visitor."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openedx_vn.qbank import jobs, permissions
from openedx_vn.qbank.models import BankShare, ImportJob, QuestionBank

pytestmark = pytest.mark.django_db
ROLES = ("owner", "viewer", "editor", "other", "student", "staff", "anonymous")
GIFT = "::Câu 1::Một cộng một bằng {=2 ~3}\n".encode()
CONTENT = {
    "type": "essay",
    "stem": "Trình bày cách rút gọn phân số $\\frac{12}{18}$.",
    "body": {"rubric": []},
}


def _expect(ok, default, **overrides):
    """Expected status per role: ``ok`` for the roles listed in overrides as True, else their code."""
    table = dict.fromkeys(ROLES, default)
    table["anonymous"] = 403
    for role, value in overrides.items():
        table[role] = ok if value is True else value
    return table


def _job(p):
    upload = SimpleUploadedFile("de.gift", GIFT)
    return jobs.start(p.bank, p.owner.id, upload)


VIEW = {"owner": True, "viewer": True, "editor": True, "staff": True}
EDIT = {"owner": True, "editor": True, "staff": True}
MANAGE = {"owner": True, "staff": True}
# name: (method, url(p), body(p) or None, expected {role: status})
ENDPOINTS = {
    "banks": ("get", lambda p: reverse("vn_qbank:bank-list"), None, _expect(200, 403, other=True, **VIEW)),
    "create bank": (
        "post",
        lambda p: reverse("vn_qbank:bank-list"),
        lambda p: {"name": "Ngân hàng mới"},
        # Teachers start banks (ADR 0012); a student who is signed in does not.
        _expect(201, 201, student=403),
    ),
    "bank": (
        "get",
        lambda p: reverse("vn_qbank:bank-detail", args=[p.bank.uuid]),
        None,
        _expect(200, 403, **VIEW),
    ),
    "questions": (
        "get",
        lambda p: reverse("vn_qbank:bank-question-list", args=[p.bank.uuid]),
        None,
        _expect(200, 403, **VIEW),
    ),
    "add question": (
        "post",
        lambda p: reverse("vn_qbank:bank-question-list", args=[p.bank.uuid]),
        lambda p: CONTENT,
        _expect(201, 403, **EDIT),
    ),
    "question": (
        "get",
        lambda p: reverse("vn_qbank:question-detail", args=[p.question.uuid]),
        None,
        _expect(200, 403, **VIEW),
    ),
    "new version": (
        "post",
        lambda p: reverse("vn_qbank:question-versions", args=[p.question.uuid]),
        lambda p: CONTENT,
        _expect(201, 403, **EDIT),
    ),
    "move": (
        "post",
        lambda p: reverse("vn_qbank:bank-move", args=[p.bank.uuid]),
        lambda p: {"questions": [str(p.question.uuid)], "target": str(p.target.uuid)},
        _expect(200, 403, **EDIT),
    ),
    "copy": (
        "post",
        lambda p: reverse("vn_qbank:bank-copy", args=[p.bank.uuid]),
        lambda p: {"questions": [str(p.question.uuid)], "target": str(p.target.uuid)},
        _expect(200, 403, **VIEW),
    ),
    "shares": (
        "get",
        lambda p: reverse("vn_qbank:bank-share-list", args=[p.bank.uuid]),
        None,
        _expect(200, 403, **MANAGE),
    ),
    "share": (
        "post",
        lambda p: reverse("vn_qbank:bank-share-list", args=[p.bank.uuid]),
        lambda p: {"username": "gv_khac", "role": "viewer"},
        _expect(201, 403, **MANAGE),
    ),
    "change share": (
        "patch",
        lambda p: reverse("vn_qbank:bank-share-detail", args=[p.bank.uuid, p.viewer.id]),
        lambda p: {"role": "editor"},
        _expect(200, 403, **MANAGE),
    ),
    "remove share": (
        "delete",
        lambda p: reverse("vn_qbank:bank-share-detail", args=[p.bank.uuid, p.viewer.id]),
        None,
        _expect(204, 403, **MANAGE),
    ),
    "one-shot import": (
        "multipart",
        lambda p: reverse("vn_qbank:bank-import", args=[p.bank.uuid]),
        lambda p: {"file": SimpleUploadedFile("de.gift", GIFT)},
        _expect(200, 403, **EDIT),
    ),
    "upload for the wizard": (
        "multipart",
        lambda p: reverse("vn_qbank:import-job-create", args=[p.bank.uuid]),
        lambda p: {"file": SimpleUploadedFile("de.gift", GIFT)},
        _expect(201, 403, **EDIT),
    ),
    # The owner's job: the uploader and those who manage the bank follow it.
    "import job": (
        "get",
        lambda p: reverse("vn_qbank:import-job", args=[_job(p).uuid]),
        None,
        _expect(200, 403, **MANAGE),
    ),
    "confirm import": (
        "post",
        lambda p: reverse("vn_qbank:import-job-confirm", args=[_job(p).uuid]),
        lambda p: {},
        _expect(200, 403, **MANAGE),
    ),
}
# Pages: anonymous visitors are sent to sign in.
PAGES = {
    "banks page": (
        lambda p: reverse("vn_qbank:banks-page"),
        _expect(200, 403, other=True, anonymous=302, **VIEW),
    ),
    "bank page": (
        lambda p: reverse("vn_qbank:bank-page", args=[p.bank.uuid]),
        _expect(200, 403, anonymous=302, **VIEW),
    ),
    "question page": (
        lambda p: reverse("vn_qbank:question-page", args=[p.question.uuid]),
        _expect(200, 403, anonymous=302, **VIEW),
    ),
    "new question page": (
        lambda p: reverse("vn_qbank:new-question-page", args=[p.bank.uuid]),
        _expect(200, 403, anonymous=302, **EDIT),
    ),
    "import page": (
        lambda p: reverse("vn_qbank:import-page", args=[p.bank.uuid]),
        _expect(200, 403, anonymous=302, **EDIT),
    ),
}


@pytest.fixture
def world(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # A bank every teacher role may edit, the target of moves and copies (the student has no role anywhere).
    people.target = QuestionBank.objects.create(name="Đích", owner_id=people.other.id)
    for user in (people.owner, people.viewer, people.editor):
        BankShare.objects.create(bank=people.target, user_id=user.id, role="editor")
    return people


def _sign_in(client, world, role):
    if role != "anonymous":
        client.force_login(getattr(world, role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_endpoint(client, world, name, role):
    method, url, body, expected = ENDPOINTS[name]
    address = url(world)
    _sign_in(client, world, role)
    data = body(world) if body else None
    if method == "multipart":
        response = client.post(address, data)
    elif method == "get":
        response = client.get(address)
    else:
        response = getattr(client, method)(address, json.dumps(data or {}), content_type="application/json")
    assert response.status_code == expected[role], (name, role, response.content[:300])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PAGES))
def test_page(client, world, name, role):
    url, expected = PAGES[name]
    _sign_in(client, world, role)
    response = client.get(url(world))
    assert response.status_code == expected[role], (name, role)
    if expected[role] == 302:
        assert "login" in response["Location"]


def test_students_pages_never_carry_keys(client, world):
    client.force_login(world.student)
    for url in (reverse("vn_qbank:bank-page", args=[world.bank.uuid]), reverse("vn_qbank:banks-page")):
        response = client.get(url)
        assert response.status_code == 403
        assert "frac" not in response.content.decode()


def test_the_bank_page_shows_keys_to_a_viewer_but_no_edit_links(client, world):
    client.force_login(world.viewer)
    page = client.get(reverse("vn_qbank:bank-page", args=[world.bank.uuid])).content.decode()
    assert 'class="correct"' in page and "Phân số nào bằng" in page
    assert reverse("vn_qbank:new-question-page", args=[world.bank.uuid]) not in page
    assert reverse("vn_qbank:import-page", args=[world.bank.uuid]) not in page
    # A viewer may copy into a bank she edits, not move out of this one; she does not manage its shares.
    assert f'<option value="{world.target.uuid}">Đích</option>' in page
    assert 'id="vn-qb-copy"' in page and 'id="vn-qb-move"' not in page and 'id="vn-qb-shares"' not in page


def test_roles_and_visible_banks(world):
    assert permissions.role_on_bank(world.owner, world.bank) == "owner"
    assert permissions.role_on_bank(world.viewer, world.bank) == "viewer"
    assert permissions.role_on_bank(world.editor, world.bank) == "editor"
    assert permissions.role_on_bank(world.other, world.bank) is None
    assert permissions.role_on_bank(world.staff, world.other_bank) == "owner"
    assert set(permissions.visible_banks(world.viewer)) == {world.bank, world.target}
    assert set(permissions.visible_banks(world.other)) == {world.other_bank, world.target}
    assert not permissions.visible_banks(world.student).exists()
    assert permissions.is_bank_user(world.other) and not permissions.is_bank_user(world.student)


def test_an_unknown_bank_or_question_is_404(client, world):
    client.force_login(world.owner)
    assert client.get(reverse("vn_qbank:bank-detail", args=["khong-co"])).status_code == 404
    assert client.get(reverse("vn_qbank:question-detail", args=[world.bank.uuid])).status_code == 404
    assert (
        client.get(reverse("vn_qbank:bank-page", args=["00000000-0000-0000-0000-000000000000"])).status_code
        == 404
    )


def test_import_jobs_of_others_stay_private(client, world):
    job = _job(world)
    assert ImportJob.objects.get(uuid=job.uuid).status == "done"
    client.force_login(world.editor)
    assert client.get(reverse("vn_qbank:import-job", args=[job.uuid])).status_code == 403
