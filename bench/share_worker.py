"""The share benchmark's measurements on the province database `make bench-data` built (bench_share.py starts
it); prints JSON figures. Each figure stands beside its floor: the time MariaDB itself needs for the
equivalent hand-written SQL.

It approves a few hundred pending sessions and records visits (that is what it measures), then runs the full
recompute, which must give the cells the incremental updates left.
"""

import json
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "config"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from openedx_vn.teaching import api  # noqa: E402
from openedx_vn.teaching.models import OnlineSession, ShareCell, ShareRollup  # noqa: E402

YEAR = "2025-2026"
ON = date(2026, 4, 20)  # week 34 of 39: statuses in progress
SAMPLES = 200
rng = random.Random(34)  # noqa: S311 - which schools and sessions to sample


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] * 1000


def summary(times):
    return {"p50_ms": pct(times, 50), "p95_ms": pct(times, 95), "n": len(times)}


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def sql_times(sql, params_list):
    """Times of one hand-written statement (fetching every row), once per parameter tuple."""
    times = []
    with connection.cursor() as cursor:
        for params in params_list:
            start = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append(time.perf_counter() - start)
    return times


def table(model):
    return connection.ops.quote_name(model._meta.db_table)


SESSIONS, CELLS = table(OnlineSession), table(ShareCell)
GRID_FROM_SESSIONS = (
    f"SELECT class_id, subject_code, SUM(CASE WHEN counted THEN periods ELSE 0 END), "  # noqa: S608
    f"SUM(CASE WHEN status = 'submitted' THEN periods ELSE 0 END) FROM {SESSIONS} "
    "WHERE year = %s AND school_code = %s GROUP BY class_id, subject_code"
)
GRID_FROM_CELLS = (
    f"SELECT class_id, subject_code, planned, online, replacing, pending, complete FROM {CELLS} "  # noqa: S608
    "WHERE year = %s AND school_code = %s"
)
PROVINCE_FROM_CELLS = (
    f"SELECT school_code, level, SUM(planned), SUM(CASE WHEN online < planned THEN online ELSE planned END), "  # noqa: S608
    f"SUM(replacing), SUM(pending), SUM(CASE WHEN complete THEN 0 ELSE 1 END) FROM {CELLS} "
    "WHERE year = %s AND province_code = %s GROUP BY school_code, level"
)
PROVINCE_FROM_SESSIONS = (
    f"SELECT school_code, level, SUM(CASE WHEN counted THEN periods ELSE 0 END) FROM {SESSIONS} "  # noqa: S608
    "WHERE year = %s AND province_code = %s GROUP BY school_code, level"
)
RECOMPUTE_FLOOR = (
    f"CREATE TEMPORARY TABLE bench_cells AS SELECT class_id, subject_code, "  # noqa: S608
    "SUM(CASE WHEN counted THEN periods ELSE 0 END) AS online, "
    "SUM(CASE WHEN counted AND form = 'replacing' THEN periods ELSE 0 END) AS replacing, "
    "SUM(CASE WHEN status = 'submitted' THEN periods ELSE 0 END) AS pending "
    f"FROM {SESSIONS} WHERE year = %s GROUP BY class_id, subject_code"
)


def school_dashboard(client, schools):
    grid, summary_times = [], []
    for code in schools:
        client.force_login(get_user_model().objects.get(username=f"ht{code}"))
        for url, times in (
            (f"/vn/teaching/api/v1/shares/schools/{code}/grid/?on={ON}", grid),
            (f"/vn/teaching/api/v1/shares/schools/{code}/summary/?on={ON}", summary_times),
        ):
            elapsed, response = timed(lambda url=url: client.get(url))
            assert response.status_code == 200, response.content[:200]
            times.append(elapsed)
    return {
        "grid": summary(grid),
        "summary": summary(summary_times),
        "floor_cells": summary(sql_times(GRID_FROM_CELLS, [(YEAR, code) for code in schools])),
        "floor_sessions": summary(sql_times(GRID_FROM_SESSIONS, [(YEAR, code) for code in schools])),
    }


def province(client):
    client.force_login(get_user_model().objects.get(username="sogd"))
    lists, units = [], []
    for _ in range(30):
        for url, times in (
            (f"/vn/teaching/api/v1/shares/schools/?unit=22&on={ON}", lists),
            (f"/vn/teaching/api/v1/shares/units/22/?on={ON}", units),
        ):
            elapsed, response = timed(lambda url=url: client.get(url))
            assert response.status_code == 200, response.content[:200]
            times.append(elapsed)
    return {
        "schools": summary(lists),
        "unit": summary(units),
        "rows": len(response.json()["levels"]) if units else 0,
        "floor_cells": summary(sql_times(PROVINCE_FROM_CELLS, [(YEAR, "22")] * 30)),
        "floor_sessions": summary(sql_times(PROVINCE_FROM_SESSIONS, [(YEAR, "22")] * 5)),
    }


