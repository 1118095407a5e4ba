"""Question bank (issue 4): GIFT import of 10,000 questions end to end; our GIFT parser beside pygiftparser;
export of 1,000 questions to each export format (OLX library and unit, QTI 2.1, GIFT, Word).

The parser comparison runs both on the 51 gift-grammar-pegjs cases (shared/testdata) and counts, per file,
whether the questions' types and right answers equal the expected parse.
"""

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "plugins"), str(HERE.parent / "config")]
# The readers' messages are translated (gettext): Django's settings must exist, even for the bare parser.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")
import django  # noqa: E402

django.setup()

from bench_curriculum import _create_database, _mariadb_reachable  # noqa: E402

from openedx_vn.qbank.importing.formats import gift  # noqa: E402

REPEAT = 20


def _summary(items):
    return [_item_summary(item) for item in items if item["type"] != "Category"]


def _item_summary(item):
    kind = item["type"]
    if kind in ("MC", "Short"):
        right = sorted(c["text"]["text"] for c in item["choices"] if c["isCorrect"] or (c["weight"] or 0) > 0)
        return kind, tuple(right)
    if kind == "TF":
        return kind, item["isTrue"]
    if kind == "Numerical":
        choices = item["choices"]
        spec = choices if isinstance(choices, dict) else next(c["text"] for c in choices if c["isCorrect"])
        return kind, float(spec.get("number", spec.get("numberLow", 0)))
    if kind == "Matching":
        return kind, tuple(sorted(p["subanswer"] for p in item["matchPairs"]))
    return (kind,)


def _pygift_summary(questions):
    names = {
        "SelectSet": "MC",
        "MultipleChoicesSet": "MC",
        "ShortSet": "Short",
        "TrueFalseSet": "TF",
        "NumericAnswerSet": "Numerical",
        "MatchingSet": "Matching",
        "Essay": "Essay",
        "Description": "Description",
    }
    out = []
    for question in questions:
        answers = question.answers
        kind = names.get(type(answers).__name__, type(answers).__name__)
        if kind in ("MC", "Short"):
            out.append((kind, tuple(sorted(a.answer.strip() for a in answers.answers if a.fraction > 0))))
        elif kind == "TF":
            out.append((kind, answers.answer))
        elif kind == "Numerical":
            out.append((kind, float(next(a.value for a in answers.answers if a.fraction == 100))))
        elif kind == "Matching":
            out.append((kind, tuple(sorted(a.answer.strip() for a in answers.answers))))
        else:
            out.append((kind,))
    return out


def _compare_parsers():
    from pygiftparser import parser as pygift  # noqa: PLC0415

    cases = sorted((HERE.parent.parent / "shared/testdata/gift-grammar-pegjs/tests/questions").glob("*.gift"))
    texts = {case: case.read_text(encoding="utf-8") for case in cases}
    ours_right = theirs_right = 0
    ours_time = theirs_time = 0.0
    for case, text in texts.items():
        expected = _summary(json.loads(case.with_suffix(".json").read_text(encoding="utf-8")))
        start = time.perf_counter()
        for _ in range(REPEAT):
            ours = _summary(gift.parse(text))
        ours_time += time.perf_counter() - start
        ours_right += ours == expected
        theirs = None
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(Exception):
            for _ in range(REPEAT):
                theirs = _pygift_summary(pygift.parseFile(io.StringIO(text)))
        theirs_time += time.perf_counter() - start
        theirs_right += theirs == expected
    return len(cases), ours_right, theirs_right, ours_time / REPEAT * 1000, theirs_time / REPEAT * 1000


def _interleaved(other, rounds):
    """Our parse and ``other(text)`` on the import benchmark's 10,000-question file in alternating rounds:
    (our seconds, theirs, their last result).

    Each clock stops when its parser returns, and the result is freed (and the collector run) outside both
    clocks: our items hold no cycles, so freeing them on the spot would land inside our time, while
    pygiftparser's objects hold cycles and would be freed by the next collection, outside theirs.
    """
    import gc  # noqa: PLC0415

    from qbank_worker import synthetic_gift  # noqa: PLC0415

    text = synthetic_gift(10_000).decode()
    ours, theirs, result = [], [], None
    for _ in range(rounds):
        for parse, times in ((gift.parse, ours), (other, theirs)):
            result = None
            gc.collect()
            start = time.perf_counter()
            result = parse(text)
            times.append(time.perf_counter() - start)
    return ours, theirs, result


