"""The audit trail: append-only entries written in the transaction of the change, read only within the
reader's scope, times shown in Vietnam time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from openedx_vn.audit import api as audit_api
from openedx_vn.audit.models import Entry
from openedx_vn.qbank import api as qbank_api
from openedx_vn.qbank.models import QuestionBank
from openedx_vn.schools import api as schools_api
from openedx_vn.teaching import api as teaching_api
from tests.plugins.qbank.banks import add_question
from tests.plugins.teaching.conftest import HA_LONG, HA_TU, QN

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def submitted(org):
    """A session of school A's teacher, waiting for the leader."""
    class_id = org.classes["A", "6A1"]
    teaching_api.set_plan(class_id, "TOAN", planned_periods=140)
    session = teaching_api.create_session(
        org.users["teacher_a"],
        class_id=class_id,
        subject_code="TOAN",
        starts_at=datetime(2025, 10, 6, 7, 30, tzinfo=VN),
        periods=2,
    )
    teaching_api.submit_session(org.users["teacher_a"], session.id)
    return session.id


def _actions(user, **filters):
    return [(e.action, e.object_id) for e in audit_api.list_entries(user, **filters)]


def test_approvals_and_rejections_are_recorded_with_before_and_after(org, submitted):
    teaching_api.approve_session(org.users["leader_a"], submitted)
    entry = audit_api.list_entries(org.users["leader_a"], action="session.approved")[0]
    assert (entry.actor_username, entry.object_id, entry.school_code) == (
        "ht_a",
        str(submitted),
        org.codes["A"],
    )
    assert (entry.commune_code, entry.province_code) == (HA_LONG, QN)  # filled in from the school
    assert entry.before["status"] == "submitted" and entry.after == entry.before | {
        "status": "approved",
        "counted": True,
        "reason": "",
    }


def test_a_change_and_its_entry_are_stored_together_or_not_at_all(org, submitted, monkeypatch):
    def broken(*args):
        raise RuntimeError("audit storage down")

    monkeypatch.setattr(audit_api, "_place", broken)
    with pytest.raises(RuntimeError):
        teaching_api.approve_session(org.users["leader_a"], submitted)
    monkeypatch.undo()
    assert teaching_api.get_session(org.users["leader_a"], submitted).status == "submitted"
    assert not Entry.objects.filter(action="session.approved").exists()


def test_entries_are_append_only(org):
    schools_api.grant_role(org.users["teacher_b"].id, "teacher", org.codes["A"], by=org.users["leader_a"])
    entry = Entry.objects.get(action="role.granted", actor_user_id=org.users["leader_a"].id)
    entry.action = "role.revoked"
    with pytest.raises(audit_api.AppendOnly):
        entry.save()
    with pytest.raises(audit_api.AppendOnly):
        entry.delete()
    with pytest.raises(audit_api.AppendOnly):
        Entry.objects.update(after=None)
    with pytest.raises(audit_api.AppendOnly):
        Entry.objects.all().delete()
    assert Entry.objects.get(pk=entry.pk).action == "role.granted"


def test_each_reader_sees_only_their_scope(org, submitted):
    users = org.users
    teaching_api.approve_session(users["leader_a"], submitted)  # school A, Hạ Long
    schools_api.grant_role(users["teacher_c"].id, "teacher", org.codes["B"], by=users["leader_b"])  # B, Hà Tu
    schools_api.grant_role(users["teacher_c"].id, "teacher", org.codes["T"], by=users["province"])  # THPT
    policy = teaching_api.get_policy("2025-2026").policy
    teaching_api.set_policy(users["province"], "2025-2026", policy, commune_code=HA_TU)
    approved = ("session.approved", str(submitted))
    assert _actions(users["leader_a"], action="session.approved") == [approved]
    assert {e.school_code for e in audit_api.list_entries(users["leader_a"])} == {org.codes["A"]}
    assert approved not in _actions(users["leader_b"])
    seen_x = {e.school_code or e.commune_code for e in audit_api.list_entries(users["commune_x"])}
    assert seen_x == {org.codes["A"], HA_LONG}  # not the THPT in Hạ Long (the province's), not Hà Tu
    seen_y = {e.school_code or e.commune_code for e in audit_api.list_entries(users["commune_y"])}
    assert seen_y == {org.codes["B"], HA_TU}
    province = audit_api.list_entries(users["province"])
    assert {e.province_code for e in province} == {QN}
    # The operator also sees the one entry of no place: the operator role's own grant.
    assert len(audit_api.list_entries(users["operator"])) == len(province) + 1
    assert {e.actor_username for e in audit_api.list_entries(users["teacher_a"])} <= {"gv_a"}
    with pytest.raises(PermissionError):
        audit_api.list_entries(users["student"])