def area(client):
    """The province officer's page (a row per commune, totals per level, chart) and a commune's, read from the
    stored roll-ups (ADR 0016), and the filed PDF report; the floor: the roll-up rows by hand."""
    client.force_login(get_user_model().objects.get(username="sogd"))
    communes = sorted(
        set(
            ShareCell.objects.filter(year=YEAR, reports_to="commune")
            .values_list("commune_code", flat=True)
            .distinct()
        )
    )
    pages, commune_pages, pdfs = [], [], []
    for number in range(40):
        for url, times in (
            (f"/vn/teaching/areas/22/?year={YEAR}", pages),
            (f"/vn/teaching/areas/{communes[number % len(communes)]}/?year={YEAR}", commune_pages),
        ):
            elapsed, response = timed(lambda url=url: client.get(url))
            assert response.status_code == 200, response.content[:200]
            times.append(elapsed)
    for _ in range(5):
        elapsed, response = timed(lambda: client.post("/vn/teaching/areas/22/export/pdf/", {"year": YEAR}))
        assert response.status_code == 302, response.content[:200]
        pdfs.append(elapsed)
    rollups = table(ShareRollup)
    floor = (
        f"SELECT school_code, level, planned, online, replacing, pending, incomplete, cells FROM {rollups} "  # noqa: S608
        "WHERE year = %s AND province_code = %s"
    )
    return {
        "province_page": summary(pages[5:]),
        "commune_page": summary(commune_pages[5:]),
        "pdf": summary(pdfs),
        "floor_rollups": summary(sql_times(floor, [(YEAR, "22")] * 30)),
    }


def incremental():
    """Approve pending sessions and record visits through the API; the floor: the two UPDATEs by hand."""
    leaders = {user.username: user for user in get_user_model().objects.filter(username__startswith="ht")}
    submitted = OnlineSession.objects.filter(year=YEAR, status="submitted")
    pending = list(submitted.values_list("pk", "school_code")[: SAMPLES * 20])
    approvals = []
    for pk, school in rng.sample(pending, SAMPLES):
        elapsed, _ = timed(lambda pk=pk, school=school: api.approve_session(leaders[f"ht{school}"], pk))
        approvals.append(elapsed)
    block = OnlineSession.objects.filter(year=YEAR, source="block")
    blocks = list(block.values_list("usage_key", "class_id")[: SAMPLES * 20])
    visits = []
    for number, (usage_key, class_id) in enumerate(rng.sample(blocks, SAMPLES)):
        elapsed, _ = timed(lambda u=usage_key, c=class_id, n=number: api.record_attendance(u, 900_000 + n, c))
        visits.append(elapsed)
    floor = []
    rows = list(submitted.values_list("pk", "class_id", "subject_code", "periods", "form")[:SAMPLES])
    with connection.cursor() as cursor:
        for pk, class_id, subject, periods, form in rows:
            start = time.perf_counter()
            with transaction.atomic():
                cursor.execute(f"UPDATE {SESSIONS} SET status = 'approved', counted = 1 WHERE id = %s", [pk])  # noqa: S608
                cursor.execute(
                    f"UPDATE {CELLS} SET online = online + %s, replacing = replacing + %s, "  # noqa: S608
                    "pending = pending - %s WHERE class_id = %s AND subject_code = %s",
                    [periods, periods if form == "replacing" else 0, periods, class_id, subject],
                )
            floor.append(time.perf_counter() - start)
    return {"approve": summary(approvals), "visit": summary(visits), "floor": summary(floor)}


def snapshot():
    return sorted(
        ShareCell.objects.filter(year=YEAR).values_list(
            "class_id",
            "subject_code",
            "school_code",
            "level",
            "planned",
            "online",
            "replacing",
            "pending",
            "complete",
        )
    )


def full_recompute():
    before = snapshot()
    seconds, counts = timed(lambda: api.recompute_shares(YEAR))
    after = snapshot()
    same = after == before
    if not same:
        print(f"differ: {sorted(set(before) ^ set(after))[:6]}", file=sys.stderr)
    with connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.execute(RECOMPUTE_FLOOR, [YEAR])
        floor = time.perf_counter() - start
        cursor.execute("DROP TEMPORARY TABLE bench_cells")
    return {"seconds": seconds, "cells": counts.cells, "same_as_incremental": same, "floor_seconds": floor}


def main():
    sessions = OnlineSession.objects.filter(year=YEAR).count()
    if sessions < 1_000_000:
        print(json.dumps({"missing": True, "sessions": sessions}))
        return
    codes = sorted(set(ShareCell.objects.filter(year=YEAR).values_list("school_code", flat=True).distinct()))
    figures = {
        "sessions": sessions,
        "plans": ShareCell.objects.filter(year=YEAR).count(),
        "schools": len(codes),
    }
    client = Client()
    schools = rng.sample(codes, 100)
    school_dashboard(client, schools[:10])  # warm-up: connections, caches, the buffer pool
    figures["school"] = school_dashboard(client, schools)
    province(client)
    figures["province"] = province(client)
    figures["area"] = area(client)
    figures["incremental"] = incremental()
    figures["recompute"] = full_recompute()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
