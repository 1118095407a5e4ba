"""Online sessions: entered by hand (draft → submitted → approved/rejected), imported, or recorded by the
online-lesson block (``blocks.py``). Every change adjusts the session's share cell in its transaction.

Counting rules: an imported or manual session counts once approved; a block session counts once its
attendance reaches the policy's ``min_attendance_share`` of the class (and at least one student came: a
lesson nobody visited is no evidence of teaching).
"""

import math
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from openedx_vn.audit import api as audit_api
from openedx_vn.teaching import access, cells, organisation
from openedx_vn.teaching.data import Evidence, SessionInfo
from openedx_vn.teaching.errors import SessionError, SessionPermissionError
from openedx_vn.teaching.models import OnlineSession

Status = OnlineSession.Status
Source = OnlineSession.Source
MODES = tuple(OnlineSession.Mode.values)
FORMS = tuple(OnlineSession.Form.values)
EDITABLE = (
    "class_id",
    "subject_code",
    "starts_at",
    "periods",
    "mode",
    "form",
    "attendance",
    "url",
    "recording",
)


def info(row):
    return SessionInfo(
        id=row.pk,
        class_id=row.class_id,
        class_name=row.class_name,
        school_code=row.school_code,
        year=row.year,
        week=row.week,
        subject_code=row.subject_code,
        teacher_user_id=row.teacher_user_id,
        starts_at=timezone.localtime(row.starts_at),
        periods=row.periods,
        mode=str(row.mode),
        form=str(row.form),
        evidence=Evidence(row.attendance, row.url, row.recording),
        source=str(row.source),
        status=str(row.status),
        reason=row.reason,
        counted=row.counted,
        usage_key=row.usage_key,
        course_key=row.course_key,
        created_by_user_id=row.created_by_user_id,
        decided_by_user_id=row.decided_by_user_id,
        decided_at=row.decided_at and timezone.localtime(row.decided_at),
    )


def _keys(row):
    return {name: getattr(row, name) for name in cells.ORG_FIELDS}


def state(row):
    """``(keys, contribution)`` of a session for ``cells.apply``."""
    return _keys(row), cells.contribution(row)


# ------------------------------------------------------------------------------------------ validation
def required_attendance(size, policy):
    """Students a block session of a class of ``size`` needs before it counts (at least one)."""
    return max(1, math.ceil(policy.min_attendance_share * size))


def _aware(value, errors):
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            errors["starts_at"] = _("%(value)r is not a date and time (2025-10-06T07:30)") % {"value": value}
            return None
    if not isinstance(value, datetime):
        errors["starts_at"] = _("give a date and time")
        return None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _positive(value, name, errors, optional=False):
    if value in (None, "") and optional:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors[name] = _("%(value)r is not a whole number") % {"value": value}
        return None
    if number < (0 if optional else 1) or number > 10_000:
        errors[name] = (
            _("%(number)s is too large") % {"number": number}
            if number > 10_000
            else _("must be at least %(minimum)s") % {"minimum": 0 if optional else 1}
        )
        return None
    return number


