"""A Celery worker killed (SIGKILL) in the middle of an import or a recompute leaves nothing half-done.

The real worker (prefork, one child, on Redis and MariaDB) is stopped at a known point: the test holds a lock
the task needs after it has written part of its rows, waits until MariaDB shows the task's transaction waiting
with rows written, then kills the process running it. The task is acknowledged late with
``reject_on_worker_lost``, so it is sent again and runs to the end; nothing of the dead run is left. A worker
killed outright (the whole process) leaves its import job running: ``jobs.fail_if_stale`` shows it failed and
the same file can be imported again, whole.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F

from openedx_vn.qbank import jobs
from openedx_vn.qbank.models import ImportJob, Question, QuestionBank, QuestionVersion
from tests.conftest import REPO_ROOT, send_tasks_to
from tests.plugins.teaching.conftest import org as org  # the schools, classes and people of the share
from tests.plugins.teaching.test_tasks import _share_data

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _many(count):
    return "\n".join(f"::Câu {n}::Tính {n} + {n}.{{={2 * n} ~{2 * n + 1}}}\n" for n in range(1, count + 1))


@pytest.fixture
def prefork_worker(transactional_db, tmp_path, settings):
    """``celery -A devhost worker --pool=prefork --concurrency=1``: a master and one child that runs tasks, so
    the child can be killed and the master sees a lost worker (the shared ``celery_worker`` runs solo)."""
    from devhost.celery import app

    if not settings.REDIS_URL or connection.vendor != "mysql":
        reason = "needs VN_REDIS_URL and MariaDB/MySQL (row locks and a worker in another process)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the worker tests: {reason}")
        pytest.skip(reason)
    queue = f"openedx-vn-kill-{uuid.uuid4().hex[:10]}"
    node = f"{queue}@{socket.gethostname()}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "config"), str(REPO_ROOT)]),
        "DJANGO_SETTINGS_MODULE": "devhost.settings",
        "VN_DB_NAME": connection.settings_dict["NAME"],
        "VN_CELERY_QUEUE": queue,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    log = tmp_path / "worker.log"
    command = [sys.executable, "-m", "celery", "-A", "devhost", "worker", "--pool=prefork", "--concurrency=1"]
    command += ["-Q", queue, "-n", node, "--without-gossip", "--without-mingle", "--loglevel=INFO"]
    command += ["--prefetch-multiplier=1"]
    with open(log, "wb") as out:
        worker = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
    previous = app.conf.task_default_queue
    send_tasks_to(app, queue)
    settings.OPENEDX_VN = {**settings.OPENEDX_VN, "CELERY_QUEUE": queue, "QBANK_INLINE_IMPORT_BYTES": 100}
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[node], timeout=1.0):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Celery worker did not start:\n{log.read_text(errors='replace')}")
        yield SimpleNamespace(queue=queue, log=log, process=worker)
    finally:
        send_tasks_to(app, previous)
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def _children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _locker():
    """A second MariaDB connection of our own, REPEATABLE READ, so its SELECT … FOR UPDATE locks the gap at
    the end of a table too (new rows cannot be inserted there until it ends)."""
    import MySQLdb  # noqa: PLC0415

    params = connection.get_connection_params()
    locker = MySQLdb.connect(**params)
    cursor = locker.cursor()
    cursor.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    cursor.execute("SET SESSION innodb_lock_wait_timeout = 120")
    locker.autocommit(False)
    return locker


def _waiting_writer(locker, timeout=60):
    """Wait until another transaction waits for a lock after writing rows; returns its MariaDB thread id."""
    cursor = locker.cursor()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cursor.execute(
            "SELECT trx_mysql_thread_id, trx_rows_modified FROM information_schema.INNODB_TRX "
            "WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id <> CONNECTION_ID()"
        )
        rows = cursor.fetchall()
        if rows and rows[0][1] > 0:
            return rows[0][0]
        time.sleep(0.1)
    pytest.fail("the task never reached the lock")


def _gone(locker, thread_id, timeout=30):
    cursor = locker.cursor()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cursor.execute(
            "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = %s", [thread_id]
        )
        if cursor.fetchone()[0] == 0:
            return
        time.sleep(0.1)
    pytest.fail("the killed task's transaction is still open")


def _wait_job(job_uuid, stage, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ImportJob.objects.get(uuid=job_uuid)
        if job.stage == stage and job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED):
            return job
        time.sleep(0.2)
    pytest.fail(f"job {job_uuid} did not finish its {stage}")


@pytest.fixture
def bank(db):
    teacher = get_user_model().objects.create_user("gv_kill", is_staff=True)
    return SimpleNamespace(
        user=teacher, bank=QuestionBank.objects.create(name="Toán 6 – bền bỉ", owner_id=teacher.id)
    )


def _previewed(bank, text):
    job = jobs.start(bank.bank, bank.user.id, SimpleUploadedFile("lon.gift", text.encode()))
    job = _wait_job(job.uuid, ImportJob.Stage.PREVIEW)
    assert (job.status, job.result["questions"], job.result["problems"]) == ("done", 300, [])
    return job


def test_an_import_killed_while_writing_leaves_no_row_and_is_run_again_whole(prefork_worker, bank):
    job = _previewed(bank, _many(300))
    locker = _locker()
    try:
        locker.cursor().execute(f"SELECT id FROM {QuestionVersion._meta.db_table} FOR UPDATE")  # noqa: S608
        jobs.confirm(job)  # the worker inserts the 300 questions, then waits to insert their versions
        writer = _waiting_writer(locker)
        (child,) = _children(prefork_worker.process.pid)
        os.kill(child, signal.SIGKILL)
        assert Question.objects.filter(bank=bank.bank).count() == 0  # nothing of it committed
        assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.RUNNING
        locker.rollback()  # MariaDB sees the dead client once the wait ends, and rolls its rows back
        _gone(locker, writer)
    finally:
        locker.rollback()
        locker.close()
    job = _wait_job(job.uuid, ImportJob.Stage.IMPORT)  # sent again after the lost worker, run to the end
    log = prefork_worker.log.read_text(errors="replace")
    assert job.status == "done", log
    assert job.result["created"] == 300 and "run" not in job.result
    assert Question.objects.filter(bank=bank.bank).count() == 300
    assert QuestionVersion.objects.filter(question__bank=bank.bank).count() == 300
    assert not Question.objects.filter(bank=bank.bank, current__isnull=True).exists()
    assert "WorkerLostError" in log


def test_a_recompute_killed_midway_leaves_the_previous_figures_then_completes(prefork_worker, org):  # noqa: F811
    from openedx_vn.teaching.models import ShareCell, ShareRollup  # noqa: PLC0415
    from openedx_vn.teaching.tasks import recompute_shares  # noqa: PLC0415

    _share_data(org)
    right = {(c.class_id, c.subject_code): (c.planned, c.online, c.pending) for c in ShareCell.objects.all()}
    assert right
    wrong = ShareCell.objects.order_by("pk").first()  # a figure gone wrong: what a recompute repairs
    # Gone wrong with its school's roll-up row (as a double-counted approval would leave them): the recompute
    # corrects the cell, then waits for the locked roll-up row.
    ShareCell.objects.filter(pk=wrong.pk).update(pending=wrong.pending + 7)
    rollup = ShareRollup.objects.filter(year=org.year, school_code=wrong.school_code, level=wrong.level)
    assert rollup.update(pending=F("pending") + 7) == 1
    locker = _locker()
    try:
        table = ShareRollup._meta.db_table
        locker.cursor().execute(f"SELECT id FROM {table} FOR UPDATE")  # noqa: S608
        recompute_shares.delay(org.year)  # corrects the wrong cell, then waits to rebuild the roll-ups
        writer = _waiting_writer(locker)
        (child,) = _children(prefork_worker.process.pid)
        os.kill(child, signal.SIGKILL)
        # The figures before the recompute: none missing, the wrong one still as it was.
        assert ShareCell.objects.count() == len(right)
        assert ShareCell.objects.get(pk=wrong.pk).pending == wrong.pending + 7
        locker.rollback()
        _gone(locker, writer)
    finally:
        locker.rollback()
        locker.close()
    deadline = time.monotonic() + 120
    while ShareCell.objects.get(pk=wrong.pk).pending != wrong.pending and time.monotonic() < deadline:
        time.sleep(0.2)  # sent again after the lost worker: the recompute corrects the cell
    log = prefork_worker.log.read_text(errors="replace")
    rebuilt = {
        (c.class_id, c.subject_code): (c.planned, c.online, c.pending) for c in ShareCell.objects.all()
    }
    assert rebuilt == right, log
    assert "WorkerLostError" in log


def test_a_job_whose_whole_worker_was_killed_shows_failed_and_the_file_imports_again(
    prefork_worker, bank, settings
):
    text = _many(300)
    job = _previewed(bank, text)
    locker = _locker()
    try:
        locker.cursor().execute(f"SELECT id FROM {QuestionVersion._meta.db_table} FOR UPDATE")  # noqa: S608
        jobs.confirm(job)
        writer = _waiting_writer(locker)
        master = prefork_worker.process.pid
        children = _children(master)
        os.kill(master, signal.SIGKILL)  # the whole worker: nobody is left to send the task again
        for child in children:
            os.kill(child, signal.SIGKILL)
        locker.rollback()
        _gone(locker, writer)
    finally:
        locker.rollback()
        locker.close()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING  # nobody is left to say otherwise
    assert jobs.fail_if_stale(job).status == ImportJob.Status.RUNNING  # not stale yet
    settings.OPENEDX_VN = {**settings.OPENEDX_VN, "JOB_STALE_SECONDS": 0}
    failed = jobs.fail_if_stale(job)
    assert failed.status == ImportJob.Status.FAILED
    assert "hãy tải tệp lên lại" in failed.result["problems"][0]["message"]  # upload it again
    assert not failed.file and Question.objects.filter(bank=bank.bank).count() == 0
    # Run again (here, inside the request: the worker is gone): the whole file, once.
    settings.OPENEDX_VN = {**settings.OPENEDX_VN, "QBANK_INLINE_IMPORT_BYTES": 10**8}
    again = jobs.start(bank.bank, bank.user.id, SimpleUploadedFile("lon.gift", text.encode()))
    again = jobs.confirm(again)
    again.refresh_from_db()
    assert (again.status, again.result["created"]) == ("done", 300)
    assert Question.objects.filter(bank=bank.bank).count() == 300
