"""The full recompute of a school year: refresh the organisation keys copied from the schools app, recount
the block sessions against the year's counting rules and today's class sizes, then correct the cells. Nightly
on Celery and on demand; it must give what the incremental updates gave.

The cells are not deleted and rebuilt. One set-based statement writes into a temporary staging table, per
class × subject, the figures from scratch minus the stored ones, keeping only the pairs that differ; the cells
then get those differences added (``UPDATE … + difference``), new pairs inserted and orphans removed, in the
same transaction. One statement reads the plans, sessions and cells from one snapshot, so the differences are
exact for that instant; an approval that commits afterwards has already added its own difference to its cell
and keeps it, since the recompute adds rather than overwrites. (Deleting and re-inserting, or a RENAME swap,
would lose such approvals; a RENAME is DDL and commits on its own.) Nothing different: nothing is written.
The stored school × level roll-ups (``rollups.py``) are rebuilt from the corrected cells in the same
transaction.
"""

import contextlib
import time
from collections import defaultdict

from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from openedx_vn.core.conf import vn_setting
from openedx_vn.teaching import cells, organisation, policies, rollups
from openedx_vn.teaching.data import RecomputeCounts
from openedx_vn.teaching.models import OnlineSession, ShareCell, TeachingPlan
from openedx_vn.teaching.sessions import required_attendance

Status = OnlineSession.Status
_CHUNK = 500
STAGE = "vn_teaching_recompute_stage"
KEYS = "vn_teaching_recompute_keys"
_PLACE = ("commune_code", "province_code", "reports_to")
_POLICY_PLACE = ("province_code", "commune_code", "reports_to")  # PolicySet.for_place's order


def _refresh_org_keys(year):
    """A school moved to another commune (mergers) or reports elsewhere now: update its copied keys on plans,
    sessions and cells. Looks at the cells' distinct keys (a small table), so the usual case scans no
    session."""
    schools = organisation.school_keys(year)
    seen = ShareCell.objects.filter(year=year).order_by().values_list("school_code", *_PLACE).distinct()
    refreshed = 0
    for code, commune, province, reports_to in list(seen):
        school = schools.get(code)
        now = school and (school.commune_code, school.province_code, school.reports_to)
        if now and now != (commune, province, reports_to):
            keys = dict(zip(_PLACE, now, strict=True))
            for model in (TeachingPlan, OnlineSession):
                refreshed += model.objects.filter(year=year, school_code=code).update(**keys)
            ShareCell.objects.filter(year=year, school_code=code).update(**keys)
    return refreshed


def _recount_block_sessions(year):
    """Refresh the attendance each block session needs where a class's size or the policy changed, and its
    ``counted`` with it. Reads the thresholds from an index; touches only the classes that changed. Returns
    the sessions whose ``counted`` changed."""
    year_policies = policies.policy_set(year)  # each class follows its place's policy
    sizes = organisation.class_sizes(year)  # one query
    block = OnlineSession.objects.filter(year=year, source=OnlineSession.Source.BLOCK)
    stale = defaultdict(list)
    # The pairs (class, threshold) come from an index alone; a class's place from its cells (a class's keys
    # are the same on its sessions and cells), else from one of its sessions.
    places = {
        row[0]: row[1:]
        for row in ShareCell.objects.filter(year=year)
        .order_by()
        .values_list("class_id", *_POLICY_PLACE)
        .distinct()
    }
    pairs = block.order_by().values_list("class_id", "required_attendance").distinct()
    for class_id, required in pairs:
        if class_id not in places:
            places[class_id] = block.filter(class_id=class_id).values_list(*_POLICY_PLACE).first()
        policy = year_policies.for_place(*places[class_id])
        wanted = required_attendance(sizes.get(class_id, 0), policy)
        if wanted != required:
            stale[wanted].append(class_id)
    changed = 0
    meets = Q(status=Status.RECORDED, attendance__gte=F("required_attendance"))
    for wanted, class_ids in stale.items():
        for start in range(0, len(class_ids), _CHUNK):
            rows = block.filter(class_id__in=class_ids[start : start + _CHUNK])
            rows.exclude(required_attendance=wanted).update(required_attendance=wanted)
            changed += rows.filter(meets, counted=False).update(counted=True)
            changed += rows.filter(counted=True).exclude(meets).update(counted=False)
    return changed