def clean(fields):
    """Check session fields; returns ``(values, ClassKeys)``; ``SessionError`` names each wrong field."""
    errors = {}
    unknown = set(fields) - set(EDITABLE) - {"teacher_user_id"}
    for name in sorted(unknown):
        errors[name] = _("not a field of a session")
    values = {}
    keys = None
    try:
        keys = organisation.class_keys(fields.get("class_id"))
    except organisation.UnknownClass as exc:
        errors["class_id"] = str(exc)
    if not str(fields.get("subject_code") or "").strip():
        errors["subject_code"] = _("give the subject code (TOAN, NGUVAN, ...)")
    else:
        values["subject_code"] = str(fields["subject_code"]).strip().upper()
    values["starts_at"] = _aware(fields.get("starts_at"), errors)
    values["periods"] = _positive(fields.get("periods", 1), "periods", errors)
    values["attendance"] = _positive(fields.get("attendance"), "attendance", errors, optional=True)
    values["mode"] = fields.get("mode") or OnlineSession.Mode.LIVE
    values["form"] = fields.get("form") or OnlineSession.Form.SUPPORTING
    if values["mode"] not in MODES:
        errors["mode"] = _("%(value)r: one of %(choices)s") % {
            "value": values["mode"],
            "choices": ", ".join(MODES),
        }
    if values["form"] not in FORMS:
        errors["form"] = _("%(value)r: one of %(choices)s") % {
            "value": values["form"],
            "choices": ", ".join(FORMS),
        }
    for name in ("url", "recording"):
        values[name] = str(fields.get(name) or "").strip()
        if values[name] and not values[name].startswith(("https://", "http://")):
            errors[name] = _("%(value)r is not a web address (https://...)") % {"value": values[name]}
    if keys and values["starts_at"]:
        year = organisation.year_info(keys.year)
        day = organisation.local_day(values["starts_at"])
        week = organisation.week_of(year, day)
        if week is None:
            errors["starts_at"] = _(
                "%(day)s is outside school year %(year)s of class %(class)s (%(first)s–%(last)s)"
            ) % {
                "day": f"{day:%d/%m/%Y}",
                "year": year.name,
                "class": keys.class_name,
                "first": f"{year.starts_on:%d/%m/%Y}",
                "last": f"{year.ends_on:%d/%m/%Y}",
            }
        values["week"] = week
    if errors:
        raise SessionError.of(errors)
    return values, keys


def duplicate_of(keys, subject_code, starts_at, exclude=None):
    found = OnlineSession.objects.filter(
        class_id=keys.class_id, subject_code=subject_code, starts_at=starts_at
    )
    if exclude:
        found = found.exclude(pk=exclude)
    return found.first()


def _refuse_duplicate(keys, values, exclude=None):
    other = duplicate_of(keys, values["subject_code"], values["starts_at"], exclude)
    if other is not None:
        local = timezone.localtime(values["starts_at"])
        raise SessionError.of(
            {
                "starts_at": (
                    _(
                        "class %(class)s already has a %(subject)s session at %(when)s (session %(id)s, "
                        "%(source)s): a session is recorded once"
                    )
                    % {
                        "class": keys.class_name,
                        "subject": values["subject_code"],
                        "when": f"{local:%d/%m/%Y %H:%M}",
                        "id": other.pk,
                        "source": other.get_source_display(),
                    }
                )
            }
        )


# ------------------------------------------------------------------------------- manual and imported
def _may_teach(scope, keys, subject_code, teacher_user_id):
    """True when the user may record a session of this class × subject for ``teacher_user_id``."""
    if access.leads(scope, keys.school_code):
        return True
    return teacher_user_id == scope.user_id and (keys.class_id, subject_code) in access.teacher_pairs(
        scope, keys.year, keys.school_code
    )


def _check_readable(scope, keys):
    info_ = access.school(keys.school_code)
    if access.sees_whole_school(scope, info_) or keys.school_code in scope.taught_school_codes:
        return
    raise access.ScopeError(_("No class %(id)s in your scope") % {"id": keys.class_id})


def new_row(scope, fields, source, status):
    """An unsaved ``OnlineSession`` from checked fields, for a user allowed to record it."""
    values, keys = clean(fields)
    teacher = fields.get("teacher_user_id") or scope.user_id
    _check_readable(scope, keys)
    if not _may_teach(scope, keys, values["subject_code"], teacher):
        raise SessionPermissionError(
            _("You do not teach %(subject)s to class %(class)s: ask the school leader")
            % {"subject": values["subject_code"], "class": keys.class_name}
        )
    return OnlineSession(
        **keys.org_fields() | {"subject_code": values.pop("subject_code")},
        class_name=keys.class_name,
        teacher_user_id=teacher,
        source=source,
        status=status,
        created_by_user_id=scope.user_id,
        **values,
    ), keys


