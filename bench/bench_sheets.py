"""Answer sheets (issue 17): reading one 12 MP phone photo of a sheet on one core (target < 1 s), and a
class of 40 scanned sheets (one PDF) through the Celery task on MariaDB + Redis (target < 30 s, from the
start of the upload's task to its last page graded).

The sheets are printed by ``sheets.pdf``, filled and photographed by tests/plugins/assessment/sheets/synth.py.
``python bench/bench_sheets.py --photo`` times the photos in this process, pinned to one core;
``--class`` runs the class on the database and Redis named by VN_DB_NAME / VN_REDIS_URL with a worker it
starts. ``run()`` does both (the class on MariaDB database openedx_vn_bench_sheets, Redis db 14).
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PHOTOS = 8
CLASS = 40


def _django():
    sys.path[:0] = [str(REPO / "config"), str(REPO)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")
    import django  # noqa: PLC0415

    django.setup()


def _photos():
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    _django()
    from types import SimpleNamespace  # noqa: PLC0415

    import cv2  # noqa: PLC0415

    from openedx_vn.assessment.sheets.layout import build_layout  # noqa: PLC0415
    from openedx_vn.assessment.sheets.pdf import sheet_pdf  # noqa: PLC0415
    from openedx_vn.assessment.sheets.reader import decode_image  # noqa: PLC0415
    from openedx_vn.assessment.sheets.reading import read_sheet  # noqa: PLC0415
    from tests.plugins.assessment.sheets import synth  # noqa: PLC0415

    cv2.setNumThreads(1)
    info = SimpleNamespace(uuid=uuid.uuid4().hex, title="Bench", kind="")
    layout = build_layout("national", (40, 8, 6))
    blank = synth.render_pages(sheet_pdf(info, layout))[0]
    times = []
    for seed in range(PHOTOS):
        rng = random.Random(seed)  # noqa: S311 - reproducible test data
        page = blank.copy()
        synth.fill(page, layout, synth.random_choices(layout, rng, number="000123", code="101"), rng)
        photo = synth.photo(page, rng)
        started = time.perf_counter()
        read = read_sheet(decode_image(photo))
        times.append(time.perf_counter() - started)
        if read.exam_uuid != info.uuid or read.marks.unsure:
            raise RuntimeError(f"photo {seed} was not read cleanly")
    print(json.dumps({"median": statistics.median(times), "max": max(times), "bytes": len(photo)}))


def _create_database():
    import MySQLdb  # noqa: PLC0415

    connection = MySQLdb.connect(
        host=os.environ.get("VN_DB_HOST", "127.0.0.1"),
        port=int(os.environ.get("VN_DB_PORT", "3306")),
        user=os.environ.get("VN_DB_USER", "root"),
        password=os.environ.get("VN_DB_PASSWORD", ""),
    )
    name = os.environ["VN_DB_NAME"]
    connection.cursor().execute(f"CREATE DATABASE IF NOT EXISTS {name} CHARACTER SET utf8mb4")
    connection.close()


def _class():
    if os.environ.get("VN_DB_ENGINE") == "mysql":
        _create_database()
    _django()
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    from devhost.celery import app  # noqa: PLC0415
    from openedx_vn.assessment import api  # noqa: PLC0415
    from openedx_vn.assessment.models import Exam  # noqa: PLC0415
    from openedx_vn.assessment.sheets import jobs, service  # noqa: PLC0415
    from openedx_vn.assessment.sheets.layout import build_layout  # noqa: PLC0415
    from openedx_vn.qbank.models import QuestionBank  # noqa: PLC0415
    from tests.plugins.assessment.conftest import BLUEPRINT, fill_bank  # noqa: PLC0415
    from tests.plugins.assessment.sheets import synth  # noqa: PLC0415
    from tests.plugins.assessment.sheets.conftest import filled_sheet  # noqa: PLC0415
    from tests.plugins.schools.teachers import make_teacher  # noqa: PLC0415

    call_command("migrate", interactive=False, verbosity=0)
    users = get_user_model().objects
    tag = uuid.uuid4().hex[:6]
    teacher = users.create_user(f"bench_gv_{tag}")
    make_teacher(teacher)
    bank = QuestionBank.objects.create(name=f"Bench {tag}", owner_id=teacher.id)
    fill_bank(bank)
    blueprint, _problems = api.save_blueprint(teacher, BLUEPRINT)
    info = api.generate_exam(teacher, blueprint, [str(bank.uuid)], version_count=2)
    students = [users.create_user(f"bench_hs_{tag}_{n}") for n in range(1, CLASS + 1)]
    lines = [f"{n}; Học sinh {n}; {student.username}" for n, student in enumerate(students, start=1)]
    service.save_students(teacher, info.uuid, "\n".join(lines))
    exam = Exam.objects.get(uuid=info.uuid)
    layout = build_layout("national", service.counts_of(exam))
    pages = synth.render_pages(service.print_sheets(teacher, info.uuid, "national"))
    rng = random.Random(40)  # noqa: S311 - reproducible test data
    for index, page in enumerate(pages):
        filled_sheet(info.uuid, layout, page, "101" if index % 2 else "102", "", rng)
    pdf = synth.scanned_pdf(pages, rng)
    batch = jobs.open_batch(exam, teacher.id)
    for index, start in enumerate(range(0, len(pdf), jobs.PART_BYTES)):
        jobs.add_part(batch, "lop.pdf", index, pdf[start : start + jobs.PART_BYTES])
    queue = f"openedx-vn-bench-{tag}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO / "config"), str(REPO)]),
        "VN_CELERY_QUEUE": queue,
    }
    command = [sys.executable, "-m", "celery", "-A", "devhost", "worker", "--pool=solo", "-Q", queue]
    command += ["-n", f"{queue}@bench", "--without-gossip", "--without-mingle", "--loglevel=WARNING"]
    worker = subprocess.Popen(
        command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not app.control.ping(destination=[f"{queue}@bench"], timeout=1.0):
            time.sleep(0.5)
        app.conf.task_default_queue = queue  # the task goes to this worker's queue
        started = time.perf_counter()
        jobs.start_batch(batch)  # outside a transaction: sent at once
        while True:
            batch.refresh_from_db()
            if batch.status in ("done", "failed"):
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    graded = batch.sheets.filter(status="graded").count()
    print(json.dumps({"seconds": elapsed, "status": batch.status, "pages": batch.done, "graded": graded}))


def _run(flag, env=None):
    out = subprocess.run(
        [sys.executable, __file__, flag], capture_output=True, text=True, env=env or os.environ, cwd=REPO
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def run():
    photo = _run("--photo")
    rows = [
        (
            "read one 12 MP sheet photo, one core (median / slowest of 8)",
            f"{photo['median']:.2f} s / {photo['max']:.2f} s",
            "< 1 s",
        )
    ]
    env = {
        **os.environ,
        "VN_DB_ENGINE": "mysql",
        "VN_DB_NAME": os.environ.get("VN_BENCH_SHEETS_DB", "openedx_vn_bench_sheets"),
        "VN_REDIS_URL": os.environ.get("VN_BENCH_SHEETS_REDIS", "redis://127.0.0.1:6379/14"),
    }
    found = _run("--class", env)
    what = f"class of {CLASS} scanned sheets (one PDF) through the Celery task, MariaDB + Redis"
    figure = f"{found['seconds']:.1f} s ({found['graded']} of {found['pages']} graded, {found['status']})"
    rows.append((what, figure, "< 30 s"))
    return rows


if __name__ == "__main__":
    if "--photo" in sys.argv:
        _photos()
    elif "--class" in sys.argv:
        _class()
    else:
        for row in run():
            print(" | ".join(row))
