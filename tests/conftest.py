"""Shared fixtures: a real Celery worker process on Redis, and helpers for the database tests."""

import functools
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection

REPO_ROOT = Path(__file__).resolve().parents[1]


def _log_shows(log, text, timeout=10.0):
    """True once the worker's log holds ``text``: the worker logs a task's end after it stored its result,
    so a caller that got the result may read the log a moment too early."""
    deadline = time.monotonic() + timeout
    while text not in log.read_text(errors="replace"):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """Start ``celery -A devhost worker`` on a fresh queue, against the test database.

    Yields the worker's queue name and log file.

    Tasks sent with ``.delay()`` while this runs travel through Redis to that worker process.
    """
    from devhost.celery import app

    if not settings.REDIS_URL or connection.vendor == "sqlite":
        reason = "needs VN_REDIS_URL and a database another process can reach (MariaDB/MySQL)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the worker tests: {reason}")
        pytest.skip(reason)
    queue = f"openedx-vn-test-{uuid.uuid4().hex[:10]}"
    node = f"{queue}@{socket.gethostname()}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "config"), str(REPO_ROOT)]),
        "DJANGO_SETTINGS_MODULE": "devhost.settings",
        "VN_DB_NAME": connection.settings_dict["NAME"],
        "VN_CELERY_QUEUE": queue,
    }
    log = tmp_path / "worker.log"
    command = [sys.executable, "-m", "celery", "-A", "devhost", "worker", "--pool=solo", "-Q", queue]
    command += ["-n", node, "--without-gossip", "--without-mingle", "--loglevel=INFO"]
    with open(log, "wb") as out:
        worker = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
    previous_queue = app.conf.task_default_queue
    send_tasks_to(app, queue)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[node], timeout=1.0):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Celery worker did not start:\n{log.read_text(errors='replace')}")
        yield SimpleNamespace(queue=queue, log=log, log_shows=functools.partial(_log_shows, log))
    finally:
        send_tasks_to(app, previous_queue)
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def send_tasks_to(app, queue):
    """Tasks sent from now on go to ``queue``. Celery 5.6 (the platform's) reads the Django setting's name
    before its own and builds its message sender, queues and router once: set both, drop those."""
    app.conf.update(task_default_queue=queue, CELERY_TASK_DEFAULT_QUEUE=queue)
    for name in ("send_task_message", "default_queue", "queues", "router"):
        app.amqp.__dict__.pop(name, None)


@pytest.fixture(scope="session", autouse=True)
def _private_storage_root(tmp_path_factory):
    """Private files the tests write (exports, question pictures: ADR 0011) go to a temporary folder, not
    to var/private; worker processes started by the tests inherit it through the environment."""
    root = tmp_path_factory.mktemp("private")
    os.environ["VN_PRIVATE_STORAGE_ROOT"] = str(root)
    settings.VN_PRIVATE_STORAGE_ROOT = root
    return root


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language (Vietnamese): a request through the test client leaves its
    negotiated language active in the thread, which would otherwise leak into the next test."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def testdata():
    """shared/testdata beside the repository: real files written by others (see its README)."""
    path = Path(os.environ.get("VN_TESTDATA", REPO_ROOT.parent / "shared" / "testdata"))
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the shared test data at {path}")
        pytest.skip(f"no shared test data at {path} (set VN_TESTDATA)")
    return path
