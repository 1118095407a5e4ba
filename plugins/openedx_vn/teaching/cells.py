"""The materialised share cells (class × subject × year): incremental updates and the full recompute.

Incremental: every change to a plan or a session adds its difference to one cell in the same transaction,
with ``F()`` expressions (a single ``UPDATE``), so concurrent changes never lose one another. Full: one
set-based ``INSERT … SELECT`` per year from plans and sessions. The two must give the same rows; the tests
check it after random sequences of changes.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, IntegerField, Max, Q, Sum, Value, When
from django.utils import timezone

from openedx_vn.teaching import rollups
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
    """What a session adds to its cell: ``{online, replacing, pending}`` in periods, and the ``week`` its
    counted periods go to in the weekly roll-up."""
    counted = session.periods if session.counted else 0
    return {
        "online": counted,
        "replacing": counted if session.form == OnlineSession.Form.REPLACING else 0,
        "pending": session.periods if session.status == OnlineSession.Status.SUBMITTED else 0,
        "week": session.week,
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


def _locked(keys):
    """The cell's figures, its row locked until the transaction ends (None: no cell yet)."""
    return _cell(keys).select_for_update().values(*FIGURES).first()


def _in_transaction(function):
    """Run in the caller's transaction (the session's or plan's), or in one of its own when called alone:
    the cell, its lock and its roll-up change together."""

    def wrapped(*args, **kwargs):
        if connection.in_atomic_block:
            return function(*args, **kwargs)
        with transaction.atomic():
            return function(*args, **kwargs)

    return wrapped


@_in_transaction
def add(keys, online=0, replacing=0, pending=0):
    """Add periods to the cell of ``keys`` (the ``ORG_FIELDS``), creating it when missing; its school ×
    level roll-up moves with it."""
    changes = {"online": online, "replacing": replacing, "pending": pending}
    before = _locked(keys)
    if before is None:
        values = {name: max(delta, 0) for name, delta in changes.items()}
        if _create(keys, values):
            rollups.move(keys, None, {"planned": 0, **values})
            return
        before = _locked(keys)
    update = {name: F(name) + delta for name, delta in changes.items() if delta}
    _cell(keys).update(**update, updated_at=timezone.now())
    rollups.move(keys, before, {**before, **{name: before[name] + changes[name] for name in changes}})


def apply(before, after):
    """Move a session's contribution from ``before`` to ``after`` (either may be None: created, deleted).

    ``before``/``after`` are ``(keys, contribution)`` pairs; a session moved to another class or subject
    leaves its old cell and joins the new one.
    """
    weeks = {}  # the counted periods' move between weeks, netted (an edit that keeps the week: nothing)
    for pair, sign in ((before, -1), (after, 1)):
        if pair and pair[1]["online"]:
            where = (pair[0]["school_code"], pair[0]["level"], pair[1]["week"])
            weeks[where] = (pair[0], weeks.get(where, (None, 0))[1] + sign * pair[1]["online"])
    for (_school, _level, week), (keys, online) in weeks.items():
        rollups.move_week(keys, week, online)
    before = before and (before[0], {k: v for k, v in before[1].items() if k != "week"})
    after = after and (after[0], {k: v for k, v in after[1].items() if k != "week"})
    if before and after and before[0] == after[0]:
        delta = {name: after[1][name] - before[1][name] for name in after[1]}
        add(after[0], **delta)
        return
    if before:
        add(before[0], **{name: -value for name, value in before[1].items()})
        drop_if_orphan(before[0])
    if after:
        add(after[0], **after[1])


@_in_transaction
def set_planned(keys, planned):
    """Set a cell's planned periods (a plan was made, changed or removed: 0)."""
    values = {"planned": planned, "complete": planned > 0, "updated_at": timezone.now()}
    before = _locked(keys)
    if before is None:
        if _create(keys, {"planned": planned}):
            rollups.move(keys, None, dict.fromkeys(FIGURES, 0) | {"planned": planned})
            return
        before = _locked(keys)
    _cell(keys).update(**values)
    rollups.move(keys, before, {**before, "planned": planned})


@_in_transaction
def drop_if_orphan(keys):
    """Remove a cell that has neither a plan nor a session left (the full recompute would not make it)."""
    pair = {"class_id": keys["class_id"], "subject_code": keys["subject_code"]}
    if TeachingPlan.objects.filter(**pair).exists() or OnlineSession.objects.filter(**pair).exists():
        return
    deleted, _by_model = _cell(keys).filter(planned=0, online=0, replacing=0, pending=0).delete()
    if deleted:
        rollups.move(keys, dict.fromkeys(FIGURES, 0), None)


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
        made = cursor.rowcount
        rollups.rebuild(year)  # the stored roll-ups follow the cells, in the same transaction
        return made
