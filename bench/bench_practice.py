"""Adaptive practice (ADR 0015): a simulation of learners, then the time to choose the next question on
MariaDB with a 200,000-question bank. Prints Markdown for docs/benchmarks.md.

1. Simulation (no database). 20 outcomes, 5,000 questions (250 per outcome; difficulty b uniform on
   [-3, 3]; 60 % four-option, 20 % đúng/sai, 20 % short answer with their guessing floors). Each simulated
   learner has a true ability per outcome, θ ~ N(0.8, 1); answers are drawn from the same 3PL model the
   learner model assumes. Each learner practises each outcome until mastery is declared or 60 questions;
   two policies with the same model and mastery rule: adaptive (``learner.choose``) and random order.
   Reported: questions to mastery of the true masters (the cap when not reached within it), the share of
   those who reached it within the cap, the share of learner ×
   outcome pairs wrongly declared mastered (true θ below the line), the final accuracy (declared status =
   true status after the session).
2. Choice time (``VN_DB_ENGINE=mysql``): a province bank of 200,000 questions (5,000 on the 20 practised
   outcomes of Toán 6, the rest over other subjects and grades), built once through the importer's bulk
   insert; ``practice.api.next_question`` timed for students with answer histories; p50/p95/max.

    VN_DB_ENGINE=mysql VN_DB_NAME=vn_h9 .venv/bin/python bench/bench_practice.py \\
        [--simulation-only | --choice-only]
"""

import math
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "config"), str(REPO), str(REPO / "plugins")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")

from openedx_vn.practice import learner  # noqa: E402 - plain module, no Django needed

OUTCOMES = 20
PER_OUTCOME = 250
LEARNERS = int(os.environ.get("VN_BENCH_LEARNERS", "100"))
CAP = 60
KINDS = [("multiple_choice", 0.6), ("true_false_cluster", 0.2), ("short_answer", 0.2)]


def _kind(rng):
    roll, total = rng.random(), 0.0
    for kind, share in KINDS:
        total += share
        if roll < total:
            return kind
    return KINDS[-1][0]


def simulated_bank(rng):
    bank = []
    for outcome in range(OUTCOMES):
        items = []
        for n in range(PER_OUTCOME):
            kind = _kind(rng)
            items.append(learner.Item((outcome, n), rng.uniform(-3, 3), learner.GUESSING[kind]))
        bank.append(items)
    return bank


def practise(items, theta, policy, rng):
    """(questions asked, declared mastered) for one learner on one outcome."""
    posterior, recent = learner.prior(), []
    for asked in range(1, CAP + 1):
        if policy == "adaptive":
            item = learner.choose(items, posterior, recent, rng=rng)
        else:
            seen = set(recent)
            item = rng.choice([i for i in items if i.key not in seen])
        correct = rng.random() < learner.probability(theta, item.b, item.c)
        posterior = learner.update(posterior, item.b, item.c, correct)
        recent.insert(0, item.key)
        if learner.mastery(posterior) >= learner.MASTERY_LEVEL:
            return asked, True
    return CAP, False


def simulate():
    """Per policy: questions to mastery (paired, and over true masters), errors, accuracy."""
    rng = random.Random(2026)
    bank = simulated_bank(rng)
    learners = [[rng.gauss(0.8, 1.0) for _ in range(OUTCOMES)] for _ in range(LEARNERS)]
    runs = {}
    for policy in ("adaptive", "random"):
        policy_rng, started, run = random.Random(7), time.perf_counter(), {}
        for index, thetas in enumerate(learners):
            for outcome, theta in enumerate(thetas):
                run[index, outcome] = (*practise(bank[outcome], theta, policy, policy_rng), theta)
        runs[policy] = (run, time.perf_counter() - started)
    both = [
        pair for pair in runs["adaptive"][0] if runs["adaptive"][0][pair][1] and runs["random"][0][pair][1]
    ]
    results = {}
    for policy, (run, seconds) in runs.items():
        masters = [asked for asked, _mastered, theta in run.values() if theta >= learner.MASTERY_THETA]
        results[policy] = {
            "paired": statistics.mean(run[pair][0] for pair in both),
            "mean": statistics.mean(masters),  # the cap for a master not declared within it
            "median": statistics.median(masters),
            "reached": sum(m and t >= learner.MASTERY_THETA for _a, m, t in run.values()) / len(masters),
            "wrong": sum(m and t < learner.MASTERY_THETA for _a, m, t in run.values()) / len(run),
            "accuracy": sum(m == (t >= learner.MASTERY_THETA) for _a, m, t in run.values()) / len(run),
            "seconds": seconds,
            "pairs": len(both),
        }
    return results


# ------------------------------------------------------------------------------------ MariaDB choice
SIZE = int(os.environ.get("VN_BENCH_QUESTIONS", "200000"))
BANK = "Bench – luyện tập 200k"
CODES = [f"TOAN.6.1.{topic}.{n}" for topic in range(1, 5) for n in range(1, 6)]  # 20 outcomes
OTHER = ["NGU_VAN", "KHTN", "LICH_SU_DIA_LI", "TIENG_ANH", "TOAN"]
LEVELS = ["biet", "hieu", "van_dung", "van_dung_cao"]