# ------------------------------------------------------------------------------- staging and applying
def _q(name):
    return connection.ops.quote_name(name)


def _drop_stage(cursor):
    temporary = "TEMPORARY " if connection.vendor == "mysql" else ""
    for table in (STAGE, KEYS):
        cursor.execute(f"DROP {temporary}TABLE IF EXISTS {_q(table)}")


def _session_figures(year):
    """Per class × subject, the sessions' figures (no keys: the MAX of seven key columns over 1.5 million
    sessions cost a third more than the sums; ``stage`` takes the keys from the plans)."""
    counted = Q(counted=True)
    return (
        OnlineSession.objects.filter(year=year)
        .order_by()
        .values("class_id", "subject_code")
        .annotate(
            planned=cells._zero(),  # noqa: SLF001
            online=cells._periods_where(counted),  # noqa: SLF001
            replacing=cells._periods_where(counted & Q(form=OnlineSession.Form.REPLACING)),  # noqa: SLF001
            pending=cells._periods_where(Q(status=OnlineSession.Status.SUBMITTED)),  # noqa: SLF001
        )
        .values_list("class_id", "subject_code", *cells.FIGURES)
    )


def stage(year):
    """Write the differences of ``year`` (from scratch minus stored, per class × subject) into the temporary
    staging table; returns the number of pairs that differ.

    Columns: the pair, the four differences ``d_…`` and ``has_source`` / ``has_cell`` (a plan or session
    exists; a cell exists). The copied keys a new cell needs are read afterwards, for the new pairs only, into
    ``KEYS``: carried through the grouping of every pair, seven text columns made its temporary table several
    times wider (a province's spilled to disk)."""
    plans = TeachingPlan.objects.filter(year=year).order_by().values_list("class_id", "subject_code")
    plans_sql, plans_params = plans.annotate(planned=F("planned_periods")).query.sql_with_params()
    sessions_sql, sessions_params = _session_figures(year).query.sql_with_params()
    pair = f"{_q('class_id')}, {_q('subject_code')}"
    figures = ", ".join(_q(name) for name in cells.FIGURES)
    negated = ", ".join(f"-{_q(name)}" for name in cells.FIGURES)  # unary: MariaDB's 0 - unsigned fails
    stored = (
        f"SELECT {pair}, {negated}, 0, 1 "  # noqa: S608
        f"FROM {_q(ShareCell._meta.db_table)} WHERE {_q('year')} = %s"
    )
    sums = ", ".join(f"SUM({_q(name)}) AS {_q('d_' + name)}" for name in cells.FIGURES)
    differs = " OR ".join(f"SUM({_q(name)}) <> 0" for name in cells.FIGURES)
    # Only our own table and column names and ORM-compiled SQL are spliced in; values go as parameters.
    select = (
        f"SELECT class_id, subject_code, {sums}, MAX(src) AS has_source, MAX(cell) AS has_cell "  # noqa: S608
        f"FROM (SELECT {pair}, {_q('planned')}, 0 AS {_q('online')}, 0 AS {_q('replacing')}, "
        f"0 AS {_q('pending')}, 1 AS src, 0 AS cell FROM ({plans_sql}) AS plans "
        f"UNION ALL SELECT {pair}, {figures}, 1, 0 FROM ({sessions_sql}) AS sessions "
        f"UNION ALL {stored}) AS parts "
        f"GROUP BY class_id, subject_code HAVING {differs} OR MAX(src) <> MAX(cell)"
    )
    with connection.cursor() as cursor:
        _drop_stage(cursor)
        _create_staging(cursor, STAGE, select, [*plans_params, *sessions_params, year])
        cursor.execute(f"SELECT COUNT(*) FROM {_q(STAGE)}")  # noqa: S608
        count = cursor.fetchone()[0]
        _stage_keys(cursor, year)
    return count


