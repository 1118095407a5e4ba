"""Time ``api.generate_exam``: 24 versions of a 40-question test from a 100,000-question bank; prints JSON.

bench_assessment.py starts it (on MariaDB, database ``openedx_vn_bench_assess``). Each repeat draws with a new
seed and stores the test, as a teacher's click does. A breakdown times the steps alone (the candidates query,
the draw, the contents, the versions); ``--profile`` prints
cProfile's top functions instead; ``--mixed`` uses the shared bank of ten subject × grade sets.
"""

import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "config"), str(REPO), str(REPO / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")

import django  # noqa: E402

django.setup()

import assessment_data  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from openedx_vn.assessment import api, versions  # noqa: E402
from openedx_vn.assessment.generator import draw  # noqa: E402
from openedx_vn.qbank import api as qbank_api  # noqa: E402

REPEATS = int(os.environ.get("VN_BENCH_REPEATS", "30"))
VERSIONS = 24


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] * 1000


def _summary(times):
    return {"p50_ms": pct(times, 50), "p95_ms": pct(times, 95), "max_ms": max(times) * 1000, "n": len(times)}


def _steps(owner, blueprint_uuid, bank_uuid):
    """The generator's steps timed alone (same calls as generate_exam makes)."""
    blueprint, _problems = api.get_blueprint(owner, blueprint_uuid)
    times = {"candidates": [], "draw": [], "contents": [], "versions": []}
    count = 0
    for seed in range(1, 11):
        start = time.perf_counter()
        candidates = qbank_api.list_candidates(
            [bank_uuid],
            types={cell.format for cell in blueprint.cells},
            levels={cell.level for cell in blueprint.cells},
            outcome_prefixes=[code for row in blueprint.rows for code in row.codes],
            subject_code=blueprint.subject_code,
            grade=blueprint.grade,
        )
        times["candidates"].append(time.perf_counter() - start)
        count = len(candidates)
        start = time.perf_counter()
        picks = draw(blueprint, candidates, seed)
        times["draw"].append(time.perf_counter() - start)
        kinds = {c.key: c.type for c in candidates}
        start = time.perf_counter()
        pinned = qbank_api.pin_questions([p.key for p in picks])
        contents = qbank_api.get_question_contents([pinned[p.key] for p in picks])
        times["contents"].append(time.perf_counter() - start)
        items = [
            versions.TestItem(pinned[p.key][0], kinds[p.key], contents[pinned[p.key][0]].body) for p in picks
        ]
        start = time.perf_counter()
        versions.make_versions(items, VERSIONS, seed)
        times["versions"].append(time.perf_counter() - start)
    return count, {name: _summary(values) for name, values in times.items()}


def main():
    call_command("migrate", interactive=False, verbosity=0)
    owner = assessment_data.teacher()
    kind = "mixed" if "--mixed" in sys.argv else "worst"
    bank, built = assessment_data.bank(owner, kind)
    blueprint_uuid = assessment_data.blueprint(owner)
    bank_uuid = str(bank.uuid)

    def generate(seed):
        return api.generate_exam(owner, blueprint_uuid, [bank_uuid], version_count=VERSIONS, seed=seed)

    exam = generate(1)  # warm-up: caches, connection, the query plan
    if exam.question_count != 40 or len(exam.version_codes) != VERSIONS:
        raise RuntimeError(f"not the test the benchmark times: {exam}")
    if "--profile" in sys.argv:
        profiler = cProfile.Profile()
        profiler.enable()
        for seed in range(2, 12):
            generate(seed)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
        return
    times = []
    for seed in range(100, 100 + REPEATS):
        start = time.perf_counter()
        generate(seed)
        times.append(time.perf_counter() - start)
    candidates, steps = _steps(owner, blueprint_uuid, bank_uuid)
    figures = {
        "backend": connection.vendor,
        "bank": kind,
        "questions": bank.questions.count(),
        "build_seconds": built,
        "candidates": candidates,
        "generate": _summary(times),
        "mean_ms": statistics.mean(times) * 1000,
        "steps": steps,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
