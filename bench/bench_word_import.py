"""Word papers (issue 11): a 50-question paper of each layout of the Word corpus, imported end to end
(read, check, store) into a new bank on MariaDB. Target: < 2 s each (.doc and WMF conversions excluded).

The papers come from tests/plugins/qbank/importing/word/make_corpus.py at 50 questions (the Ngữ văn paper
has its 7: a passage, five questions on it, two essays and the marking guide). ``python
bench/bench_word_import.py --worker`` is one run on the configured database; ``run()`` starts it on MariaDB
(database openedx_vn_bench_word), or on SQLite when MariaDB is not reachable.
"""

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SIZES = {
    "classic": {"count": 50},
    "soft_breaks": {"count": 50},
    "auto_numbered": {"count": 50},
    "in_a_row": {"count": 50},
    "two_by_two": {"count": 50},
    "exam_table": {"count": 50, "pictures": True},
    "option_cells": {"count": 50},
    "format_2025": {"mc": 28, "tf": 12, "short": 10},
    "ngu_van": {},
    "shared_passage": {"count": 50},
    "equations": {"count": 50},
    "mixed": {"count": 50},
}


def _worker():
    sys.path[:0] = [str(REPO / "config"), str(REPO)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.urls import get_resolver  # noqa: PLC0415

    from openedx_vn.qbank import api  # noqa: PLC0415
    from tests.plugins.qbank.importing.word import make_corpus  # noqa: PLC0415

    call_command("migrate", "vn_qbank", interactive=False, verbosity=0)  # the bank and what it needs
    get_resolver().reverse_dict  # noqa: B018 - URLs loaded first, as in a running server (picture URLs)
    figures = {"backend": connection.vendor, "papers": []}
    for layout, options in SIZES.items():
        paper = make_corpus.Paper(f"bench_{layout}", seed=layout)
        make_corpus.BUILDERS[layout](paper, **options)
        out = io.BytesIO()
        paper.document.save(out)
        content = out.getvalue()
        bank = api.create_bank(f"Bench Word {layout} {time.time_ns()}", owner_id=1)
        start = time.perf_counter()
        result = api.import_questions(content, f"{layout}.docx", bank.uuid)
        seconds = time.perf_counter() - start
        expected = len(paper.expected["questions"])
        figures["papers"].append(
            {"layout": layout, "created": result.created, "expected": expected, "seconds": seconds,
             "kib": len(content) // 1024}
        )  # fmt: skip
    print(json.dumps(figures))


def _mariadb():
    sys.path.insert(0, str(HERE))
    from bench_curriculum import _create_database, _mariadb_reachable  # noqa: PLC0415

    if not _mariadb_reachable():
        return None
    _create_database("openedx_vn_bench_word")
    return {"VN_DB_ENGINE": "mysql", "VN_DB_NAME": "openedx_vn_bench_word"}


def run():
    base = {k: v for k, v in os.environ.items() if k not in ("VN_DB_ENGINE", "VN_REDIS_URL", "VN_DB_NAME")}
    env = {**base, "VN_VAR_DIR": tempfile.mkdtemp(prefix="vn-bench-word-"), **(_mariadb() or {})}
    command = [sys.executable, str(Path(__file__).resolve()), "--worker"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    db = figures["backend"]
    rows = []
    for paper in figures["papers"]:
        what = (
            f"[{db}] Word paper, layout {paper['layout']}: {paper['created']} of {paper['expected']} "
            f"questions ({paper['kib']} KiB), end to end"
        )
        rows.append((what, f"{paper['seconds']:.2f} s", "< 2 s"))
    return rows


if __name__ == "__main__":
    if "--worker" in sys.argv:
        _worker()
    else:
        for row in run():
            print(" | ".join(row))