def _parse_10000(rounds=15):
    """Our parser and pygiftparser, interleaved (``_interleaved``): medians and the median of the per-round
    ratios."""
    import statistics  # noqa: PLC0415

    from pygiftparser import parser as pygift  # noqa: PLC0415

    def theirs_parse(text):
        with contextlib.redirect_stdout(io.StringIO()):
            return pygift.parseFile(io.StringIO(text))

    ours, theirs, _result = _interleaved(theirs_parse, rounds)
    ratio = statistics.median(b / a for a, b in zip(ours, theirs, strict=True))
    return statistics.median(ours) * 1000, statistics.median(theirs) * 1000, ratio


def _parser_generator(rounds=5):
    """Lark (LALR, contextual lexer) building only its parse tree (gift_lark.py) and our whole parse,
    interleaved: medians; the question count checks that Lark read every question."""
    import statistics  # noqa: PLC0415

    import gift_lark  # noqa: PLC0415

    ours, theirs, tree = _interleaved(gift_lark.parser().parse, rounds)
    return statistics.median(ours) * 1000, statistics.median(theirs) * 1000, gift_lark.questions(tree)


def _import_run(env):
    done = subprocess.run(
        [sys.executable, str(HERE / "qbank_worker.py")], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run():
    rows = []
    cases, ours, theirs, ours_ms, theirs_ms = _compare_parsers()
    rows.append(
        (f"GIFT cases right (types + right answers), of {cases}", f"ours {ours}, pygiftparser {theirs}", "—")
    )
    rows.append(
        (f"parse all {cases} case files", f"ours {ours_ms:.1f} ms, pygiftparser {theirs_ms:.1f} ms", "—")
    )
    ours_ms, theirs_ms, ratio = _parse_10000()
    rows.append(
        (
            "GIFT parse of 10,000 questions (median of 15, interleaved; floor: pygiftparser, same file)",
            f"{ours_ms:.0f} ms",
            "≥ 2× faster, all cases exact",
            f"{theirs_ms:.0f} ms",
            f"{ratio:.1f}× faster",
        )
    )
    ours_ms, lark_ms, read = _parser_generator()
    rows.append(
        (
            f"  a parser generator instead: Lark LALR, its parse tree only ({read:,} questions read; "
            "bench/gift_lark.py), beside our whole parse",
            f"ours {ours_ms:.0f} ms, Lark {lark_ms:.0f} ms",
            "—",
        )
    )
    base = {k: v for k, v in os.environ.items() if k not in ("VN_DB_ENGINE", "VN_REDIS_URL", "VN_DB_NAME")}
    runs = [_import_run({**base, "VN_VAR_DIR": tempfile.mkdtemp(prefix="vn-bench-")})]
    if _mariadb_reachable():
        _create_database("openedx_vn_bench")
        runs.append(_import_run({**base, "VN_DB_ENGINE": "mysql", "VN_DB_NAME": "openedx_vn_bench"}))
    for figures in runs:
        db = figures["backend"]
        rows.append(
            (
                f"[{db}] GIFT import of {figures['created']} questions, end to end",
                f"{figures['seconds']:.2f} s",
                "< 5 s on MariaDB",
            )
        )
        rows.append(
            (
                f"[{db}] same file again: all flagged as duplicates ({figures['again_duplicates']})",
                f"{figures['again_seconds']:.2f} s",
                "—",
            )
        )
        word = f"[{db}] Word (.docx) import of {figures['docx_created']} questions, end to end"
        rows.append((word, f"{figures['docx_seconds']:.2f} s", "< 15 s"))
        rich = f"[{db}] same, each with a Word equation, every 5th a picture ({figures['rich_docx_created']})"
        rows.append((rich, f"{figures['rich_docx_seconds']:.2f} s", "< 15 s"))
        for fmt, export in figures.get("export", {}).items():
            what = f"[{db}] export of 1,000 questions to {fmt} ({export['bytes'] // 1024} KiB)"
            rows.append((what, f"{export['seconds']:.2f} s", "—"))
    if _mariadb_reachable():  # the teachers' filtered list on a 200,000-question bank (qbank_list_worker.py)
        _create_database("openedx_vn_bench_list")
        env = {**base, "VN_DB_ENGINE": "mysql", "VN_DB_NAME": "openedx_vn_bench_list"}
        listed = _run_worker("qbank_list_worker.py", env)
        what = f"[mysql] filtered list API, {listed['questions']:,} questions, {listed['requests']} requests"
        figure = f"p95 {listed['p95_ms']:.0f} ms (p50 {listed['p50_ms']:.0f}, max {listed['max_ms']:.0f})"
        rows.append((what, figure, "p95 < 150 ms"))
    return rows


def _run_worker(script, env):
    command = [sys.executable, str(HERE / script)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])
