"""Run in a subprocess by test_hostile_files: refuse each file given and print, as JSON lines, how long the
refusal took (CPU and wall seconds) and how much memory it added (peak RSS over the RSS before, from
/proc/self/status, the peak reset through /proc/self/clear_refs; and tracemalloc's peak of Python objects).

    python -m tests.security.measure <reader> <path> <name> [<reader> <path> <name> ...]

readers: ``qbank`` (the question import pipeline), ``workbook`` (core.spreadsheets.read_rows: teaching and
curriculum imports), ``schools`` (the organisation import's tables).
"""

import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

import django


def _status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _reset_peak():
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS (Linux >= 4.0)
        return True
    except OSError:
        return False


def _readers():
    from openedx_vn.core import spreadsheets
    from openedx_vn.qbank.importing.pipeline import QuestionImportError, preview
    from openedx_vn.schools.importing import tables

    def qbank(content, name):
        try:
            preview(content, name)
        except QuestionImportError as exc:
            return str(exc.problems[0].message)
        return None

    def workbook(content, name):
        try:
            spreadsheets.read_rows(content)
        except spreadsheets.UnreadableWorkbook as exc:
            return str(exc)
        return None

    def schools(content, name):
        found, problems = tables.read([(name, content)])
        return problems[0].message if problems else None

    return {"qbank": qbank, "workbook": workbook, "schools": schools}


def main(args):
    django.setup()
    from django.utils import translation

    translation.activate(os.environ.get("VN_MEASURE_LANGUAGE", "vi"))
    readers = _readers()
    for reader, path, name in zip(args[0::3], args[1::3], args[2::3], strict=True):
        content = Path(path).read_bytes()
        exact = _reset_peak()
        before = _status("VmRSS")
        tracemalloc.start()
        cpu, wall = time.process_time(), time.perf_counter()
        refusal = readers[reader](content, name)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        python_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        peak = _status("VmHWM")
        figures = {
            "name": name,
            "reader": reader,
            "refusal": refusal,
            "cpu_seconds": round(cpu, 3),
            "wall_seconds": round(wall, 3),
            "rss_added": max(0, peak - before) if exact else None,
            "python_peak": python_peak,
        }
        print(json.dumps(figures, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
