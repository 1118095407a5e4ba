"""The online-lesson block's sessions: one per lesson block × class, recorded (and updated) when the block
is saved, counted once enough students visited (the year's ``min_attendance_share`` of the class, at least
one: a lesson nobody visited is no evidence of teaching)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from openedx_vn.teaching import cells, policies, sessions
from openedx_vn.teaching.errors import SessionError
from openedx_vn.teaching.models import OnlineSession, SessionAttendance
from openedx_vn.teaching.sessions import required_attendance

Status = OnlineSession.Status
Source = OnlineSession.Source


def _block_counted(row):
    return row.status == Status.RECORDED and (row.attendance or 0) >= row.required_attendance


@transaction.atomic
def record_block(
    usage_key,
    course_key,
    class_ids,
    subject_code,
    teacher_user_id,
    starts_at,
    periods,
    mode,
    form,
    meeting_url="",
):
    """Create or update the block's session of each class (one per usage key × class); [SessionInfo]."""
    usage_key = str(usage_key or "").strip()
    if not usage_key:
        raise SessionError.of({"usage_key": _("give the lesson block's usage key")})
    if not class_ids:
        raise SessionError.of({"class_ids": _("give at least one class")})
    try:
        teacher_user_id = int(teacher_user_id)
    except (TypeError, ValueError) as exc:
        raise SessionError.of({"teacher_user_id": _("give the teacher's platform user id")}) from exc
    out = []
    for class_id in class_ids:
        fields = {
            "class_id": class_id,
            "subject_code": subject_code,
            "starts_at": starts_at,
            "periods": periods,
            "mode": mode,
            "form": form,
            "url": meeting_url,
        }
        values, keys = sessions.clean(fields)
        values.pop("attendance", None)  # the block counts visits itself
        policy = policies.get(keys.year, keys.province_code, keys.commune_code, keys.reports_to)
        row = (
            OnlineSession.objects.select_for_update()
            .filter(usage_key=usage_key, class_id=keys.class_id)
            .first()
        )
        common = (
            keys.org_fields() | values | {"class_name": keys.class_name, "course_key": str(course_key or "")}
        )
        common["teacher_user_id"] = teacher_user_id
        if row is None:
            row = OnlineSession(
                **common, usage_key=usage_key, source=Source.BLOCK, status=Status.RECORDED, attendance=0
            )
            row.required_attendance = required_attendance(keys.size, policy)
            row.counted = _block_counted(row)
            sessions.insert(row)
            out.append(sessions.info(row))
            continue

        common["required_attendance"] = required_attendance(keys.size, policy)

        def mutate(target, common=common):
            for name, value in common.items():
                setattr(target, name, value)
            target.counted = _block_counted(target)

        out.append(sessions.change(row, mutate))
    return out


@transaction.atomic
def remove_block(usage_key, class_ids=None):
    """Remove the block's sessions (of ``class_ids``, default all) and their visits; returns how many."""
    rows = OnlineSession.objects.select_for_update().filter(usage_key=str(usage_key), source=Source.BLOCK)
    if class_ids is not None:
        rows = rows.filter(class_id__in=[int(c) for c in class_ids])
    removed = 0
    for row in rows:
        before = sessions.state(row)
        row.delete()
        cells.apply(before, None)
        removed += 1
    return removed


@transaction.atomic
def record_visit(usage_key, user_id, class_id=None):
    """Record a student's visit to a block session once; the session counts when attendance reaches the rule.

    ``class_id`` names the student's class when the block serves several. Returns True for a new visit.
    """
    rows = OnlineSession.objects.filter(usage_key=str(usage_key), source=Source.BLOCK)
    if class_id is not None:
        rows = rows.filter(class_id=int(class_id))
    found = list(rows.values_list("pk", flat=True)[:2])
    if not found:
        raise SessionError.of(
            {
                "usage_key": _("no session of %(key)s for class %(class)s")
                % {"key": usage_key, "class": class_id}
            }
        )
    if len(found) > 1:
        raise SessionError.of({"class_id": _("the lesson serves several classes: give the student's class")})
    try:
        with transaction.atomic():
            SessionAttendance.objects.create(
                session_id=found[0], usage_key=str(usage_key), user_id=int(user_id)
            )
    except IntegrityError:
        return False  # visited already (idempotent per lesson block and student)
    row = OnlineSession.objects.select_for_update().get(pk=found[0])

    def mutate(target):
        target.attendance = (target.attendance or 0) + 1
        target.counted = _block_counted(target)

    sessions.change(row, mutate)
    return True
