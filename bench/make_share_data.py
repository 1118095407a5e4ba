"""Build provinces at real scale for the share benchmark (`make bench-data SIZE=1|3|10`): per province 630
schools in its communes and wards, 12,000 classes, ~148,000 class × subject plans and 1.5 million online
sessions of school year 2025-2026, in its own MariaDB database (``openedx_vn_bench_share`` for one province,
Quảng Ninh; ``openedx_vn_bench_share_3`` for three, and so on). Sizes give the scale curve of
docs/benchmarks.md: what grows with the sessions and what stays flat.

The organisation goes in through ``schools.api`` (its CSV import), plans and sessions through bulk
``executemany`` inserts into our own tables (the API would take hours for 1.5 million rows), then one full
recompute builds the cells. A block session's visits are stored as its attendance count only (its 18 million
visit rows would measure nothing the benchmark reads). Deterministic (seeded). Usage:

    .venv/bin/python bench/make_share_data.py [--size 1] [--database NAME] [--sessions N] [--force]
"""

import argparse
import csv
import io
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATABASE = "openedx_vn_bench_share"
# Provinces in the order sizes take them: Quảng Ninh first (the one-province figures of issue 5), then
# provinces of a similar number of communes (2025 codes, `vietnam-provinces`).
PROVINCES = ["22", "20", "42", "56", "11", "44", "96", "14", "04", "46"]
SESSIONS_PER_PROVINCE = 1_500_000


def database_for(size):
    """The benchmark database of ``size`` provinces (the one-province name is the historical one)."""
    return DATABASE if size == 1 else f"{DATABASE}_{size}"


def officer(province):
    """Username of the province officer (``sogd`` for Quảng Ninh, as the benchmark has always used)."""
    return "sogd" if province == "22" else f"sogd{province}"


YEAR = "2025-2026"
# School mix: (level codes for the import, count, classes each, grades); 630 schools, 12,000 classes.
MIX = [
    ("TH", 240, 18, range(1, 6)),
    ("THCS", 210, 18, range(6, 10)),
    ("TH, THCS", 80, 22, range(1, 10)),
    ("THPT", 80, 22, range(10, 13)),
    ("GDTX", 20, 19, range(10, 13)),
]
TEACHERS_PER_SCHOOL = 12


def _database(name, fresh=False):
    try:
        import MySQLdb  # noqa: PLC0415
    except ImportError:
        sys.exit("The MySQL driver is missing: .venv/bin/pip install -r requirements/mysql.txt")

    connection = MySQLdb.connect(
        host=os.environ.get("VN_DB_HOST", "127.0.0.1"),
        port=int(os.environ.get("VN_DB_PORT", "3306")),
        user=os.environ.get("VN_DB_USER", "root"),
        password=os.environ.get("VN_DB_PASSWORD", ""),
    )
    if fresh:
        connection.cursor().execute(f"DROP DATABASE IF EXISTS {name}")
    connection.cursor().execute(f"CREATE DATABASE IF NOT EXISTS {name} CHARACTER SET utf8mb4")
    connection.close()


def setup_django(name):
    """Point the dev host's settings at the benchmark database and start Django."""
    os.environ.update(
        {"VN_DB_ENGINE": "mysql", "VN_DB_NAME": name, "DJANGO_SETTINGS_MODULE": "devhost.settings"}
    )
    os.environ.pop("VN_REDIS_URL", None)
    sys.path[:0] = [str(REPO / "config"), str(REPO)]
    import django  # noqa: PLC0415

    django.setup()