def _stage_keys(cursor, year):
    """``KEYS``: the copied keys of each new pair (no cell yet, a plan or session): from its plan, else from
    one of its sessions (a pair with sessions and no plan is rare)."""
    plans_sql, plans_params = cells._plan_parts(year).query.sql_with_params()  # noqa: SLF001
    keys = ", ".join(f"MAX(plans.{_q('k_' + name)}) AS {_q('k_' + name)}" for name in cells.COPIED)
    new = "s.has_cell = 0 AND s.has_source = 1"
    _create_staging(
        cursor,
        KEYS,
        f"SELECT s.class_id, s.subject_code, {keys} "  # noqa: S608
        f"FROM {_q(STAGE)} AS s JOIN ({plans_sql}) AS plans ON plans.{_q('class_id')} = s.class_id "
        f"AND plans.{_q('subject_code')} = s.subject_code WHERE {new} GROUP BY s.class_id, s.subject_code",
        plans_params,
    )
    cursor.execute(
        f"SELECT s.class_id, s.subject_code FROM {_q(STAGE)} AS s WHERE {new} AND NOT EXISTS "  # noqa: S608
        f"(SELECT 1 FROM {_q(KEYS)} AS k WHERE k.class_id = s.class_id AND k.subject_code = s.subject_code)"
    )
    for class_id, subject_code in cursor.fetchall():
        found = OnlineSession.objects.filter(class_id=class_id, subject_code=subject_code, year=year)
        values = found.values_list(*cells.COPIED).first()
        columns = ", ".join(["class_id", "subject_code", *(_q("k_" + name) for name in cells.COPIED)])
        marks = ", ".join(["%s"] * (2 + len(cells.COPIED)))
        cursor.execute(
            f"INSERT INTO {_q(KEYS)} ({columns}) VALUES ({marks})",  # noqa: S608
            [class_id, subject_code, *values],
        )


def _create_staging(cursor, table, select, params):
    """A temporary table of ``select``'s rows with a unique key on the pair. ``CREATE … AS SELECT`` alone
    makes none, and MariaDB joins two unindexed tables by comparing every row with every row: a first
    recompute, where all of a province's ~148,000 pairs are new, spent minutes joining ``STAGE`` with
    ``KEYS``. On MariaDB the key is declared in the ``CREATE TEMPORARY TABLE`` itself: a ``CREATE INDEX``,
    even on a temporary table, commits the transaction the recompute runs in."""
    if connection.vendor == "mysql":
        key = f"UNIQUE KEY {_q('pair')} (class_id, subject_code)"
        cursor.execute(f"CREATE TEMPORARY TABLE {_q(table)} ({key}) AS {select}", params)
        return
    cursor.execute(f"CREATE TEMP TABLE {_q(table)} AS {select}", params)
    cursor.execute(f"CREATE UNIQUE INDEX {_q(table + '_pair')} ON {_q(table)} (class_id, subject_code)")


def _update_sql(table, now_column):
    """Add the staged differences to the cells that existed (a join; each backend's own syntax)."""
    pair = f"c.{_q('class_id')} = s.class_id AND c.{_q('subject_code')} = s.subject_code"
    if connection.vendor == "mysql":
        sets = ", ".join(f"c.{_q(name)} = c.{_q(name)} + s.d_{name}" for name in cells.FIGURES)
        return (
            f"UPDATE {table} AS c JOIN {_q(STAGE)} AS s ON {pair} "  # noqa: S608
            f"SET {sets}, c.{now_column} = %s WHERE s.has_cell = 1"
        )
    sets = ", ".join(f"{_q(name)} = {_q(name)} + s.d_{name}" for name in cells.FIGURES)
    return (
        f"UPDATE {table} AS c SET {sets}, {now_column} = %s "  # noqa: S608
        f"FROM {_q(STAGE)} AS s WHERE {pair} AND s.has_cell = 1"
    )


