"""The online-teaching share (issues 5, 14, 16) at scale, on MariaDB: per province 630 schools, 12,000
classes, ~148,000 class × subject cells and 1.5 million sessions, built by `make bench-data SIZE=1|3|10`
(bench/make_share_data.py) into ``openedx_vn_bench_share`` (one province) and ``openedx_vn_bench_share_3``,
``…_10``. Every size present is measured, in its own process (share_worker.py), each figure beside its floor
(MariaDB answering the same question through hand-written SQL, interleaved with ours in the same run) and
printed as the ratio of the two: the machine's load moves both. Without the data the rows say what to run.
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
SIZES = [int(size) for size in os.environ.get("VN_BENCH_SHARE_SIZES", "1,3,10").split(",")]


def database_for(size):
    return DATABASE if size == 1 else f"{DATABASE}_{size}"


def _figures(database):
    env = {k: v for k, v in os.environ.items() if k not in ("VN_REDIS_URL",)}
    env |= {"VN_DB_ENGINE": "mysql", "VN_DB_NAME": database, "VN_DEBUG": "false"}
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


def _ratio(pair):
    ours, floor = pair["ours"], pair["floor"]
    return f"{ours['p50_ms'] / floor['p50_ms']:.1f}× / {ours['p95_ms'] / floor['p95_ms']:.1f}×"


def _row(what, pair, target):
    """(what, ours p50 / p95, target, floor p50 / p95, ratio p50 / p95). An API's floor is its request
    floor (share_floors.py); its bare SQL and our ratio to it follow in brackets."""
    floor, ratio = _ms(pair["floor"]), _ratio(pair)
    if "sql" in pair:
        floor += f" [SQL alone {_ms(pair['sql'])}]"
        ratio += f" [{_ratio({'ours': pair['ours'], 'floor': pair['sql']})}]"
    return (what, _ms(pair["ours"]), target, floor, ratio)


def _size_rows(size, figures):
    tag = f"[{size} province{'s' if size > 1 else ''}]"
    school, areas, approve, recompute = (figures[k] for k in ("school", "areas", "approve", "recompute"))
    first, second = recompute["seconds"]
    floor = min(recompute["floor_seconds"])
    return [
        (
            f"{tag} data: {figures['schools']:,} schools, {figures['cells']:,} cells, "
            f"{figures['sessions']:,} sessions (CONN_MAX_AGE {figures['conn_max_age']})",
            "—",
            "—",
        ),
        _row(
            f"{tag} school grid API (leader; floor: role check + its cells and class names)",
            school["grid"],
            "≤ 3× floor",
        ),
        _row(f"{tag}   school summary API (floor: role check + its roll-up rows)", school["summary"], "—"),
        _row(
            f"{tag} province roll-up API, 630 schools by gap (floor: role check + the province's rows)",
            areas["province_list"],
            "p95 < 150 ms",
        ),
        _row(
            f"{tag}   province page, HTML (floor: roll-up rows + weekly trend)",
            areas["province_page"],
            "p95 < 150 ms",
        ),
        _row(
            f"{tag} commune roll-up API, its schools (floor: role check + the commune's roll-up rows)",
            areas["commune_list"],
            "≤ 2× floor",
        ),
        _row(f"{tag}   commune page, HTML (floor: the same rows)", areas["commune_page"], "—"),
        _row(
            f"{tag}   province report PDF, administrative form with chart (floor: the roll-up rows)",
            areas["province_pdf"],
            "< 3 s",
        ),
        _row(
            f"{tag}   for scale: GROUP BY over the province's cells vs the roll-up rows",
            areas["group_by_cells"],
            "—",
        ),
        _row(
            f"{tag} approve one session under load (API; floor: the two UPDATEs by hand; "
            f"{approve['load_requests']} grid reads meanwhile)",
            approve,
            "p95 < 20 ms",
        ),
        (
            f"{tag} full recompute ({recompute['cells']:,} cells; nothing to correct: "
            f"{recompute['same_as_incremental']}), then again",
            f"{first:.1f} s, {second:.1f} s",
            "~1.7× floor",
            f"{floor:.1f} s (2 GROUP BYs: class × subject; school × level × week)",
            f"{first / floor:.1f}×, {second / floor:.1f}×",
        ),
    ]


def run():
    if not _mariadb_reachable():
        return [("share at scale", "skipped: MariaDB not reachable", "—")]
    rows = []
    for size in SIZES:
        database = database_for(size)
        figures = _figures(database)
        if figures.get("missing"):
            if size == 1:
                rows.append(("share at province scale", f"no data in {database}: run `make bench-data`", "—"))
            continue
        rows += _size_rows(size, figures)
    return rows
