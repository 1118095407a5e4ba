"""Zip bombs and junk are refused before anything parses them: in under 2 s of CPU and with under 100 MB of
extra memory, measured in a subprocess of their own (RSS peak over RSS before, and tracemalloc's peak), with
a message (in Vietnamese) that says what is too large ("quá lớn") and the limit. The bombs are crafted in
tests/security/bombs.py."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT
from tests.security import bombs

LIMIT_SECONDS = 2.0
LIMIT_BYTES = 100 * 1024 * 1024

# name → (reader, file name, how it is crafted, words the refusal must hold)
CASES = {
    "docx-1GB": ("qbank", "de-thi.docx", lambda: bombs.docx_bomb(1), "quá lớn khi giải nén"),
    "docx-lying-directory": ("qbank", "de-thi.docx", lambda: bombs.docx_bomb(1, lie=True), "bị hỏng"),
    "zip-100000-entries": ("qbank", "goi-qti.zip", lambda: bombs.many_entries(100_000), "100.001 tệp"),
    "qti-1GB": ("qbank", "goi-qti.zip", lambda: bombs.qti_bomb(1), "quá lớn khi giải nén"),
    "xlsx-1GB": ("qbank", "ngan-hang.xlsx", lambda: bombs.xlsx_bomb(1), "quá lớn khi giải nén"),
    "xlsx-1GB-sessions": ("workbook", "buoi-hoc.xlsx", lambda: bombs.xlsx_bomb(1), "quá lớn khi giải nén"),
    "xlsx-1GB-schools": ("schools", "truong.xlsx", lambda: bombs.xlsx_bomb(1), "quá lớn khi giải nén"),
    "gift-50MB-random": ("qbank", "rac.gift", lambda: bombs.random_bytes(50), "quá lớn: 50 MB"),
    "gift-4MB-random": ("qbank", "rac.gift", lambda: bombs.random_bytes(4), "không ở dạng UTF-8"),
    "gift-4MB-one-line": ("qbank", "mot-dong.gift", lambda: bombs.one_line(4), "dòng 1 quá lớn"),
    "aiken-10MB-text": (
        "qbank",
        "dai.aiken",
        lambda: b"A. x\n" * (2 * bombs.MB),
        "quá lớn đối với một tệp",
    ),
    "gift-300000-lines": ("qbank", "dong.gift", lambda: b"x\n" * 300_000, "300.001 dòng"),
}


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """Every case refused in one subprocess (Django set up once); ``{case: figures}``."""
    folder = tmp_path_factory.mktemp("bombs")
    args = []
    for case, (reader, name, craft, _words) in CASES.items():
        path = folder / case
        path.write_bytes(craft())
        args += [reader, str(path), name]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "config"), str(REPO_ROOT)]),
        "DJANGO_SETTINGS_MODULE": "devhost.settings",
        "VN_MEASURE_LANGUAGE": "vi",  # teachers read the refusals in Vietnamese
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.security.measure", *args],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,  # a generous bound on the whole run; the per-file limit is checked below
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    figures = dict(zip(CASES, lines, strict=True))
    for case, entry in figures.items():  # the figures, in the test log (-s or on failure)
        print(f"{case}: {entry}")
    return figures


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_file_is_refused_fast_and_small(measured, case):
    figures = measured[case]
    assert figures["refusal"], f"{case} was not refused: {figures}"
    assert figures["cpu_seconds"] < LIMIT_SECONDS, figures
    assert figures["python_peak"] < LIMIT_BYTES, figures
    if figures["rss_added"] is not None:  # /proc/self/clear_refs may be closed to us
        assert figures["rss_added"] < LIMIT_BYTES, figures


@pytest.mark.parametrize("case", CASES)
def test_the_refusal_says_what_is_wrong(measured, case):
    assert CASES[case][3] in measured[case]["refusal"]