def _csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def organisation(rng, province="22"):
    """Schools, classes, teachers and assignments through the schools app's import; leaders and officers."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415

    from openedx_vn.schools import api as schools_api  # noqa: PLC0415

    schools_api.load_units([province])
    schools_api.set_school_year(YEAR, date(2025, 9, 5), date(2026, 5, 31), 35, date(2026, 1, 19))
    communes = [unit.code for unit in schools_api.list_units("commune", province)]
    schools, classes = [], []
    number = 0
    for levels, count, per_school, grades in MIX:
        for _ in range(count):
            number += 1
            code = f"{province}{number:06d}"
            schools.append((code, f"Trường {levels} số {number}", levels, communes[number % len(communes)]))
            for index in range(per_school):
                grade = list(grades)[index % len(grades)]
                classes.append(
                    (code, YEAR, grade, f"{grade}A{index // len(grades) + 1}", rng.randint(28, 45))
                )
    User = get_user_model()
    teachers = [f"gv{code}_{t}" for code, *_ in schools for t in range(TEACHERS_PER_SCHOOL)]
    User.objects.bulk_create(
        [User(username=name) for name in teachers], batch_size=5000, ignore_conflicts=True
    )
    files = [
        ("schools.csv", _csv(["moet_code", "name", "levels", "commune_code"], schools)),
        ("classes.csv", _csv(["school_code", "year", "grade", "name", "size"], classes)),
    ]
    schools_api.import_organisation(files, schools_api.SYSTEM_SCOPE)
    leaders = [f"ht{code}" for code, *_ in schools]
    User.objects.bulk_create(
        [User(username=name) for name in [*leaders, officer(province), *(f"xa{c}" for c in communes)]],
        batch_size=5000,
        ignore_conflicts=True,
    )
    ids = dict(User.objects.values_list("username", "id"))
    for code, *_ in schools:
        schools_api.grant_role(ids[f"ht{code}"], "school_leader", code)
    schools_api.grant_role(ids[officer(province)], "province_officer", province)
    for commune in communes:
        schools_api.grant_role(ids[f"xa{commune}"], "commune_officer", commune)
    return [code for code, *_ in schools]


def _subjects(grade):
    from openedx_vn.curriculum import api as curriculum_api  # noqa: PLC0415

    offered = curriculum_api.get_subjects(grade=grade)
    # Upper secondary: the compulsory subjects, 4 of the 9 electives and the special topics (chuyên đề).
    electives = [o for o in offered if o.kind == "elective"][:4]
    return [o for o in offered if o.kind != "elective"] + electives


def plans_and_assignments(school_codes):
    """Plans (the curriculum's periods) of every class × subject; the assignments through the import."""
    from openedx_vn.curriculum import api as curriculum_api  # noqa: PLC0415
    from openedx_vn.schools import api as schools_api  # noqa: PLC0415
    from openedx_vn.teaching.organisation import classes_of_school  # noqa: PLC0415

    version = curriculum_api.get_current_version().key
    by_grade = {grade: _subjects(grade) for grade in range(1, 13)}
    plans, assignments = [], []
    for code in school_codes:
        for keys in classes_of_school(code, YEAR):
            for index, offering in enumerate(by_grade[keys.grade]):
                plans.append((keys, offering.code, offering.periods_per_year, version))
                teacher = f"gv{code}_{(keys.class_id + index) % TEACHERS_PER_SCHOOL}"
                assignments.append((code, YEAR, keys.class_name, offering.code, teacher))
    files = [("assignments.csv", _csv(["school_code", "year", "class", "subject", "teacher"], assignments))]
    schools_api.import_organisation(files, schools_api.SYSTEM_SCOPE)
    return plans


def _insert(model, columns, rows):
    from django.db import connection  # noqa: PLC0415

    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


ORG = ("class_id", "year", "school_code", "commune_code", "province_code", "reports_to", "level", "grade")


def _org(keys):
    return (
        keys.class_id,
        keys.year,
        keys.school_code,
        keys.commune_code,
        keys.province_code,
        keys.reports_to,
        keys.level,
        keys.grade,
    )


def _utc_now():
    # Raw inserts bypass Django's conversion: write UTC without a time zone, as Django stores it on MySQL.
    return datetime.now(UTC).replace(tzinfo=None)


def store_plans(plans):
    from openedx_vn.teaching.models import TeachingPlan  # noqa: PLC0415

    now = _utc_now()
    columns = (*ORG, "subject_code", "class_name", "planned_periods", "program_version", "updated_at")
    rows = [
        (*_org(keys), subject, keys.class_name, periods, version, now)
        for keys, subject, periods, version in plans
    ]
    _insert(TeachingPlan, columns, rows)


def sessions(plans, total, rng):
    """Rows of ``total`` sessions spread over the plans (some schools far ahead, others behind), Sep–Apr."""
    from openedx_vn.teaching.models import OnlineSession  # noqa: PLC0415

    start = date(2025, 9, 8)
    first_monday = date(2025, 9, 1)
    pace = {}
    weights = []
    for keys, _subject, _periods, _version in plans:
        pace.setdefault(keys.school_code, rng.uniform(0.3, 1.8))
        weights.append(pace[keys.school_code])
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for index in rng.sample(range(len(plans)), total - sum(counts)):
        counts[index] += 1
    now = _utc_now()
    columns = (
        *ORG,
        "subject_code",
        "class_name",
        "teacher_user_id",
        "starts_at",
        "slot",
        "week",
        "periods",
        "mode",
        "form",
        "attendance",
        "required_attendance",
        "url",
        "recording",
        "source",
        "status",
        "reason",
        "counted",
        "usage_key",
        "course_key",
        "created_at",
        "updated_at",
    )
    rows = []
    for number, ((keys, subject, _periods, _version), count) in enumerate(zip(plans, counts, strict=True)):
        step = max(1, 220 // max(count, 1))
        for i in range(count):
            day = start + timedelta(days=i * step + number % 3)
            # 07:00–15:00 in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), stored as UTC.
            moment = datetime(day.year, day.month, day.day, number % 9, 0)
            week = (day - first_monday).days // 7 + 1
            block = rng.random() < 0.35
            if block:
                attendance = 0 if rng.random() < 0.1 else rng.randint(1, 40)
                status, counted = "recorded", attendance >= 1
                usage_key, slot = (
                    f"block-v1:QN+B{keys.school_code}+2025+type@vn_online_lesson+block@p{number}s{i}",
                    None,
                )
                source = "block"
            else:
                roll = rng.random()
                status = (
                    "approved"
                    if roll < 0.8
                    else "submitted"
                    if roll < 0.9
                    else "rejected"
                    if roll < 0.95
                    else "draft"
                )
                attendance, counted, usage_key, slot = rng.randint(20, 45), status == "approved", None, moment
                source = "import" if rng.random() < 0.5 else "manual"
            rows.append(
                (
                    *_org(keys),
                    subject,
                    keys.class_name,
                    1000 + number % 997,
                    moment,
                    slot,
                    week,
                    rng.choice((1, 1, 2)),
                    "live" if rng.random() < 0.7 else "self_paced",
                    "supporting" if rng.random() < 0.9 else "replacing",
                    attendance,
                    1 if block else 0,  # visits needed under the default rule
                    "",
                    "",
                    source,
                    status,
                    "",
                    counted,
                    usage_key,
                    "",
                    now,
                    now,
                )
            )
            if len(rows) >= 50_000:
                _insert(OnlineSession, columns, rows)
                rows = []
    _insert(OnlineSession, columns, rows)


def migrate():
    """Migrate the apps the benchmark reads, each with its dependencies; not edx-submissions, whose MariaDB
    UUID migration fails on a fresh database (it alters a column its squashed migration never made)."""
    from django.apps import apps  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415
    from django.db.migrations.loader import MigrationLoader  # noqa: PLC0415

    labels = {label for label, _name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    for config in apps.get_app_configs():
        if config.label in labels and config.label != "submissions":
            call_command("migrate", config.label, verbosity=0, interactive=False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=int(os.environ.get("SIZE") or 1), help="provinces")
    parser.add_argument("--database", help="default: openedx_vn_bench_share[_SIZE]")
    parser.add_argument("--sessions", type=int, help="default: 1,500,000 per province")
    parser.add_argument("--force", action="store_true", help="rebuild even when the data is there")
    args = parser.parse_args(argv)
    if not 1 <= args.size <= len(PROVINCES):
        parser.error(f"--size: 1 to {len(PROVINCES)} provinces")
    args.database = args.database or database_for(args.size)
    args.sessions = args.sessions or SESSIONS_PER_PROVINCE * args.size
    _database(args.database, fresh=args.force)
    setup_django(args.database)
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from openedx_vn.teaching import api  # noqa: PLC0415
    from openedx_vn.teaching.models import OnlineSession  # noqa: PLC0415

    migrate()
    if not args.force and OnlineSession.objects.filter(year=YEAR).count() >= args.sessions:
        print(f"{args.database} holds the province already (--force rebuilds it)")
        return
    if OnlineSession.objects.exists():  # a run that stopped half-way: start again from an empty database
        connection.close()
        call_command("flush", verbosity=0, interactive=False)
    rng = random.Random(2025)  # noqa: S311 - reproducible data, not secrets
    started = time.perf_counter()
    call_command("load_curriculum", verbosity=0)
    codes = [code for province in PROVINCES[: args.size] for code in organisation(rng, province)]
    print(f"organisation: {len(codes)} schools in {time.perf_counter() - started:.1f} s", flush=True)
    plans = plans_and_assignments(codes)
    store_plans(plans)
    print(f"plans: {len(plans):,} in {time.perf_counter() - started:.1f} s", flush=True)
    sessions(plans, args.sessions, rng)
    print(f"sessions: {args.sessions:,} in {time.perf_counter() - started:.1f} s", flush=True)
    counts = api.recompute_shares(YEAR)
    total = time.perf_counter() - started
    print(f"cells: {counts.cells:,} (recompute {counts.seconds:.1f} s); total {total:.0f} s")


if __name__ == "__main__":
    main()
