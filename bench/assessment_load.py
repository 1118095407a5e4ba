"""Load generator of the autosave benchmark: simulated students saving answers over HTTP (asyncio + aiohttp).

Reads the plan ``assessment_autosave_worker.py setup`` wrote. Each student, signed in by their session cookie
with the CSRF cookie and header, starts at a random moment of the first think time, then saves ``--saves``
answers to random questions of the test, ``--think`` seconds apart on average (uniform, ±50 %), each as
the browser does: ``POST …/attempts/<exam>/answers/ {"question", "value", "seq"}`` with ``seq`` growing per
attempt. To test order and idempotency as a flaky network would, some saves are sent twice at once for the
same question with consecutive seqs (``--burst``: either may arrive first), some are retried with the same
seq (``--retry``), and some older saves arrive late (``--late``). Only the addresses of this machine are
sent to; every loop is bounded by ``--saves`` and ``--deadline``.

Prints JSON figures; writes what each student sent last (highest seq) per question to ``--sent``.
"""

import argparse
import asyncio
import json
import random
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

LOCAL = {"127.0.0.1", "localhost", "::1"}


def _value(question, rng, seq):
    """A valid answer in the printed shape (what the browser sends)."""
    kind = question["type"]
    if kind == "multiple_choice":
        return rng.randrange(question["choices"])
    if kind == "true_false_cluster":
        return [rng.choice((True, False, None)) for _ in range(question["statements"])]
    if kind == "short_answer":
        return f"{rng.randint(-99, 99)},{rng.randint(0, 9)}"
    return f"Bài làm tự luận, lần lưu {seq}: {'lập luận ' * rng.randint(1, 40)}".strip()


class Student:
    def __init__(self, plan, entry, options, rng, http, figures):
        self.plan, self.entry, self.options, self.rng = plan, entry, options, rng
        self.http, self.figures = http, figures
        self.url = f"{options.base}/vn/assessment/api/v1/attempts/{plan['exam']}/answers/"
        cookies = f"{plan['session_cookie']}={entry['session']}; {plan['csrf_cookie']}={entry['csrf']}"
        self.headers = {"Cookie": cookies, "X-CSRFToken": entry["csrf"]}
        self.seq = 0
        self.sent = {}  # question → (seq, value): all saves, to replay late ones
        self.last = {}  # question → (seq, value) of the highest seq sent

    def _next(self, question):
        self.seq += 1
        save = (self.seq, _value(question, self.rng, self.seq))
        self.sent.setdefault(question["uuid"], []).append(save)
        if save[0] > self.last.get(question["uuid"], (0, None))[0]:
            self.last[question["uuid"]] = save
        return question["uuid"], save

    async def post(self, question_uuid, save, kind):
        body = {"question": question_uuid, "value": save[1], "seq": save[0]}
        start = time.perf_counter()
        try:
            async with self.http.post(self.url, json=body, headers=self.headers) as response:
                data = await response.read()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            status, data = 0, repr(error).encode()
        self.figures["times"].append(time.perf_counter() - start)
        self.figures["kinds"][kind] = self.figures["kinds"].get(kind, 0) + 1
        if status != 200:
            self.figures["errors"].append((status, data[:200].decode(errors="replace")))
        elif not json.loads(data)["saved"]:
            self.figures["not_saved"][kind] = self.figures["not_saved"].get(kind, 0) + 1

    def _think(self):
        return self.rng.uniform(0.5 * self.options.think, 1.5 * self.options.think)

    async def run(self):
        questions, rng = self.plan["questions"], self.rng
        await asyncio.sleep(rng.uniform(0, self.options.think))
        for _ in range(self.options.saves):
            question = rng.choice(questions)
            roll = rng.random()
            if roll < self.options.burst:  # a quick change: both saves in flight together
                first, second = self._next(question), self._next(question)
                await asyncio.gather(self.post(*second, "burst"), self.post(*first, "burst"))
            else:
                question_uuid, save = self._next(question)
                await self.post(question_uuid, save, "save")
                if roll > 1 - self.options.retry:  # no answer seen: the same save again
                    await self.post(question_uuid, save, "retry")
                elif roll > 1 - self.options.retry - self.options.late:  # an older save arriving late
                    older = [s for s in self.sent[question_uuid] if s[0] < save[0]]
                    if older:
                        await self.post(question_uuid, rng.choice(older), "late")
            await asyncio.sleep(self._think())


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] * 1000


async def main(options):
    if urlsplit(options.base).hostname not in LOCAL:
        raise SystemExit("the load generator only sends to this machine")
    plan = json.loads(Path(options.plan).read_text(encoding="utf-8"))
    figures = {"times": [], "errors": [], "kinds": {}, "not_saved": {}}
    timeout = aiohttp.ClientTimeout(total=options.timeout)
    connector = aiohttp.TCPConnector(limit=0)  # no client-side queue: latency is what a browser sees
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as http:
        students = [
            Student(plan, entry, options, random.Random(f"{options.seed}:{entry['id']}"), http, figures)  # noqa: S311
            for entry in plan["students"]
        ]
        start = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(s.run() for s in students)), options.deadline)
        elapsed = time.perf_counter() - start
    sent = {str(s.entry["id"]): {q: list(save) for q, save in s.last.items()} for s in students}
    Path(options.sent).write_text(json.dumps(sent), encoding="utf-8")
    times = figures["times"]
    print(
        json.dumps(
            {
                "students": len(students),
                "requests": len(times),
                "seconds": elapsed,
                "rps": len(times) / elapsed,
                "p50_ms": pct(times, 50),
                "p95_ms": pct(times, 95),
                "p99_ms": pct(times, 99),
                "max_ms": max(times) * 1000,
                "kinds": figures["kinds"],
                "not_saved": figures["not_saved"],
                "errors": len(figures["errors"]),
                "error_examples": figures["errors"][:5],
            }
        )
    )


def options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8790")
    parser.add_argument("--plan", required=True)
    parser.add_argument("--sent", required=True)
    parser.add_argument("--saves", type=int, default=40, help="saves per student")
    parser.add_argument("--think", type=float, default=5.0, help="mean seconds between a student's saves")
    parser.add_argument("--burst", type=float, default=0.05)
    parser.add_argument("--retry", type=float, default=0.03)
    parser.add_argument("--late", type=float, default=0.03)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    parser.add_argument("--deadline", type=float, default=900.0, help="seconds for the whole run")
    parser.add_argument("--seed", default="2026")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(options()))
