"""Tests and attempts (issue 6), on MariaDB (database ``openedx_vn_bench_assess``, built on first run):

- generation: ``api.generate_exam`` drawing a 40-question test and 24 versions from a 100,000-question bank,
  median and p95 over repeats (assessment_generate_worker.py), for the worst case (every question of the bank
  a candidate) and a shared bank of ten subject × grade sets;
- autosave: 500 students saving answers through ``POST /vn/assessment/api/v1/attempts/<exam>/answers/``
  against the dev host under gunicorn (workers = CPU count), session auth and CSRF, with a load generator on
  this machine (assessment_load.py); then every student's answers are read back and compared with the last
  save sent for each question (assessment_autosave_worker.py verify). Sessions are kept in Redis (the cache
  session engine, as the LMS keeps them) when it answers, else in the database.

Environment: VN_BENCH_SAVES (saves per student, 20), VN_BENCH_THINK (mean seconds between a student's saves,
5), VN_BENCH_ASSESS_SETTINGS (settings module of the server, devhost.settings), VN_BENCH_CACHE_URL (the
server's cache and sessions, redis://127.0.0.1:6379/3).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE)]

from bench_curriculum import _create_database, _mariadb_reachable  # noqa: E402
from neighbour import neighbour  # noqa: E402

DATABASE = "openedx_vn_bench_assess"
PORT = int(os.environ.get("VN_BENCH_PORT", "8790"))
SAVES = os.environ.get("VN_BENCH_SAVES", "20")
THINK = os.environ.get("VN_BENCH_THINK", "5")
STEPS = ("candidates", "draw", "contents", "versions")
# The server's cache, where its sessions live as the LMS keeps them (a database number no test uses).
CACHE_URL = os.environ.get("VN_BENCH_CACHE_URL", "redis://127.0.0.1:6379/3")


def _env():
    env = {k: v for k, v in os.environ.items() if k not in ("VN_REDIS_URL", "VN_DB_NAME", "VN_CACHE_URL")}
    env |= {"VN_DB_ENGINE": "mysql", "VN_DB_NAME": DATABASE, "VN_DEBUG": "false"}
    if _redis_reachable():  # sessions in a shared cache, as the LMS keeps them (devhost settings)
        env["VN_CACHE_URL"] = CACHE_URL
    return env


def _redis_reachable():
    host, port = urllib.parse.urlsplit(CACHE_URL).hostname, urllib.parse.urlsplit(CACHE_URL).port or 6379
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        return False
    return True


def _json(command, env, timeout=1800):
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ms(figure):
    return f"{figure['p50_ms']:.0f} / {figure['p95_ms']:.0f} ms"


def _generation(env):
    rows = []
    for flag, what in (("", "every question a candidate"), ("--mixed", "Toán 10 = 10,000 of them")):
        worker = [sys.executable, str(HERE / "assessment_generate_worker.py")] + ([flag] if flag else [])
        figures = _json(worker, env)
        steps = figures["steps"]
        rows.append(
            (
                f"generate_exam, 40 questions × 24 versions, {figures['questions']:,}-question bank ({what}: "
                f"{figures['candidates']:,} candidates), median / p95 of {figures['generate']['n']}",
                _ms(figures["generate"]),
                "< 500 ms",
            )
        )
        rows.append(
            (
                "  steps p50: candidates query / draw / pin and read the drawn questions / 24 versions",
                " / ".join(f"{steps[name]['p50_ms']:.0f}" for name in STEPS) + " ms",
                "—",
            )
        )
    return rows


def _wait_until_up(url, deadline=60):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our local server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {deadline} s")


def _autosave(env):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        return [("autosave under load", "skipped: gunicorn is not installed in the virtualenv", "—")]
    work = Path(tempfile.mkdtemp(prefix="vn-bench-autosave-"))
    plan, sent = work / "plan.json", work / "sent.json"
    worker = [sys.executable, str(HERE / "assessment_autosave_worker.py")]
    setup = _json([*worker, "setup", str(plan)], env)
    workers = os.cpu_count() or 1
    server_env = env | {
        "PYTHONPATH": os.pathsep.join([str(REPO / "config"), str(REPO), str(HERE)]),
        "DJANGO_SETTINGS_MODULE": os.environ.get("VN_BENCH_ASSESS_SETTINGS", "devhost.settings"),
    }
    command = [gunicorn, "devhost.wsgi:application", "-w", str(workers), "-b", f"127.0.0.1:{PORT}"]
    with open(work / "gunicorn.log", "wb") as log:
        server = subprocess.Popen(
            [*command, "--log-level", "warning"], env=server_env, cwd=REPO, stdout=log, stderr=log
        )
    try:
        _wait_until_up(f"http://127.0.0.1:{PORT}/")
        load = [sys.executable, str(HERE / "assessment_load.py"), "--base", f"http://127.0.0.1:{PORT}"]
        load += ["--plan", str(plan), "--sent", str(sent), "--saves", SAVES, "--think", THINK]
        figures = _json(load, env)
    finally:
        server.terminate()
        server.wait(timeout=30)
    checked = _json([*worker, "verify", str(plan), str(sent)], env)
    offered = setup["students"] / float(THINK)
    sessions = "sessions in Redis" if env.get("VN_CACHE_URL") else "sessions in the database"
    return [
        (
            f"autosave: {setup['students']} students × {SAVES} saves, one every {THINK} s on average "
            f"(~{offered:.0f} saves/s offered; 5 % sent twice at once, 3 % retried, 3 % late), gunicorn "
            f"{workers} workers, {sessions}: {figures['requests']:,} requests, {figures['rps']:.0f}/s, "
            "p50 / p95",
            f"{figures['p50_ms']:.0f} / {figures['p95_ms']:.0f} ms (p99 {figures['p99_ms']:.0f}, "
            f"max {figures['max_ms']:.0f}; {figures['errors']} errors)",
            "p95 < 100 ms",
        ),
        (
            f"  answers read back: {checked['checked']:,} (student, question) pairs",
            f"{checked['lost']} lost, {checked['reordered']} not the last sent, "
            f"{checked['unexpected']} unexpected",
            "0 lost, 0 reordered",
        ),
    ]


def _beside_neighbour(rows, alone):
    """Rows measured beside the CPU-burning neighbour (neighbour.py), each with the same figure measured alone
    in this run as its reference, and the ratio of their p95s."""
    out = []
    for (what, figure, target), (_what, reference, _target) in zip(rows, alone, strict=True):
        ratio = "—"
        mine, theirs = _p95(figure), _p95(reference)
        if mine and theirs:
            ratio = f"{mine / theirs:.1f}× (p95, vs alone)"
        out.append((f"[beside a CPU-burning neighbour] {what}", figure, target, f"alone: {reference}", ratio))
    return out


def _p95(figure):
    """The p95 of a "p50 / p95 ms" figure, or None."""
    parts = figure.split(" ms")[0].split("/")
    try:
        return float(parts[1]) if len(parts) == 2 else None
    except ValueError:
        return None


def run():
    if not _mariadb_reachable():
        return [("tests and attempts", "skipped: MariaDB not reachable", "—")]
    _create_database(DATABASE)
    env = _env()
    alone = _generation(env) + _autosave(env)
    # Steady under contention (issue 16): the same runs again while a neighbour keeps one core busy.
    with neighbour():
        beside = _generation(env) + _autosave(env)
    return alone + _beside_neighbour(beside, alone)
