"""The online-teaching share (issue 5) at province scale, on MariaDB: 630 schools, 12,000 classes, ~148,000
class × subject plans, 1.5 million sessions, built by `make bench-data` (bench/make_share_data.py) into
``openedx_vn_bench_share``. Each figure stands beside its floor: MariaDB running the equivalent hand-written
SQL. Without that database (or without MariaDB) the rows say what to run.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

from bench_curriculum import _mariadb_reachable  # noqa: E402

DATABASE = os.environ.get("VN_BENCH_SHARE_DB", "openedx_vn_bench_share")


def _figures():
    env = {k: v for k, v in os.environ.items() if k not in ("VN_REDIS_URL",)}
    env |= {"VN_DB_ENGINE": "mysql", "VN_DB_NAME": DATABASE, "VN_DEBUG": "false"}
    done = subprocess.run(
        [sys.executable, str(HERE / "share_worker.py")], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        if "Unknown database" in done.stderr:
            return {"missing": True, "sessions": 0}
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ms(figure):
    return f"{figure['p50_ms']:.1f} / {figure['p95_ms']:.1f} ms"


def run():
    if not _mariadb_reachable():
        return [("share at province scale", "skipped: MariaDB not reachable", "—")]
    figures = _figures()
    if figures.get("missing"):
        return [("share at province scale", f"no data in {DATABASE}: run `make bench-data` first", "—")]
    school, province, incremental, recompute, area = (
        figures["school"],
        figures["province"],
        figures["incremental"],
        figures["recompute"],
        figures["area"],
    )
    scale = f"{figures['schools']} schools, {figures['plans']:,} cells, {figures['sessions']:,} sessions"
    return [
        (f"[MariaDB] data: {scale}", "—", "630 / 150,000 / 1.5 M"),
        ("school grid API p50 / p95 (leader, 100 schools)", _ms(school["grid"]), "p95 < 150 ms"),
        ("  school summary API p50 / p95", _ms(school["summary"]), "—"),
        ("  floor: SELECT the school's cells", _ms(school["floor_cells"]), "—"),
        ("  floor: GROUP BY over the school's sessions (no cells)", _ms(school["floor_sessions"]), "—"),
        ("province roll-up API p50 / p95 (630 schools by gap)", _ms(province["schools"]), "p95 < 300 ms"),
        ("  province summary API p50 / p95 (per level)", _ms(province["unit"]), "—"),
        ("  floor: GROUP BY school, level over the cells", _ms(province["floor_cells"]), "—"),
        ("  floor: GROUP BY school, level over the sessions", _ms(province["floor_sessions"]), "—"),
        (
            "province page p50 / p95 (54 communes, per-level totals, chart; roll-ups)",
            _ms(area["province_page"]),
            "p95 < 150 ms",
        ),
        ("  commune page p50 / p95 (its schools; roll-ups)", _ms(area["commune_page"]), "—"),
        ("  floor: SELECT the province's school × level roll-up rows", _ms(area["floor_rollups"]), "—"),
        ("province report PDF (administrative form, chart) p50 / p95", _ms(area["pdf"]), "< 3 s"),
        (
            f"full recompute of the year ({recompute['cells']:,} cells)",
            f"{recompute['seconds']:.1f} s, same cells as incremental: {recompute['same_as_incremental']}",
            "< 60 s",
        ),
        (
            "  floor: CREATE TABLE AS SELECT … GROUP BY class, subject",
            f"{recompute['floor_seconds']:.1f} s",
            "—",
        ),
        ("incremental: approve one session (API, p50 / p95)", _ms(incremental["approve"]), "< 20 ms"),
        ("  record one visit to a block session (API)", _ms(incremental["visit"]), "—"),
        ("  floor: UPDATE the session + UPDATE its cell, one transaction", _ms(incremental["floor"]), "—"),
    ]
