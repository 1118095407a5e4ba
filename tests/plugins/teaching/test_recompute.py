"""The full recompute corrects the cells by their differences (staging table, one transaction): it gives what
a rebuild from scratch gives after any damage, writes nothing when nothing differs, keeps the stored roll-ups
in step, and keeps the approvals and visits made while it runs (after its snapshot, before its writes); on
MariaDB, with the approval really concurrent."""

import random
import threading
import time

import pytest
from django.db import connection, connections, transaction

from openedx_vn.teaching import api, cells, recompute, rollups
from openedx_vn.teaching.models import OnlineSession, ShareCell, ShareRollup, ShareWeek

from .test_cells import Actor

YEAR = "2025-2026"
COLUMNS = (
    "class_id",
    "subject_code",
    "year",
    "school_code",
    "commune_code",
    "province_code",
    "reports_to",
    "level",
    "grade",
    "planned",
    "online",
    "replacing",
    "pending",
    "complete",
)


def snapshot():
    cells_now = sorted(ShareCell.objects.filter(year=YEAR).values_list(*COLUMNS))
    rollup_rows = sorted(
        ShareRollup.objects.filter(year=YEAR).values_list("school_code", "level", *rollups.TOTALS)
    )
    weeks = sorted(ShareWeek.objects.filter(year=YEAR).values_list("school_code", "level", "week", "online"))
    return cells_now, rollup_rows, weeks


def from_scratch():
    """The reference: every cell deleted and rebuilt from the plans and sessions, roll-ups with them; rolled
    back, so the database is left as it was."""
    with transaction.atomic():
        cells.rebuild(YEAR)
        expected = snapshot()
        transaction.set_rollback(True)
    return expected


def busy(org, seed, steps=80):
    actor = Actor(org, seed)
    for _ in range(steps):
        actor.step()
    return actor


def damage(rnd, missing=True):
    """What a bug, a crash between two systems or a hand edit could leave: wrong figures, a missing cell (not
    with ``missing=False``), an orphan cell, a wrong ``complete``.

    A missing cell is left out where approvals race with the recompute: an approval on a pair whose cell is
    gone creates it with its own change clamped at zero, which no recompute can tell from a real figure."""
    rows = list(ShareCell.objects.filter(year=YEAR).order_by("pk"))
    assert len(rows) >= 3
    first, second, third = rnd.sample(rows, 3)
    ShareCell.objects.filter(pk=first.pk).update(online=first.online + 7, pending=first.pending + 2)
    ShareCell.objects.filter(pk=second.pk).update(planned=second.planned + 35, complete=not second.complete)
    if missing:
        third.delete()
    orphan = {name: getattr(first, name) for name in COLUMNS} | {"class_id": 999_999, "online": 4}
    ShareCell.objects.create(**orphan)
    ShareRollup.objects.filter(year=YEAR).update(online=0)  # roll-ups gone wrong too


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_recompute_repairs_any_damage_as_a_rebuild_from_scratch(org, seed):
    busy(org, seed)
    damage(random.Random(seed))  # noqa: S311 - reproducible damage
    expected = from_scratch()
    assert snapshot() != expected
    api.recompute_shares(YEAR)
    assert snapshot() == expected
    assert not ShareCell.objects.filter(class_id=999_999).exists()


@pytest.mark.django_db
def test_a_recompute_with_nothing_different_writes_no_cell(org):
    busy(org, 5)
    before = list(ShareCell.objects.order_by("pk").values_list("pk", "updated_at", *COLUMNS))
    assert before
    api.recompute_shares(YEAR)
    assert list(ShareCell.objects.order_by("pk").values_list("pk", "updated_at", *COLUMNS)) == before


@pytest.mark.django_db
def test_the_staging_table_holds_only_the_differences(org):
    busy(org, 6)
    rows = list(ShareCell.objects.filter(year=YEAR).order_by("pk"))
    ShareCell.objects.filter(pk=rows[0].pk).update(online=rows[0].online + 3)
    with transaction.atomic():
        assert recompute.stage(YEAR) == 1
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT class_id, subject_code, d_online, d_planned FROM {recompute.STAGE}")  # noqa: S608
            assert [tuple(row) for row in cursor.fetchall()] == [
                (rows[0].class_id, rows[0].subject_code, -3, 0)
            ]
        transaction.set_rollback(True)


