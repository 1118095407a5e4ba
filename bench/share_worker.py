"""The share benchmark's measurements on a province database `make bench-data SIZE=…` built (bench_share.py
starts it, once per size); prints JSON figures.

Every figure has its floor (share_floors.py): MariaDB answering the same question through hand-written SQL on
the same data — for an API, through the same authenticated request stack (its request floor), with the bare
statements printed beside it — measured in the same run and interleaved with ours, so a neighbour's burst of
work slows both and the ratio stays meaningful on a shared machine. Our figures go through the real code: the
REST views and pages through Django's test client (session auth, DRF, JSON or HTML), approvals through the
API, the recompute through the API.

It approves a few hundred pending sessions and records visits (that is what it measures), then runs the full
recompute, which must find nothing different from what the incremental updates left.
"""

import json
import os
import random
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "config"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")

import django  # noqa: E402

django.setup()

import share_floors  # noqa: E402 - after django.setup(): it reads the models and the dev host's URLs
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from share_floors import (  # noqa: E402
    CELLS,
    COMMUNE_FLOOR,
    GRID_FLOOR,
    OLD_PROVINCE_FLOOR,
    PROVINCE_FLOOR,
    PROVINCE_PAGE_FLOOR,
    RECOMPUTE_FLOOR,
    RECOMPUTE_FLOOR_DROP,
    SCHOOL_FLOOR,
    SESSIONS,
)

from openedx_vn.teaching import api  # noqa: E402
from openedx_vn.teaching.models import OnlineSession, ShareCell, ShareRollup  # noqa: E402

settings.ROOT_URLCONF = share_floors.__name__  # the dev host's URLs and the request floors beside them

YEAR = "2025-2026"
ON = date(2026, 4, 20)  # week 34 of 39: statuses in progress
PROVINCE = "22"
SAMPLES = int(os.environ.get("VN_BENCH_SAMPLES", "60"))
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


def sql(statement, params):
    """A floor: one hand-written statement, every row fetched."""

    def run():
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            cursor.fetchall()

    return run


def get(client, url, status=200):
    def run():
        response = client.get(url)
        assert response.status_code == status, (url, response.status_code, response.content[:300])
        return response

    return run


def paired(pairs):
    """``pairs``: tuples of callables (ours, its floor[, its other floor]); runs each tuple in turn, rotating
    the order from one tuple to the next so none always runs on a warmer cache. Returns one list of seconds
    per position."""
    pairs = list(pairs)
    width = len(pairs[0]) if pairs else 2
    times = [[] for _ in range(width)]
    for number, functions in enumerate(pairs):
        for offset in range(width):
            position = (number + offset) % width
            elapsed, _ = timed(functions[position])
            times[position].append(elapsed)
    return times


def figure(ours, floor, sql_floor=None):
    """Ours and its floor; an API's floor is its request floor, and ``sql`` its statements alone."""
    out = {"ours": summary(ours), "floor": summary(floor)}
    if sql_floor is not None:
        out["sql"] = summary(sql_floor)
    return out


def request_floor(client, kind, code):
    return get(client, f"/floor/{kind}/{YEAR}/{code}/")


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def school_grid(client, schools):
    grid, summary_ = [[], [], []], [[], [], []]
    for code in schools:
        login(client, f"ht{code}")
        times = paired(
            [
                (
                    get(client, f"/vn/teaching/api/v1/shares/schools/{code}/grid/?on={ON}"),
                    request_floor(client, "grid", code),
                    sql(GRID_FLOOR, [YEAR, code]),
                )
            ]
        )
        for kept, measured in zip(grid, times, strict=True):
            kept += measured
        times = paired(
            [
                (
                    get(client, f"/vn/teaching/api/v1/shares/schools/{code}/summary/?on={ON}"),
                    request_floor(client, "school", code),
                    sql(SCHOOL_FLOOR, [YEAR, code]),
                )
            ]
        )
        for kept, measured in zip(summary_, times, strict=True):
            kept += measured
    return {"grid": figure(*grid), "summary": figure(*summary_)}