def insert(row):
    """Save a new row and add it to its cell; a duplicate the database refuses becomes a ``SessionError``."""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise SessionError.of(
            {"starts_at": _("this class already has a session of this subject then")}
        ) from exc
    cells.apply(None, state(row))


@transaction.atomic
def create(user, fields):
    """A manual session in draft; ``SessionError`` for a bad field or a duplicate."""
    scope = access.scope_of(user)
    row, keys = new_row(scope, fields, Source.MANUAL, Status.DRAFT)
    _refuse_duplicate(keys, {"subject_code": row.subject_code, "starts_at": row.starts_at})
    insert(row)
    return info(row)


def _locked(scope, session_id):
    row = OnlineSession.objects.select_for_update().filter(pk=session_id).first()
    if row is None or not _sees(scope, row):
        raise access.ScopeError(_("No session %(id)s in your scope") % {"id": session_id})
    return row


def _sees(scope, row):
    """``visible``'s answer for one row: its plain conditions in Python, the others asked of the database."""
    if scope.everything or row.school_code in scope.led_school_codes:
        return True
    if row.province_code in scope.province_codes:
        return True
    return visible(scope).filter(pk=row.pk).exists()


def _owns(scope, row):
    return scope.user_id is not None and scope.user_id in (row.teacher_user_id, row.created_by_user_id)


def change(row, mutate):
    """Apply ``mutate`` to a locked row, save it and move its contribution between cells."""
    before = state(row)
    mutate(row)
    row.save()
    cells.apply(before, state(row))
    return info(row)


@transaction.atomic
def update(user, session_id, fields):
    """Edit a draft or rejected manual/imported session (back to draft); ``SessionError`` otherwise."""
    scope = access.scope_of(user)
    row = _locked(scope, session_id)
    if row.source == Source.BLOCK or row.status not in (Status.DRAFT, Status.REJECTED):
        raise SessionError.of(
            {
                "status": _("the session is %(status)s: it cannot be edited")
                % {"status": row.get_status_display()}
            }
        )
    if not (_owns(scope, row) or access.leads(scope, row.school_code)):
        raise SessionPermissionError(_("Only its teacher or the school leader edits a session"))
    merged = {name: getattr(row, name) for name in EDITABLE} | fields
    updated, keys = new_row(
        scope, merged | {"teacher_user_id": row.teacher_user_id}, row.source, Status.DRAFT
    )
    _refuse_duplicate(
        keys, {"subject_code": updated.subject_code, "starts_at": updated.starts_at}, exclude=row.pk
    )

    def mutate(target):
        for name in (*cells.ORG_FIELDS, "class_name", *EDITABLE, "week"):
            setattr(target, name, getattr(updated, name))
        target.status, target.reason = Status.DRAFT, ""

    return change(row, mutate)


@transaction.atomic
def submit(user, session_id):
    """Draft (or rejected) → submitted, by its teacher or the school leader."""
    scope = access.scope_of(user)
    row = _locked(scope, session_id)
    if not (_owns(scope, row) or access.leads(scope, row.school_code)):
        raise SessionPermissionError(_("Only its teacher or the school leader submits a session"))
    if row.status not in (Status.DRAFT, Status.REJECTED):
        raise SessionError.of(
            {
                "status": _("the session is %(status)s: it cannot be submitted")
                % {"status": row.get_status_display()}
            }
        )

    def mutate(target):
        target.status, target.reason = Status.SUBMITTED, ""

    return change(row, mutate)


