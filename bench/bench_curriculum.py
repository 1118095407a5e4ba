"""Curriculum (issue 3): loading the program, re-loading it, exporting ≥ 5,000 tags, searching.

Runs bench/curriculum_worker.py once on SQLite and once on MariaDB (when reachable), each in its own database.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _mariadb_reachable():
    try:
        socket.create_connection(
            (os.environ.get("VN_DB_HOST", "127.0.0.1"), int(os.environ.get("VN_DB_PORT", "3306"))), timeout=2
        ).close()
    except OSError:
        return False
    try:
        import MySQLdb  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def _run(env):
    command = [sys.executable, str(HERE / "curriculum_worker.py")]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _create_database(name):
    import MySQLdb  # noqa: PLC0415

    connection = MySQLdb.connect(
        host=os.environ.get("VN_DB_HOST", "127.0.0.1"),
        port=int(os.environ.get("VN_DB_PORT", "3306")),
        user=os.environ.get("VN_DB_USER", "root"),
        password=os.environ.get("VN_DB_PASSWORD", ""),
    )
    connection.cursor().execute(f"CREATE DATABASE IF NOT EXISTS {name} CHARACTER SET utf8mb4")
    connection.close()


def run():
    base = {k: v for k, v in os.environ.items() if k not in ("VN_DB_ENGINE", "VN_REDIS_URL", "VN_DB_NAME")}
    runs = [_run({**base, "VN_VAR_DIR": tempfile.mkdtemp(prefix="vn-bench-")})]
    if _mariadb_reachable():
        _create_database("openedx_vn_bench")
        runs.append(_run({**base, "VN_DB_ENGINE": "mysql", "VN_DB_NAME": "openedx_vn_bench"}))
    rows = []
    for figures in runs:
        db = figures["backend"]
        rows += [
            (f"[{db}] load the whole program + shipped trees", f"{figures['load_first_s']:.2f} s", "< 5 s"),
            (
                f"[{db}] re-load with no change",
                f"{figures['load_again_s']:.2f} s, {figures['load_again_writes']} writes",
                "< 1 s, 0 writes",
            ),
            (f"[{db}] load a synthetic tree file", f"{figures['synthetic_load_s']:.2f} s", "—"),
            (
                f"[{db}] taxonomy export, {figures['taxonomy_tags']} tags (first / unchanged)",
                f"{figures['taxonomy_first_s']:.2f} s / {figures['taxonomy_again_s']:.2f} s",
                "< 15 s",
            ),
            (
                f"[{db}] search p50 / p95 over {figures['nodes_searched']} nodes",
                f"{figures['search_p50_ms']:.1f} / {figures['search_p95_ms']:.1f} ms",
                "p95 < 50 ms (MariaDB)",
            ),
        ]
    return rows