def areas(client, communes, rounds):
    login(client, "sogd")
    out = {}
    province = [
        (
            get(client, f"/vn/teaching/api/v1/shares/schools/?unit={PROVINCE}&on={ON}"),
            request_floor(client, "province", PROVINCE),
            sql(PROVINCE_FLOOR, [YEAR, PROVINCE]),
        )
    ] * rounds
    out["province_list"] = figure(*paired(province))
    page = [
        (
            get(client, f"/vn/teaching/areas/{PROVINCE}/?year={YEAR}"),
            lambda: (sql(PROVINCE_FLOOR, [YEAR, PROVINCE])(), sql(PROVINCE_PAGE_FLOOR, [YEAR, PROVINCE])()),
        )
    ] * rounds
    out["province_page"] = figure(*paired(page))
    commune = [
        (
            get(client, f"/vn/teaching/api/v1/shares/schools/?unit={communes[n % len(communes)]}&on={ON}"),
            request_floor(client, "commune", communes[n % len(communes)]),
            sql(COMMUNE_FLOOR, [YEAR, communes[n % len(communes)]]),
        )
        for n in range(rounds)
    ]
    out["commune_list"] = figure(*paired(commune))
    commune_page = [
        (
            get(client, f"/vn/teaching/areas/{communes[n % len(communes)]}/?year={YEAR}"),
            sql(COMMUNE_FLOOR, [YEAR, communes[n % len(communes)]]),
        )
        for n in range(rounds)
    ]
    out["commune_page"] = figure(*paired(commune_page))
    # The filed report (ADR 0016): the PDF in the administrative form, chart included, stored for download.
    pdf_url = f"/vn/teaching/areas/{PROVINCE}/export/pdf/"

    def pdf():
        response = client.post(pdf_url, {"year": YEAR})
        assert response.status_code == 302, (pdf_url, response.status_code, response.content[:300])

    out["province_pdf"] = figure(*paired([(pdf, sql(PROVINCE_FLOOR, [YEAR, PROVINCE]))] * 5))
    old = [(sql(PROVINCE_FLOOR, [YEAR, PROVINCE]), sql(OLD_PROVINCE_FLOOR, [YEAR, PROVINCE]))] * 10
    rollup_rows, group_by = paired(old)
    out["group_by_cells"] = figure(group_by, rollup_rows)  # what the roll-ups saved (ours: the old floor)
    return out


class ReadLoad:
    """Under load: a second process reading school grids in a loop, as the school leaders of a province do
    through the day, while the approvals are measured. A process, not a thread: the LMS serves requests from
    separate worker processes, and a reader thread in this one would measure Python's global interpreter lock
    (each of an approval's statements waits for the reader's time slice), not the database."""

    def __init__(self, schools):
        self.schools, self.requests, self.process = schools, 0, None

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603 - this very script, with our own arguments
            [sys.executable, __file__, "--read-load", ",".join(self.schools)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.process.stdout.readline()  # "reading": it has signed in and is reading
        return self

    def __exit__(self, *exc):
        self.process.stdin.close()  # the reader stops at the end of its input
        self.requests = int(self.process.stdout.read().split()[-1])
        self.process.wait(60)


def read_load(schools):
    """The reader of ``ReadLoad``: grids until its standard input closes, then the number of requests."""
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    client, requests = Client(), 0
    print("reading", flush=True)
    while not stop.is_set():
        code = schools[requests % len(schools)]
        login(client, f"ht{code}")
        client.get(f"/vn/teaching/api/v1/shares/schools/{code}/grid/?on={ON}")
        requests += 1
    print(requests, flush=True)


def approvals(schools):
    """Approve pending sessions through the API under a read load; the floor, interleaved: the two UPDATEs by
    hand (the session, its cell) in one transaction, on other pending sessions."""
    leaders = {user.username: user for user in get_user_model().objects.filter(username__startswith="ht")}
    pending = list(
        OnlineSession.objects.filter(year=YEAR, status="submitted").values_list(
            "pk", "school_code", "class_id", "subject_code", "periods", "form"
        )[: SAMPLES * 40]
    )
    chosen = rng.sample(pending, 2 * SAMPLES)
    ours_rows, floor_rows = chosen[:SAMPLES], chosen[SAMPLES:]

    def approve(row):
        return lambda: api.approve_session(leaders[f"ht{row[1]}"], row[0])

    def by_hand(row):
        pk, _school, class_id, subject, periods, form = row

        def run():
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"UPDATE {SESSIONS} SET status = 'approved', counted = 1 WHERE id = %s", [pk])  # noqa: S608
                cursor.execute(
                    f"UPDATE {CELLS} SET online = online + %s, replacing = replacing + %s, "  # noqa: S608
                    "pending = pending - %s WHERE class_id = %s AND subject_code = %s",
                    [periods, periods if form == "replacing" else 0, periods, class_id, subject],
                )

        return run

    with ReadLoad(schools) as load:
        ours, floor = paired([(approve(a), by_hand(b)) for a, b in zip(ours_rows, floor_rows, strict=True)])
    # The hand-made approvals skipped the roll-ups: the recompute below must repair exactly those.
    return {**figure(ours, floor), "load_requests": load.requests}, floor_rows