def _decide(user, session_id, status, reason=""):
    scope = access.scope_of(user)
    row = _locked(scope, session_id)
    if not access.is_leader_of(scope, row.school_code):
        raise SessionPermissionError(_("Only the school's leader approves or rejects its sessions"))
    if row.status != Status.SUBMITTED:
        raise SessionError.of(
            {
                "status": _("the session is %(status)s: it cannot be approved or rejected")
                % {"status": row.get_status_display()}
            }
        )

    def mutate(target):
        target.status, target.reason = status, reason
        target.counted = status == Status.APPROVED
        target.decided_by_user_id, target.decided_at = scope.user_id, timezone.now()

    before = {"status": row.status, "counted": row.counted, "periods": row.periods}
    result = change(row, mutate)
    # Audited in the caller's transaction (approve/reject are atomic): both stored or neither.
    audit_api.record(
        scope.user_id,
        "session.approved" if status == Status.APPROVED else "session.rejected",
        "online_session",
        session_id,
        school_code=row.school_code,
        commune_code=row.commune_code,
        province_code=row.province_code,
        before=before,
        after={**before, "status": status, "counted": status == Status.APPROVED, "reason": reason},
    )
    return result


@transaction.atomic
def approve(user, session_id):
    """Submitted → approved (it counts now), by the school's leader only."""
    return _decide(user, session_id, Status.APPROVED)


@transaction.atomic
def reject(user, session_id, reason):
    """Submitted → rejected with a reason the teacher reads, by the school's leader only."""
    reason = str(reason or "").strip()
    if not reason:
        raise SessionError.of({"reason": _("say why the session is rejected")})
    return _decide(user, session_id, Status.REJECTED, reason)


@transaction.atomic
def delete(user, session_id):
    """Delete a manual or imported session: its teacher while it is not approved, the school leader always."""
    scope = access.scope_of(user)
    row = _locked(scope, session_id)
    if row.source == Source.BLOCK:
        raise SessionError.of({"source": _("a lesson block's session goes when the block does")})
    leader = access.leads(scope, row.school_code)
    if not (leader or (_owns(scope, row) and row.status != Status.APPROVED)):
        raise SessionPermissionError(_("Only the school leader deletes an approved session"))
    before = state(row)
    row.delete()
    cells.apply(before, None)


# ------------------------------------------------------------------------------------------------ lists
def visible(scope, model=OnlineSession):
    """Rows of ``model`` (sessions, or any model with the organisation keys) the user may read: everything,
    their province's or commune's schools, the schools they lead, or their own class × subject assignments."""
    rows = model.objects.all()
    if scope.everything:
        return rows
    condition = Q(pk__in=[])
    if scope.led_school_codes:
        condition |= Q(school_code__in=scope.led_school_codes)
    if scope.province_codes:
        condition |= Q(province_code__in=scope.province_codes)
    if scope.commune_codes:
        condition |= Q(commune_code__in=scope.commune_codes, reports_to="commune")
    if scope.user_id is not None and scope.taught_school_codes:
        if model is OnlineSession:
            condition |= Q(teacher_user_id=scope.user_id)
        for class_id, subject in access.teacher_pairs(scope, None):
            condition |= Q(class_id=class_id, subject_code=subject)
    return rows.filter(condition)


def listing(
    user,
    school_code=None,
    class_id=None,
    status=None,
    year=None,
    teacher_user_id=None,
    subject_code=None,
    limit=500,
    offset=0,
):
    """Sessions in the user's scope, newest first, filtered; at most ``limit`` from ``offset``."""
    scope = access.scope_of(user)
    rows = visible(scope)
    filters = {
        "school_code": school_code,
        "class_id": class_id,
        "status": status,
        "year": year,
        "teacher_user_id": teacher_user_id,
        "subject_code": subject_code,
    }
    rows = rows.filter(**{name: value for name, value in filters.items() if value not in (None, "")})
    offset, limit = max(int(offset), 0), max(int(limit), 0)
    rows = rows.order_by("-starts_at", "-pk")[offset : offset + limit]
    return [info(row) for row in rows]


def get(user, session_id):
    row = visible(access.scope_of(user)).filter(pk=session_id).first()
    if row is None:
        raise access.ScopeError(_("No session %(id)s in your scope") % {"id": session_id})
    return info(row)
