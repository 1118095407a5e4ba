"""Foundation: how fast the dev host starts again, and how fast its pages and the question block answer.

- warm start: what a second `make dev` does (`setup_devhost` with nothing to migrate or load) until the
  home page answers 200 from a real `runserver` process.
- request latency: p50/p95 over repeated requests through a real HTTP server (runserver, SQLite).
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PORT = 8765
REQUESTS = 200


def _manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True)


def _wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own local server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer 200 within {timeout} s")


def _percentiles(samples_ms):
    ordered = sorted(samples_ms)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def _time_requests(opener, request_factory):
    samples = []
    for _ in range(REQUESTS):
        request = request_factory()
        start = time.perf_counter()
        with opener.open(request, timeout=10) as response:
            response.read()
        samples.append((time.perf_counter() - start) * 1000)
    return _percentiles(samples)


def run():
    var = Path(tempfile.mkdtemp(prefix="vn-bench-"))
    env = {**os.environ, "VN_VAR_DIR": str(var), "VN_DEBUG": "false"}
    env.pop("VN_DB_ENGINE", None)
    env.pop("VN_REDIS_URL", None)
    _manage("setup_devhost", env=env)  # the first `make dev`

    start = time.perf_counter()
    _manage("setup_devhost", env=env)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload", "--insecure"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        _wait_until_up(f"{base}/")
        warm_start = time.perf_counter() - start

        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(f"{base}/workbench/scenario/vn_question.0/").read()
        csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
        usage = "cau-hoi-trac-nghiem-toan-6.vn_question.d0.u0"
        counter = iter(range(10**6))

        def submit():
            # A new student each time, so every request grades and stores an answer.
            url = f"{base}/workbench/handler/{usage}/submit/?student=bench{next(counter)}"
            body = json.dumps({"selected": 1}).encode()
            headers = {"X-CSRFToken": csrf, "Content-Type": "application/json", "Referer": base}
            return urllib.request.Request(url, data=body, headers=headers, method="POST")

        home = _time_requests(opener, lambda: f"{base}/")
        levels = _time_requests(opener, lambda: f"{base}/vn/curriculum/api/v1/levels/")
        handler = _time_requests(opener, submit)
    finally:
        server.terminate()
        server.wait(timeout=10)

    ms = "{:.1f} / {:.1f} ms".format
    return [
        ("second `make dev`: setup_devhost (nothing to do) + runserver up", f"{warm_start:.1f} s", "seconds"),
        (f"home page p50 / p95 ({REQUESTS} requests)", ms(*home), "—"),
        (f"curriculum levels API p50 / p95 ({REQUESTS} requests)", ms(*levels), "—"),
        (f"question block submit handler p50 / p95 ({REQUESTS} students)", ms(*handler), "—"),
    ]