def snapshot():
    columns = ("class_id", "subject_code", "school_code", "level", "planned", "online", "replacing")
    return sorted(ShareCell.objects.filter(year=YEAR).values_list(*columns, "pending", "complete"))


def full_recompute(expected_changes):
    """The recompute after the approvals (the API's kept every cell right; the floor's hand-made ones left
    their roll-ups behind), then again with nothing to change; the floor between them: one CREATE TABLE AS
    SELECT … GROUP BY class, subject over the sessions, the core of any recompute."""
    before = snapshot()
    first, counts = timed(lambda: api.recompute_shares(YEAR))
    same = snapshot() == before
    floors = []
    for _ in range(2):
        with connection.cursor() as cursor:
            elapsed, _ = timed(lambda cursor=cursor: [cursor.execute(q, [YEAR]) for q in RECOMPUTE_FLOOR])
            floors.append(elapsed)
            cursor.execute(RECOMPUTE_FLOOR_DROP)
        if len(floors) == 1:
            second, _ = timed(lambda: api.recompute_shares(YEAR))
    return {
        "seconds": [first, second],
        "floor_seconds": floors,
        "cells": counts.cells,
        "same_as_incremental": same,
        "hand_approvals": expected_changes,
    }


def main():
    if sys.argv[1:2] == ["--read-load"]:
        read_load(sys.argv[2].split(","))
        return
    sessions = OnlineSession.objects.filter(year=YEAR).count()
    if sessions < 1_000_000 or not ShareRollup.objects.filter(year=YEAR).exists():  # not built (or building)
        print(json.dumps({"missing": True, "sessions": sessions}))
        return
    codes = sorted(ShareCell.objects.filter(year=YEAR).values_list("school_code", flat=True).distinct())
    communes = sorted(
        ShareRollup.objects.filter(year=YEAR, province_code=PROVINCE, reports_to="commune")
        .values_list("commune_code", flat=True)
        .distinct()
    )
    figures = {
        "sessions": sessions,
        "cells": ShareCell.objects.filter(year=YEAR).count(),
        "schools": len(codes),
        "provinces": ShareCell.objects.filter(year=YEAR).values("province_code").distinct().count(),
        "conn_max_age": connection.settings_dict.get("CONN_MAX_AGE"),
    }
    client = Client()
    province_schools = [code for code in codes if code.startswith(PROVINCE)]
    schools = rng.sample(province_schools, min(SAMPLES, len(province_schools)))
    school_grid(client, schools[:10])  # warm-up: connections, caches, the buffer pool
    figures["school"] = school_grid(client, schools)
    areas(client, communes, 5)
    figures["areas"] = areas(client, communes, SAMPLES // 2)
    figures["approve"], hand = approvals(schools)
    figures["recompute"] = full_recompute(len(hand))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