def _unique_keys(table):
    """The column lists of ``table``'s unique indexes (a temporary table of this connection)."""
    with connection.cursor() as cursor:
        if connection.vendor == "mysql":
            cursor.execute(f"SHOW INDEX FROM {table} WHERE Non_unique = 0")  # noqa: S608
            keys = {}
            for row in cursor.fetchall():  # Key_name, Seq_in_index, Column_name
                keys.setdefault(row[2], []).append((row[3], row[4]))
            return [[column for _seq, column in sorted(parts)] for parts in keys.values()]
        cursor.execute(f"PRAGMA temp.index_list({table})")
        names = [row[1] for row in cursor.fetchall() if row[2]]
        found = []
        for name in names:
            cursor.execute(f"PRAGMA temp.index_info({name})")
            found.append([row[2] for row in sorted(cursor.fetchall())])
        return found


@pytest.mark.django_db
def test_a_first_recompute_joins_its_staging_tables_by_a_key_inside_its_transaction(org):
    """Every pair new (no cell yet): the staging tables are keyed by the pair, so their join is a lookup per
    pair, not every row against every row; and making the key does not end the recompute's transaction."""
    busy(org, 6)
    expected = sorted(ShareCell.objects.filter(year=YEAR).values_list("class_id", "subject_code", "online"))
    with transaction.atomic():
        ShareCell.objects.filter(year=YEAR).delete()
        with transaction.atomic():  # a savepoint: gone if a statement inside committed implicitly
            assert recompute.stage(YEAR) == len(expected)
            assert _unique_keys(recompute.STAGE) == [["class_id", "subject_code"]]
            assert _unique_keys(recompute.KEYS) == [["class_id", "subject_code"]]
            recompute.apply(YEAR)
        transaction.set_rollback(True)
    assert sorted(ShareCell.objects.filter(year=YEAR).values_list("class_id", "subject_code", "online")) == (
        expected
    )  # the outer rollback restored the cells: nothing inside had committed


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [7, 8])
def test_approvals_and_visits_after_the_snapshot_survive_the_recompute(org, seed):
    actor = busy(org, seed, steps=100)
    for _ in range(6):  # sessions waiting for approval, so the recompute has some to race with
        actor.create()
        actor.submit()
    damage(random.Random(seed), missing=False)  # noqa: S311
    submitted = list(OnlineSession.objects.filter(status="submitted").values_list("pk", "school_code"))
    assert submitted
    with transaction.atomic():  # the recompute's transaction, its steps one by one
        recompute._recount_block_sessions(YEAR)  # noqa: SLF001
        assert recompute.stage(YEAR) > 0  # the snapshot: the differences are known from here on
        # Meanwhile, people approve, reject and visit: each change adds its own difference to its cell.
        for pk, school in submitted[::2]:
            api.approve_session(actor.leader(school), pk)
        for pk, school in submitted[1::2]:
            api.reject_session(actor.leader(school), pk, "thiếu minh chứng")
        actor.visit()
        recompute.apply(YEAR)
        rollups.rebuild(YEAR)
    approved = OnlineSession.objects.filter(pk__in=[pk for pk, _ in submitted[::2]])
    assert all(session.status == "approved" and session.counted for session in approved)
    got, expected = snapshot(), from_scratch()
    assert got[0] == expected[0]  # the cells
    assert got[1:] == expected[1:]  # the roll-ups


def _lock_waits(cursor):
    # InnoDB's own status, not information_schema.INNODB_TRX: MariaDB fills that table from a cache which,
    # seen here after a day of other databases' work, went on missing a transaction waiting for 20 s.
    cursor.execute("SHOW ENGINE INNODB STATUS")
    status = cursor.fetchone()[2]
    return sum(1 for line in status.splitlines() if line.startswith("LOCK WAIT"))