def _draft(rng, n):
    from openedx_vn.qbank.importing.drafts import Draft, Place  # noqa: PLC0415

    kind = _kind(rng)
    if n <= OUTCOMES * PER_OUTCOME:
        subject, grade, code = "TOAN", 6, CODES[n % OUTCOMES]
    else:
        subject, grade = rng.choice(OTHER), rng.randint(6, 12)
        grade = 7 if (subject, grade) == ("TOAN", 6) else grade
        code = f"{subject}.{grade}.{rng.randint(1, 4)}.{rng.randint(1, 5)}.{rng.randint(1, 9)}"
    if kind == "multiple_choice":
        body = {"choices": [{"text": f"${v}$", "correct": i == 0} for i, v in enumerate("1234")]}
    elif kind == "true_false_cluster":
        body = {"statements": [{"text": f"Ý {i}", "is_true": i % 2 == 0} for i in range(4)]}
    else:
        body = {"kind": "numeric", "value": str(rng.randint(1, 99)), "tolerance": "0"}
    draft = Draft(kind, f"<p>Câu {n}: tính $0,5 + {n}$.</p>", body, Place("bench", n, n), points=Decimal(1))
    draft.subject_code, draft.grade, draft.cognitive_level = subject, grade, rng.choice(LEVELS)
    draft.outcome_codes, draft.fingerprint = [code], f"{n:064d}"
    return draft


def build_bank():
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from openedx_vn.qbank import storing  # noqa: PLC0415
    from openedx_vn.qbank.models import QuestionBank  # noqa: PLC0415

    owner, _ = get_user_model().objects.get_or_create(username="bench_practice")
    bank = QuestionBank.objects.filter(name=BANK).first()
    if bank and bank.questions.count() == SIZE:
        return bank, None
    QuestionBank.objects.filter(name=BANK).delete()
    bank = QuestionBank.objects.create(name=BANK, owner_id=owner.id, scope="province", province_code="22")
    rng, started = random.Random(2026), time.perf_counter()
    for first in range(0, SIZE, 10_000):
        storing.store_drafts(bank, [_draft(rng, n) for n in range(first + 1, min(first + 10_000, SIZE) + 1)])
    if connection.vendor == "mysql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE TABLE vn_qbank_question")
            cursor.fetchall()
    return bank, time.perf_counter() - started


def time_choice(rounds=300):
    import django  # noqa: PLC0415

    django.setup()
    from django.core.cache import cache  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from openedx_vn.practice import api  # noqa: PLC0415

    call_command("migrate", interactive=False, verbosity=0)
    bank, built = build_bank()
    banks, rng, times = [str(bank.uuid)], random.Random(3), []
    students = list(range(900_001, 900_021))
    for student in students:  # a history: ten answers each, so recent questions are left out
        for _ in range(10):
            api.record_answer(student, api.next_question(student, CODES, banks), rng.random() < 0.7)
    cold = []
    for code in CODES:  # an outcome's questions read from the bank (not yet cached)
        cache.clear()
        started = time.perf_counter()
        api.practice_items(banks, code)
        cold.append((time.perf_counter() - started) * 1000)
    cold.sort()
    for n in range(rounds):
        student = students[n % len(students)]
        started = time.perf_counter()
        question = api.next_question(student, CODES, banks)
        times.append((time.perf_counter() - started) * 1000)
        api.record_answer(student, question, rng.random() < 0.7)
    times.sort()
    return {
        "vendor": connection.vendor,
        "built": built,
        "p50": times[len(times) // 2],
        "p95": times[math.ceil(0.95 * len(times)) - 1],
        "max": times[-1],
        "rounds": rounds,
        "cold_p50": cold[len(cold) // 2],
        "cold_max": cold[-1],
    }


def main():
    if "--choice-only" in sys.argv:
        figures = time_choice()
        print(f"{figures}")
        return 0 if figures["p95"] < 50 else 1
    sim = simulate()
    adaptive, rand = sim["adaptive"], sim["random"]
    fewer = 1 - adaptive["paired"] / rand["paired"]
    print("## Adaptive practice (bench/bench_practice.py)\n")
    print(
        f"Simulation: {LEARNERS} learners × {OUTCOMES} outcomes, {OUTCOMES * PER_OUTCOME} questions, ", end=""
    )
    print(f"at most {CAP} questions per outcome.\n")
    print(
        "| policy | to mastery, same pairs (mean) | true masters (mean / median) | reached within the cap ",
        end="",
    )
    print("| wrongly declared mastered | final accuracy |")
    print("|---|---|---|---|---|---|")
    for name, row in (("adaptive", adaptive), ("random order", rand)):
        print(
            f"| {name} | {row['paired']:.1f} | {row['mean']:.1f} / {row['median']:.0f} | "
            f"{100 * row['reached']:.1f} % | {100 * row['wrong']:.2f} % | {100 * row['accuracy']:.1f} % |"
        )
    print(
        f"\nSame pairs: the {adaptive['pairs']} learner × outcome pairs both policies declared mastered. "
        f"Adaptive needs {100 * fewer:.0f} % fewer questions there (goal ≥ 30 %), "
        f"{100 * (1 - adaptive['mean'] / rand['mean']):.0f} % fewer over all true masters counting the cap; "
        f"wrongly declared mastery {100 * adaptive['wrong']:.2f} % (goal < 5 %)."
    )
    ok = fewer >= 0.30 and adaptive["accuracy"] >= rand["accuracy"] and adaptive["wrong"] < 0.05
    if "--simulation-only" not in sys.argv:
        figures = time_choice()
        print(
            f"\nChoosing the next question ({figures['vendor']}, {SIZE:,} questions, {figures['rounds']} ",
            end="",
        )
        print(
            f"choices): p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, "
            f"max {figures['max']:.1f} ms",
            end="",
        )
        print(
            " (goal p95 < 50 ms)." + (f" Bank built in {figures['built']:.0f} s." if figures["built"] else "")
        )
        print(
            f"Reading one outcome's questions from the bank (kept 5 minutes in the cache): "
            f"p50 {figures['cold_p50']:.1f} ms, max {figures['cold_max']:.1f} ms."
        )
        ok = ok and figures["p95"] < 50
    print("\nAll goals met." if ok else "\nA goal is NOT met.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