def _insert_sql(table, now_column):
    """Insert the pairs that had no cell; one made meanwhile (a concurrent approval) gets the difference."""
    columns = ["class_id", "subject_code", *cells.COPIED, *cells.FIGURES, "complete"]
    values = [
        "s.class_id",
        "s.subject_code",
        *(f"k.{_q('k_' + name)}" for name in cells.COPIED),
        *(f"s.d_{name}" for name in cells.FIGURES),
        "CASE WHEN s.d_planned > 0 THEN 1 ELSE 0 END",
    ]
    target = ", ".join(_q(name) for name in [*columns, "updated_at"])
    select = (
        f"SELECT {', '.join(values)}, %s FROM {_q(STAGE)} AS s JOIN {_q(KEYS)} AS k "  # noqa: S608
        "ON k.class_id = s.class_id AND k.subject_code = s.subject_code WHERE s.has_cell = 0"
    )
    if connection.vendor == "mysql":
        adds = ", ".join(f"{_q(name)} = {_q(name)} + VALUES({_q(name)})" for name in cells.FIGURES)
        return f"INSERT INTO {table} ({target}) {select} ON DUPLICATE KEY UPDATE {adds}"
    adds = ", ".join(f"{_q(name)} = {_q(name)} + excluded.{_q(name)}" for name in cells.FIGURES)
    return (
        f"INSERT INTO {table} ({target}) {select} "
        f"ON CONFLICT ({_q('class_id')}, {_q('subject_code')}) DO UPDATE SET {adds}"
    )


def apply(year):
    """Add the staged differences to ``year``'s cells, insert the new pairs, remove orphans (a pair with no
    plan or session left and nothing in its cell), set ``complete`` where ``planned`` changed sign. In the
    caller's transaction. Returns the number of cells written."""
    table = _q(ShareCell._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_update_sql(table, _q("updated_at")), [now])
        written = cursor.rowcount
        cursor.execute(_insert_sql(table, _q("updated_at")), [now])
        written += cursor.rowcount
        cursor.execute(f"SELECT class_id, subject_code FROM {_q(STAGE)} WHERE has_source = 0")  # noqa: S608
        orphans = cursor.fetchall()
    for class_id, subject_code in orphans:
        pair = {"class_id": class_id, "subject_code": subject_code}
        if not (
            TeachingPlan.objects.filter(**pair).exists() or OnlineSession.objects.filter(**pair).exists()
        ):
            ShareCell.objects.filter(**pair, planned=0, online=0, replacing=0, pending=0).delete()
    # ``complete`` is "has a plan": fix it on the cells whose plan appeared or went.
    ShareCell.objects.filter(year=year, complete=True, planned=0).update(complete=False)
    ShareCell.objects.filter(year=year, complete=False, planned__gt=0).update(complete=True)
    return written


@contextlib.contextmanager
def _large_temporary_tables():
    """On MariaDB/MySQL, let this connection's temporary tables grow to ``RECOMPUTE_TMP_TABLE_BYTES`` in
    memory while the recompute runs, then give the (persistent) connection its settings back."""
    size = int(vn_setting("RECOMPUTE_TMP_TABLE_BYTES"))
    if connection.vendor != "mysql" or size <= 0:
        yield
        return
    names = ("tmp_table_size", "max_heap_table_size")
    with connection.cursor() as cursor:
        cursor.execute("SELECT @@SESSION.tmp_table_size, @@SESSION.max_heap_table_size")
        before = cursor.fetchone()
        cursor.execute(f"SET SESSION {', '.join(f'{name} = %s' for name in names)}", [size, size])
    try:
        yield
    finally:
        with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute(f"SET SESSION {', '.join(f'{name} = %s' for name in names)}", list(before))


def recompute(year=None):
    """Recompute ``year`` (default: the current school year) from scratch; returns ``RecomputeCounts``."""
    name = organisation.year_info(year).name
    started = time.perf_counter()
    try:
        with _large_temporary_tables(), transaction.atomic():
            recounted = _recount_block_sessions(name)
            refreshed = _refresh_org_keys(name)
            if stage(name) or refreshed:
                apply(name)
            # The roll-ups follow the cells, by differences too (rollups.py).
            rollups.rebuild(name)
            policies.mark_fresh(name)
    finally:
        with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
            _drop_stage(cursor)
    return RecomputeCounts(
        year=name,
        cells=ShareCell.objects.filter(year=name).count(),
        plans=TeachingPlan.objects.filter(year=name).count(),
        sessions=OnlineSession.objects.filter(year=name).count(),
        recounted=recounted,
        org_keys_refreshed=refreshed,
        seconds=round(time.perf_counter() - started, 3),
    )