def _wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_on_mariadb_an_approval_committed_during_the_recompute_survives(org):
    if connection.vendor != "mysql":
        pytest.skip("row locks and concurrent transactions: MariaDB/MySQL")
    import MySQLdb  # noqa: PLC0415

    actor = busy(org, 9, steps=100)
    for _ in range(6):
        actor.create()
        actor.submit()
    submitted = list(OnlineSession.objects.filter(status="submitted").values_list("pk", "school_code"))
    assert submitted
    pk, school = submitted[0]
    session = OnlineSession.objects.get(pk=pk)
    approved_cell = ShareCell.objects.get(class_id=session.class_id, subject_code=session.subject_code)
    # Two wrong cells: the approval's own and another one, which a second connection keeps locked so the
    # recompute stops after its snapshot, in the middle of writing.
    held = ShareCell.objects.filter(year=YEAR).exclude(pk=approved_cell.pk).order_by("pk").first()
    ShareCell.objects.filter(pk=approved_cell.pk).update(online=approved_cell.online + 5)
    ShareCell.objects.filter(pk=held.pk).update(pending=held.pending + 3)
    locker = MySQLdb.connect(**connection.get_connection_params())
    watcher = MySQLdb.connect(**connection.get_connection_params())
    errors = []

    def run(function):
        try:
            function()
        except Exception as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    try:
        locker.autocommit(False)
        table = ShareCell._meta.db_table
        locker.cursor().execute(f"SELECT id FROM {table} WHERE id = %s FOR UPDATE", [held.pk])  # noqa: S608
        recomputing = threading.Thread(target=run, args=(lambda: api.recompute_shares(YEAR),))
        recomputing.start()
        assert _wait_for(lambda: _lock_waits(watcher.cursor()) >= 1), "the recompute never reached the lock"
        approving = threading.Thread(
            target=run, args=(lambda: api.approve_session(actor.leader(school), pk),)
        )
        approving.start()
        # The approval either commits now or waits for the recompute's lock on its cell: both must end right.
        _wait_for(lambda: not approving.is_alive() or _lock_waits(watcher.cursor()) >= 2, timeout=30)
        locker.rollback()
        recomputing.join(120)
        approving.join(120)
    finally:
        locker.rollback()
        locker.close()
        watcher.close()
    assert errors == []
    assert OnlineSession.objects.get(pk=pk).status == "approved"
    assert snapshot() == from_scratch()


@pytest.mark.django_db
def test_a_missing_cell_of_sessions_without_a_plan_comes_back_with_the_sessions_keys(org):
    actor = busy(org, 10, steps=60)
    for _ in range(4):
        actor.unplan()
    unplanned = [
        cell
        for cell in ShareCell.objects.filter(year=YEAR, planned=0)
        if OnlineSession.objects.filter(class_id=cell.class_id, subject_code=cell.subject_code).exists()
    ]
    assert unplanned
    expected = from_scratch()
    ShareCell.objects.filter(pk=unplanned[0].pk).delete()
    api.recompute_shares(YEAR)
    assert snapshot() == expected


@pytest.mark.django_db
def test_on_mariadb_the_recompute_s_temporary_tables_stay_in_memory_while_it_runs(org, monkeypatch, settings):
    if connection.vendor != "mysql":
        pytest.skip("MariaDB/MySQL session variables")
    busy(org, 10)
    settings.OPENEDX_VN = {"RECOMPUTE_TMP_TABLE_BYTES": 64 * 1024 * 1024}

    def sizes():
        with connection.cursor() as cursor:
            cursor.execute("SELECT @@SESSION.tmp_table_size, @@SESSION.max_heap_table_size")
            return tuple(cursor.fetchone())

    before, during = sizes(), []
    staging = recompute.stage
    monkeypatch.setattr(recompute, "stage", lambda year: during.append(sizes()) or staging(year))
    expected = from_scratch()
    api.recompute_shares(YEAR)
    assert during == [(64 * 1024 * 1024, 64 * 1024 * 1024)]
    assert sizes() == before  # the persistent connection gets its settings back
    assert snapshot() == expected
