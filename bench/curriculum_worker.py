"""One backend's run of the curriculum benchmark (bench_curriculum.py starts it); prints JSON figures.

Uses its own database (VN_DB_NAME=openedx_vn_bench on MariaDB, a temporary SQLite file otherwise).
"""

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "config"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from openedx_vn.curriculum import api  # noqa: E402

SEARCHES = 300


def synthetic_topics(target_nodes):
    """A topic file for every offered subject × grade without a shipped tree, ≥ target_nodes rows in all."""
    shipped = {("TOAN", g) for g in range(1, 13)} | {("TINHOC", g) for g in range(6, 13)}
    shipped |= {("TINHOCCN", g) for g in (3, 4, 5)}
    pairs = [(o.code, o.grade) for o in api.get_subjects() if (o.code, o.grade) not in shipped]
    per_pair = target_nodes // len(pairs) + 1
    words = ["số", "phân số", "hình học", "đo lường", "xác suất", "thống kê", "văn bản", "lịch sử", "địa lí"]
    rng = random.Random(2018)
    lines = ["subject,grade,code,parent,kind,title,periods,source"]
    for subject, grade in pairs:
        count = 0
        for s in range(1, 4):
            strand = f"{subject}.{grade}.{s}"
            lines.append(f"{subject},{grade},{strand},,strand,Mạch {s} {rng.choice(words)},,bench")
            count += 1
            for t in range(1, 4):
                topic = f"{strand}.{t}"
                lines.append(f"{subject},{grade},{topic},{strand},topic,Chủ đề {t} {rng.choice(words)},,")
                count += 1
                for o in range(1, max(2, per_pair // 9)):
                    text = f"Nhận biết được {rng.choice(words)} và {rng.choice(words)} ({o})"
                    lines.append(f"{subject},{grade},{topic}.{o},{topic},outcome,{text},,")
                    count += 1
    return "\n".join(lines).encode()


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main():
    call_command("migrate", interactive=False, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    figures = {"backend": connection.vendor}

    figures["load_first_s"], (_, _, shipped) = timed(api.load_shipped_curriculum)
    with CaptureQueriesContext(connection) as queries:
        figures["load_again_s"], _ = timed(api.load_shipped_curriculum)
    figures["load_again_writes"] = sum(
        q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE") for q in queries.captured_queries
    )

    content = synthetic_topics(5000)
    figures["synthetic_load_s"], load = timed(lambda: api.load_topics(content, "synthetic.csv"))
    figures["synthetic_nodes"] = load.nodes
    figures["taxonomy_first_s"], (_, tags, _) = timed(api.export_taxonomy)
    figures["taxonomy_tags"] = tags
    figures["taxonomy_again_s"], _ = timed(api.export_taxonomy)

    queries = ["phan so", "hinh hoc", "xac suat thong ke", "nhận biết", "do luong", "văn bản", "so", "TOAN.6"]
    samples = []
    for index in range(SEARCHES):
        query = queries[index % len(queries)]
        start = time.perf_counter()
        api.search_nodes(query, limit=50)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    figures["search_p50_ms"] = statistics.median(samples)
    figures["search_p95_ms"] = samples[int(len(samples) * 0.95) - 1]
    figures["nodes_searched"] = sum(loaded.nodes for loaded in shipped) + load.nodes
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