def test_role_grants_and_revocations_are_recorded(org):
    schools_api.grant_role(org.users["student"].id, "teacher", org.codes["A"], by=org.users["operator"])
    assert not schools_api.grant_role(
        org.users["student"].id, "teacher", org.codes["A"]
    )  # no change: no entry
    schools_api.revoke_role(org.users["student"].id, "teacher", org.codes["A"], by=org.users["operator"])
    entries = audit_api.list_entries(org.users["leader_a"], action=None)
    mine = [(e.action, e.before, e.after) for e in entries if e.object_id == str(org.users["student"].id)]
    scope = {"role": "teacher", "scope": org.codes["A"]}
    assert mine == [("role.revoked", scope, None), ("role.granted", None, scope)]


def test_bank_shares_and_moves_are_recorded(client, org):
    owner = org.users["teacher_a"]
    bank = qbank_api.create_bank(
        "Toán 6 trường A", owner_id=owner.id, scope="school", school_code=org.codes["A"]
    )
    other = qbank_api.create_bank("Toán 6 của tôi", owner_id=owner.id)
    client.force_login(owner)
    url = reverse("vn_qbank:bank-share-list", args=[bank.uuid])
    assert client.post(url, {"username": "gv_c", "role": "viewer"}).status_code == 201
    detail = reverse("vn_qbank:bank-share-detail", args=[bank.uuid, org.users["teacher_c"].id])
    assert client.patch(detail, {"role": "editor"}, content_type="application/json").status_code == 200
    assert client.delete(detail).status_code == 204
    question = add_question(QuestionBank.objects.get(uuid=other.uuid), "<p>Phân số nào bằng 1/2?</p>")
    move = reverse("vn_qbank:bank-move", args=[other.uuid])
    body = {"target": str(bank.uuid), "questions": [str(question.uuid)]}
    assert client.post(move, body, content_type="application/json").json() == {"moved": 1}
    entries = [  # the school bank's place: school A
        e for e in audit_api.list_entries(org.users["leader_a"]) if e.action != "role.granted"
    ]
    assert [e.action for e in entries] == [
        "questions.moved",
        "bank.unshared",
        "bank.share_changed",
        "bank.shared",
    ]
    assert entries[0].after == {"bank": str(bank.uuid), "questions": [str(question.uuid)]}
    assert entries[1].before == {"user_id": org.users["teacher_c"].id, "role": "editor"}
    assert entries[2].before["role"] == "viewer" and entries[2].after["role"] == "editor"
    assert entries[3].school_code == org.codes["A"] and entries[3].actor_username == "gv_a"


def test_the_page_and_rest_show_vietnam_time(client, org):
    Entry.objects.create(
        at=datetime(2025, 10, 6, 23, 30, tzinfo=UTC),
        actor_user_id=org.users["leader_a"].id,
        action="session.rejected",
        object_type="online_session",
        object_id="7",
        school_code=org.codes["A"],
        after={"reason": "thiếu minh chứng"},
    )
    client.force_login(org.users["leader_a"])
    with translation.override("vi"):
        page = client.get(reverse("vn_audit:trail"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "07/10/2025 06:30" in page and "thiếu minh chứng" in page and "Nhật ký thay đổi" in page
    rows = client.get(reverse("vn_audit:entry-list"), {"action": "session.rejected"}).json()
    assert rows[0]["at"] == "2025-10-07T06:30:00+07:00" and rows[0]["at_display"] == "07/10/2025 06:30"
    bad = client.get(reverse("vn_audit:entry-list"), {"limit": "99999999999999999999", "action": "x"})
    assert bad.status_code == 400 and {"limit", "action"} <= set(bad.json())
    client.force_login(org.users["student"])
    assert client.get(reverse("vn_audit:trail")).status_code == 403
    assert client.get(reverse("vn_audit:entry-list")).status_code == 403


def test_a_school_report_with_names_is_logged(client, org, submitted, tmp_path, settings):
    settings.VN_PRIVATE_STORAGE_ROOT = tmp_path / "private"  # exports are private files (ADR 0011)
    client.force_login(org.users["leader_a"])
    response = client.post(reverse("vn_teaching:school-export", args=[org.codes["A"], "csv"]))
    assert response.status_code == 302
    entry = audit_api.list_entries(org.users["commune_x"], action="export.names")[0]
    assert (entry.actor_username, entry.school_code) == ("ht_a", org.codes["A"])
    assert entry.object_id.endswith(".csv")
    assert not audit_api.list_entries(org.users["leader_b"], action="export.names")
