"""Online sessions: the approval workflow, duplicates refused (in the API and by the database), the lesson
block's sessions and attendance, and who may do what."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from openedx_vn.teaching import api
from openedx_vn.teaching.models import OnlineSession

from .conftest import at

pytestmark = pytest.mark.django_db

OCT_6 = date(2025, 10, 6)
LESSON = "block-v1:QuangNinh+TOAN6+2025_2026+type@vn_online_lesson+block@bai1"
COURSE = "course-v1:QuangNinh+TOAN6+2025_2026"


def _draft(org, who="teacher_a", day=OCT_6, **extra):
    fields = {"class_id": org.classes["A", "6A1"], "subject_code": "TOAN", "starts_at": at(day), "periods": 2}
    return api.create_session(org.users[who], **(fields | extra))


def _online(org, class_key=("A", "6A1"), subject="TOAN"):
    grid = api.class_subject_grid(org.users["operator"], org.codes[class_key[0]], on=date(2025, 12, 1))
    row = next(r for r in grid.rows if r.class_id == org.classes[class_key])
    cell = next(c for c in row.cells if c.subject_code == subject)
    return cell.figure.online, cell.pending


def test_draft_submitted_approved_counts_once_approved(org):
    api.set_plan(org.classes["A", "6A1"], "TOAN", planned_periods=140)
    session = _draft(org, url="https://meet.example.invalid/a", attendance=37)
    assert (session.status, session.counted, session.source) == ("draft", False, "manual")
    assert session.starts_at.utcoffset().total_seconds() == 7 * 3600 and session.week == 6
    assert session.evidence == api.Evidence(37, "https://meet.example.invalid/a", "")
    assert _online(org) == (0, 0)
    submitted = api.submit_session(org.users["teacher_a"], session.id)
    assert submitted.status == "submitted" and _online(org) == (0, 2)
    approved = api.approve_session(org.users["leader_a"], session.id)
    assert (approved.status, approved.counted, approved.decided_by_user_id) == (
        "approved",
        True,
        org.users["leader_a"].id,
    )
    assert _online(org) == (2, 0)


def test_rejection_needs_a_reason_and_the_teacher_may_fix_and_resubmit(org):
    session = _draft(org)
    api.submit_session(org.users["teacher_a"], session.id)
    with pytest.raises(api.SessionError) as caught:
        api.reject_session(org.users["leader_a"], session.id, "  ")
    assert "reason" in caught.value.errors
    rejected = api.reject_session(org.users["leader_a"], session.id, "Thiếu đường dẫn buổi học")
    assert (rejected.status, rejected.reason, rejected.counted) == (
        "rejected",
        "Thiếu đường dẫn buổi học",
        False,
    )
    fixed = api.update_session(org.users["teacher_a"], session.id, url="https://meet.example.invalid/b")
    assert (fixed.status, fixed.reason, fixed.evidence.url) == ("draft", "", "https://meet.example.invalid/b")
    assert api.submit_session(org.users["teacher_a"], session.id).status == "submitted"


def test_only_the_schools_own_leader_decides(org):
    session = _draft(org)
    api.submit_session(org.users["teacher_a"], session.id)
    for who in ("teacher_a", "commune_x", "province", "operator", "staff"):
        with pytest.raises(api.SessionPermissionError):
            api.approve_session(org.users[who], session.id)
    for who in ("leader_b", "commune_y", "student"):
        with pytest.raises(api.ScopeError):
            api.approve_session(org.users[who], session.id)
    assert api.approve_session(org.users["leader_a"], session.id).status == "approved"


def test_steps_the_workflow_does_not_allow_are_refused(org):
    session = _draft(org)
    with pytest.raises(api.SessionError, match="status: the session is draft: it cannot be approved"):
        api.approve_session(org.users["leader_a"], session.id)
    api.submit_session(org.users["teacher_a"], session.id)
    with pytest.raises(api.SessionError, match="cannot be submitted"):
        api.submit_session(org.users["teacher_a"], session.id)
    api.approve_session(org.users["leader_a"], session.id)
    with pytest.raises(api.SessionError, match="cannot be edited"):
        api.update_session(org.users["teacher_a"], session.id, periods=1)
    with pytest.raises(api.SessionPermissionError):
        api.delete_session(org.users["teacher_a"], session.id)
    api.delete_session(org.users["leader_a"], session.id)
    with pytest.raises(api.ScopeError):
        api.get_session(org.users["leader_a"], session.id)


def test_a_session_recorded_twice_is_refused_naming_the_first(org):
    first = _draft(org)
    with pytest.raises(api.SessionError) as caught:
        _draft(org, who="leader_a", teacher_user_id=org.users["teacher_a"].id)
    assert f"session {first.id}" in caught.value.errors["starts_at"]
    assert OnlineSession.objects.count() == 1


def test_the_database_refuses_duplicates_the_api_would_not_see(org):
    first = _draft(org)
    row = OnlineSession.objects.get(pk=first.id)
    row.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()  # same class, subject and start: the (class, subject, slot) constraint
    api.record_block_session(
        LESSON, COURSE, [org.classes["A", "6A1"]], "TOAN", 1, at(OCT_6, 14), 1, "live", "supporting"
    )
    block = OnlineSession.objects.get(usage_key=LESSON)
    block.pk = None
    block.starts_at = at(OCT_6, 15)
    with pytest.raises(IntegrityError), transaction.atomic():
        block.save()  # same block and class: the (usage key, class) constraint


def test_a_manual_session_at_a_block_sessions_time_is_refused(org):
    api.record_block_session(
        LESSON, COURSE, [org.classes["A", "6A1"]], "TOAN", 1, at(OCT_6), 1, "live", "supporting"
    )
    with pytest.raises(api.SessionError, match="online-lesson block"):
        _draft(org)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"starts_at": at(date(2026, 7, 1))}, "starts_at"),  # summer: outside the school year
        ({"periods": 0}, "periods"),
        ({"mode": "hybrid"}, "mode"),
        ({"form": "other"}, "form"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"subject_code": " "}, "subject_code"),
        ({"class_id": 424242}, "class_id"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_wrong_field_is_named(org, extra, field):
    with pytest.raises(api.SessionError) as caught:
        _draft(org, **extra)
    assert field in caught.value.errors


def test_a_teacher_records_only_what_they_teach(org):
    with pytest.raises(api.SessionPermissionError, match="You do not teach NGUVAN"):
        _draft(org, subject_code="NGUVAN")
    with pytest.raises(api.ScopeError):
        _draft(org, who="teacher_b")
    entered = _draft(org, who="leader_a", teacher_user_id=org.users["teacher_c"].id, subject_code="NGUVAN")
    assert entered.teacher_user_id == org.users["teacher_c"].id


def test_who_lists_which_sessions(org):
    mine = _draft(org)
    other = _draft(org, who="teacher_c", subject_code="NGUVAN")
    b = api.create_session(
        org.users["teacher_b"],
        class_id=org.classes["B", "5A1"],
        subject_code="TIENGVIET",
        starts_at=at(OCT_6),
        periods=1,
    )
    seen = {who: {s.id for s in api.list_sessions(org.users[who])} for who in org.users}
    assert seen["teacher_a"] == {mine.id}
    assert seen["teacher_c"] == {other.id}
    assert seen["leader_a"] == seen["commune_x"] == {mine.id, other.id}
    assert seen["commune_y"] == seen["leader_b"] == seen["teacher_b"] == {b.id}
    assert seen["province"] == seen["operator"] == seen["staff"] == {mine.id, other.id, b.id}
    assert seen["leader_t"] == seen["student"] == set()
    assert [s.id for s in api.list_sessions(org.users["province"], school_code=org.codes["B"])] == [b.id]
    assert api.list_sessions(org.users["province"], status="approved") == []


def test_block_sessions_count_once_attendance_meets_the_policy(org):
    class_id = org.classes["A", "6A1"]  # 40 students
    api.set_plan(class_id, "TOAN", planned_periods=140)
    policy = api.get_policy("2025-2026").policy
    policy["counting"]["min_attendance_share"] = "0.5"
    api.set_policy(org.users["province"], "2025-2026", policy)
    api.recompute_shares("2025-2026")
    [session] = api.record_block_session(
        LESSON,
        COURSE,
        [class_id],
        "TOAN",
        org.users["teacher_a"].id,
        at(OCT_6),
        2,
        "live",
        "supporting",
        meeting_url="https://meet.example.invalid/x",
    )
    assert (session.status, session.source, session.counted, session.evidence.attendance) == (
        "recorded",
        "block",
        False,
        0,
    )
    for student in range(1, 20):
        api.record_attendance(LESSON, student)
    api.record_attendance(LESSON, 1)  # a second visit of the same student counts once
    assert api.get_session(org.users["operator"], session.id).evidence.attendance == 19
    assert _online(org) == (0, 0)
    api.record_attendance(LESSON, 20)  # 20 of 40 = 50%
    assert api.get_session(org.users["operator"], session.id).counted
    assert _online(org) == (2, 0)


def test_the_block_records_each_class_once_and_follows_its_changes(org):
    classes = [org.classes["A", "6A1"], org.classes["A", "6A2"]]
    first = api.record_block_session(LESSON, COURSE, classes, "TOAN", 7, at(OCT_6), 1, "live", "supporting")
    again = api.record_block_session(
        LESSON, COURSE, classes, "TOAN", 7, at(OCT_6, 9), 2, "self_paced", "supporting"
    )
    assert [s.id for s in first] == [s.id for s in again]
    assert [(s.periods, s.mode, s.starts_at.hour) for s in again] == [(2, "self_paced", 9)] * 2
    with pytest.raises(api.SessionError, match="several classes"):
        api.record_attendance(LESSON, 5)
    api.record_attendance(LESSON, 5, class_id=classes[1])
    assert OnlineSession.objects.get(usage_key=LESSON, class_id=classes[1]).attendance == 1
    assert OnlineSession.objects.get(usage_key=LESSON, class_id=classes[1]).counted  # default rule: 1 visit
    assert api.remove_block_sessions(LESSON, [classes[0]]) == 1
    assert api.remove_block_sessions(LESSON) == 1
    with pytest.raises(api.SessionError, match="usage_key"):
        api.record_attendance(LESSON, 6)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"usage_key": ""}, "usage_key"),
        ({"class_ids": []}, "class_ids"),
        ({"teacher_user_id": None}, "teacher_user_id"),
        ({"class_ids": [999999]}, "class_id"),
        ({"starts_at": at(date(2026, 8, 1))}, "starts_at"),
        ({"mode": "video"}, "mode"),
    ],
)
def test_a_wrong_block_session_names_the_field(org, arguments, field):
    values = {
        "usage_key": LESSON,
        "course_key": COURSE,
        "class_ids": [org.classes["A", "6A1"]],
        "subject_code": "TOAN",
        "teacher_user_id": 1,
        "starts_at": at(OCT_6),
        "periods": 1,
        "mode": "live",
        "form": "supporting",
    }
    with pytest.raises(api.SessionError) as caught:
        api.record_block_session(**(values | arguments))
    assert field in caught.value.errors
