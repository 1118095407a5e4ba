"""The materialised share cells (class × subject × year): incremental updates and the full recompute.

Incremental: every change to a plan or a session adds its difference to one cell in the same transaction,
with ``F()`` expressions (a single ``UPDATE``), so concurrent changes never lose one another. Full: one
set-based ``INSERT … SELECT`` per year from plans and sessions. The two must give the same rows; the tests
check it after random sequences of changes.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, IntegerField, Max, Q, Sum, Value, When
from django.utils import timezone

from openedx_vn.teaching.models import OnlineSession, ShareCell, TeachingPlan

ORG_FIELDS = (
    "class_id",
    "year",
    "school_code",
    "commune_code",
    "province_code",
    "reports_to",
    "level",
    "grade",
    "subject_code",
)
FIGURES = ("planned", "online", "replacing", "pending")


def contribution(session):
    """What a session adds to its cell: ``{online, replacing, pending}`` in periods."""
    counted = session.periods if session.counted else 0
    return {
        "online": counted,
        "replacing": counted if session.form == OnlineSession.Form.REPLACING else 0,
        "pending": session.periods if session.status == OnlineSession.Status.SUBMITTED else 0,
    }


def _cell(keys):
    return ShareCell.objects.filter(class_id=keys["class_id"], subject_code=keys["subject_code"])


def _create(keys, values):
    """Create the cell; False when another transaction created it first (then update it instead)."""
    try:
        with transaction.atomic():
            ShareCell.objects.create(**keys, **values, complete=values.get("planned", 0) > 0)
    except IntegrityError:
        return False
    return True


def add(keys, online=0, replacing=0, pending=0):
    """Add periods to the cell of ``keys`` (the ``ORG_FIELDS``), creating it when missing."""
    changes = {"online": online, "replacing": replacing, "pending": pending}
    update = {name: F(name) + delta for name, delta in changes.items() if delta}
    if _cell(keys).update(**update, updated_at=timezone.now()):
        return
    if not _create(keys, {name: max(delta, 0) for name, delta in changes.items()}):
        _cell(keys).update(**update, updated_at=timezone.now())


def apply(before, after):
    """Move a session's contribution from ``before`` to ``after`` (either may be None: created, deleted).

    ``before``/``after`` are ``(keys, contribution)`` pairs; a session moved to another class or subject
    leaves its old cell and joins the new one.
    """
    if before and after and before[0] == after[0]:
        delta = {name: after[1][name] - before[1][name] for name in after[1]}
        add(after[0], **delta)
        return
    if before:
        add(before[0], **{name: -value for name, value in before[1].items()})
        drop_if_orphan(before[0])
    if after:
        add(after[0], **after[1])


def set_planned(keys, planned):
    """Set a cell's planned periods (a plan was made, changed or removed: 0)."""
    values = {"planned": planned, "complete": planned > 0, "updated_at": timezone.now()}
    if _cell(keys).update(**values):
        return
    if not _create(keys, {"planned": planned}):
        _cell(keys).update(**values)


def drop_if_orphan(keys):
    """Remove a cell that has neither a plan nor a session left (the full recompute would not make it)."""
    pair = {"class_id": keys["class_id"], "subject_code": keys["subject_code"]}
    if TeachingPlan.objects.filter(**pair).exists() or OnlineSession.objects.filter(**pair).exists():
        return
    _cell(keys).filter(planned=0, online=0, replacing=0, pending=0).delete()


# -------------------------------------------------------------------------------------- full recompute
def _zero():
    return Value(0, output_field=IntegerField())


def _periods_where(condition):
    return Sum(Case(When(condition, then=F("periods")), default=_zero(), output_field=IntegerField()))


# The parts name their columns alike: the pair, then the copied keys as k_<field> (an annotation may not take
# a field's name), then the figures.
COPIED = tuple(name for name in ORG_FIELDS if name not in ("class_id", "subject_code"))
PART_COLUMNS = ("class_id", "subject_code", *(f"k_{name}" for name in COPIED), *FIGURES)


def _plan_parts(year):
    return (
        TeachingPlan.objects.filter(year=year)
        .order_by()
        .annotate(**{f"k_{name}": F(name) for name in COPIED})
        .annotate(planned=F("planned_periods"), online=_zero(), replacing=_zero(), pending=_zero())
        .values_list(*PART_COLUMNS)
    )


def _session_parts(year):
    # Grouped by the pair only (the copied keys are the same on every session of a class): grouping by
    # nine columns made MariaDB's temporary table four times slower at province scale.
    counted = Q(counted=True)
    return (
        OnlineSession.objects.filter(year=year)
        .order_by()
        .values("class_id", "subject_code")
        .annotate(**{f"k_{name}": Max(name) for name in COPIED})
        .annotate(
            planned=_zero(),
            online=_periods_where(counted),
            replacing=_periods_where(counted & Q(form=OnlineSession.Form.REPLACING)),
            pending=_periods_where(Q(status=OnlineSession.Status.SUBMITTED)),
        )
        .values_list(*PART_COLUMNS)
    )


def rebuild(year):
    """Rebuild every cell of ``year`` from its plans and sessions in one ``INSERT … SELECT``; returns the
    number of cells. The two parts are ORM querysets compiled to SQL (their columns are named after
    ``ORG_FIELDS`` and ``FIGURES``); the outer statement adds a plan and its sessions up per class ×
    subject."""
    quote = connection.ops.quote_name
    plans_sql, plans_params = _plan_parts(year).query.sql_with_params()
    sessions_sql, sessions_params = _session_parts(year).query.sql_with_params()
    target = ["class_id", "subject_code", *COPIED, *FIGURES, "complete", "updated_at"]
    select = [
        "class_id",
        "subject_code",
        *(f"MAX({quote('k_' + name)})" for name in COPIED),
        *(f"SUM({quote(name)})" for name in FIGURES),
        "CASE WHEN SUM(planned) > 0 THEN 1 ELSE 0 END",
        "%s",
    ]
    # Only our own table and column names and ORM-compiled SQL are spliced in; values go as parameters.
    sql = (
        f"INSERT INTO {quote(ShareCell._meta.db_table)} ({', '.join(quote(name) for name in target)}) "  # noqa: S608
        f"SELECT {', '.join(select)} FROM ("
        f"SELECT * FROM ({plans_sql}) AS plans UNION ALL SELECT * FROM ({sessions_sql}) AS sessions"
        ") AS parts GROUP BY class_id, subject_code"
    )
    # In the order of the placeholders: updated_at (in the outer SELECT) first, then the two parts'.
    params = [connection.ops.adapt_datetimefield_value(timezone.now()), *plans_params, *sessions_params]
    with transaction.atomic(), connection.cursor() as cursor:
        ShareCell.objects.filter(year=year).delete()
        cursor.execute(sql, params)
        return cursor.rowcount
