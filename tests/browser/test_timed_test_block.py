"""Two students sit the demo test in the workbench, in a real Chromium, against a real dev-host server process
that this test kills in the middle of one attempt and starts again.

What must hold: every answer given is kept (those saved before the kill, and those given while the server was
down, which the page keeps in localStorage and sends again), the timer goes on from the server's deadline, and
the score shown equals a hand calculation from the version's keys.

The server is ``manage.py runserver`` in its own process with its own database, prepared by
``setup_devhost`` as ``make dev`` does: a fresh MariaDB database when ``VN_DB_HOST`` is set (and the MySQL
driver is installed), else an SQLite file. The keys are read from that database by ``manage.py shell``.
A second test moves the page's clock past the deadline (live_server, as the other browser tests): the page
submits by itself. Page texts are not asserted (the Vietnamese catalog is the lead's): the tests read the
page's classes and data attributes.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from workbench.scenarios import init_scenarios

from openedx_vn.assessment import api
from tests.conftest import REPO_ROOT
from tests.xblocks.timed_test.test_demo import forget_earlier_demo_tests

pytestmark = pytest.mark.browser

DEMO_EXAM = "f8cd6045-2b3d-4e76-9cf2-72a8522baea4"  # config/devhost/demo_assessment.py
SCENARIO = "/workbench/scenario/vn_timed_test.0/"
STATE = f"/vn/assessment/api/v1/attempts/{DEMO_EXAM}/"
# QĐ 764: a đúng – sai question earns 0 / 0,1 / 0,25 / 0,5 / 1 of its points for 0–4 statements right.
TRUE_FALSE_SHARE = [Decimal(0), Decimal("0.1"), Decimal("0.25"), Decimal("0.5"), Decimal(1)]
KEYS = """
import json
from django.contrib.auth import get_user_model
from openedx_vn.assessment import api
teacher = get_user_model().objects.get(username="giaovien")
_contents, versions, points = api.exam_versions(teacher, "%s")
keys = {v.code: {i.uuid: i.key for items in v.parts.values() for i in items} for v in versions}
print(json.dumps({"keys": keys, "points": {k: str(p) for k, p in points.items()}}))
"""


# ------------------------------------------------------------------------------------------ the server
def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _mariadb():
    """(host, port, user, password) when the test may use MariaDB, else None."""
    host = os.environ.get("VN_DB_HOST")
    if not host:
        return None
    try:
        import MySQLdb  # noqa: F401, PLC0415
    except ImportError:
        return None  # the driver comes with requirements/mysql.txt
    port = int(os.environ.get("VN_DB_PORT", "3306"))
    return host, port, os.environ.get("VN_DB_USER", "root"), os.environ.get("VN_DB_PASSWORD", "")


def _mariadb_run(statement, server):
    import MySQLdb  # noqa: PLC0415

    host, port, user, password = server
    connection = MySQLdb.connect(host=host, port=port, user=user, passwd=password)
    try:
        connection.cursor().execute(statement)
    finally:
        connection.close()


class DevServer:
    """``manage.py runserver`` as a child process of this test: started, killed (SIGKILL), started again."""

    def __init__(self, env, log_path):
        self.env, self.log_path = env, log_path
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def manage(self, *args):
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=self.env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def start(self):
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=REPO_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/", timeout=2) as answer:  # noqa: S310 - our server
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.kill()
        pytest.fail(f"the dev server did not start:\n{self.log_path.read_text(errors='replace')}")

    def kill(self):
        """SIGKILL: no shutdown, requests in flight are lost, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


@pytest.fixture
def devhost(tmp_path):
    env = {**os.environ, "VN_VAR_DIR": str(tmp_path / "var"), "VN_DEBUG": "true"}
    env.pop("VN_REDIS_URL", None)  # tasks run in the server process
    mariadb = _mariadb()
    database = None
    if mariadb:
        database = f"vn_timed_test_browser_{uuid.uuid4().hex[:10]}"
        _mariadb_run(
            f"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", mariadb
        )
        env.update(VN_DB_ENGINE="mysql", VN_DB_NAME=database)
    else:
        env.pop("VN_DB_ENGINE", None)
        env.pop("VN_DB_NAME", None)
    server = DevServer(env, tmp_path / "server.log")
    try:
        server.manage("setup_devhost")  # what `make dev` does: migrations, curriculum, demo data
        server.start()
        yield server
    finally:
        server.kill()
        if database:
            _mariadb_run(f"DROP DATABASE IF EXISTS `{database}`", mariadb)


def _keys(server):
    """{"keys": {version code: {question uuid: key}}, "points": {question uuid: "0.25"}} from the server's
    database, as the teacher prints them."""
    return json.loads(server.manage("shell", "-v", "0", "-c", KEYS % DEMO_EXAM).strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------ the students
class Student:
    """A student's browser (their own context: cookies, localStorage) on the test page."""

    def __init__(self, browser, server, username):
        self.server, self.username = server, username
        self.context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.given = {}  # uuid → the value the page should show and the server store
        self.questions = {}  # part → [uuid, …] in printed order
        self.version = None

    def sign_in(self):
        self.page.goto(f"{self.server.url}/accounts/login/")
        self.page.locator("input[name=username]").fill(self.username)
        self.page.locator("input[name=password]").fill(self.username)
        self.page.locator("form.vn-login button[type=submit]").click()
        self.page.wait_for_url(f"{self.server.url}/")

    def open(self, student=None):
        self.page.goto(f"{self.server.url}{SCENARIO}?student={student or self.username}")
        return self.page.locator(".vn-timed-test")

    def start(self):
        self.open().locator(".vn-tt-start-button").click()
        self.read_attempt()

    def read_attempt(self):
        self.page.locator(".vn-tt-question").first.wait_for()
        self.version = re.search(r"\d{3}", self.page.locator(".vn-tt-version").inner_text()).group()
        self.questions = {}
        for question in self.page.locator(".vn-tt-question").all():
            part = question.get_attribute("data-type")
            self.questions.setdefault(part, []).append(question.get_attribute("data-uuid"))

    def question(self, part, number):
        uuid_ = self.questions[part][number - 1]
        return uuid_, self.page.locator(f".vn-tt-question[data-uuid='{uuid_}']")

    def choose(self, number, letter):
        uuid_, question = self.question("multiple_choice", number)
        question.locator("input[type=radio]").nth("ABCD".index(letter)).check()
        self.given[uuid_] = "ABCD".index(letter)
        return question

    def judge(self, number, verdicts):
        """``verdicts``: "ĐSĐS"-like, "-" for a statement left unjudged."""
        uuid_, question = self.question("true_false_cluster", number)
        for index, verdict in enumerate(verdicts):
            if verdict != "-":
                value = "true" if verdict == "Đ" else "false"
                question.locator(f"tr[data-index='{index}'] input[value={value}]").check()
        self.given[uuid_] = [None if v == "-" else v == "Đ" for v in verdicts]
        return question

    def write(self, part, number, text):
        uuid_, question = self.question(part, number)
        question.locator(".vn-tt-text").fill(text)
        question.locator(".vn-tt-text").press("Tab")  # leaving the field saves at once
        self.given[uuid_] = text
        return question

    def saved(self, question):
        question.locator(".vn-tt-save[data-state=saved]").wait_for(timeout=20_000)

    def all_saved(self):
        for uuid_ in self.given:
            self.saved(self.page.locator(f".vn-tt-question[data-uuid='{uuid_}']"))

    def seconds_left(self):
        return int(self.page.locator(".vn-tt-timer").get_attribute("data-seconds"))

    def state(self):
        """The server's view of the attempt, through the student's own session."""
        answer = self.context.request.get(f"{self.server.url}{STATE}")
        assert answer.status == 200, answer.text()
        return answer.json()

    def shown(self, uuid_):
        """The answer the page shows for a question."""
        question = self.page.locator(f".vn-tt-question[data-uuid='{uuid_}']")
        kind = question.get_attribute("data-type")
        if kind == "multiple_choice":
            checked = [
                i for i, box in enumerate(question.locator("input[type=radio]").all()) if box.is_checked()
            ]
            return checked[0] if checked else None
        if kind == "true_false_cluster":
            verdicts = []
            for row in question.locator("tr[data-index]").all():
                true, false = row.locator("input[value=true]"), row.locator("input[value=false]")
                verdicts.append(True if true.is_checked() else False if false.is_checked() else None)
            return verdicts
        return question.locator(".vn-tt-text").input_value()

    def kept_on_device(self):
        """The changes the page keeps in localStorage until the server confirms them."""
        return self.page.evaluate(
            """() => Object.keys(localStorage).filter((key) => key.startsWith("vn-timed-test:"))
                  .flatMap((key) => JSON.parse(localStorage.getItem(key)).queue)"""
        )

    def submit(self):
        self.page.locator(".vn-tt-submit").click()
        self.page.locator(".vn-tt-confirm-yes").click()
        self.page.locator(".vn-tt-result:not([hidden])").wait_for(timeout=30_000)
        return self.page.locator(".vn-tt-score").inner_text()


def hand_score(given, keys, points):
    """The score out of 10 by the rules, from the printed keys: multiple choice all or nothing, đúng – sai by
    the number of statements right, short answers by value; essays not graded yet count 0."""
    total = Decimal(0)
    for uuid_, value in given.items():
        key, worth = keys[uuid_], Decimal(points[uuid_])
        if isinstance(value, int):
            total += worth if "ABCD"[value] == key else 0
        elif isinstance(value, list):
            right = sum(1 for v, k in zip(value, key, strict=True) if v is not None and v == (k == "Đ"))
            total += worth * TRUE_FALSE_SHARE[right]
        elif key:  # short answer (an essay's key is empty)
            total += worth if value.strip() == key else 0
    possible = sum((Decimal(p) for p in points.values()), Decimal(0))
    return (total * 10 / possible).quantize(Decimal("0.1"), ROUND_HALF_UP)


def wrong(letter):
    return "ABCD"[("ABCD".index(letter) + 1) % 4]


def flip(verdict):
    return "S" if verdict == "Đ" else "Đ"


# -------------------------------------------------------------------------------------------- the test
def test_two_students_sit_the_test_through_a_server_crash(browser, devhost):
    an, binh = Student(browser, devhost, "hocsinh1"), Student(browser, devhost, "hocsinh2")
    an.sign_in()
    binh.sign_in()

    # In the workbench the page acts for the signed-in user: another student's page says so, starts nothing.
    page = an.open(student="hocsinh2")
    page.locator(".vn-tt-notice").wait_for()
    assert page.get_attribute("data-state") == "wrong_user"
    assert "hocsinh1" in page.locator(".vn-tt-notice").inner_text()
    assert not page.locator(".vn-tt-start").is_visible()

    an.start()
    binh.start()
    assert an.seconds_left() <= 45 * 60
    keys_data = _keys(devhost)
    keys_an, keys_binh = keys_data["keys"][an.version], keys_data["keys"][binh.version]
    points = keys_data["points"]

    def key(student, keys, part, number):
        return keys[student.questions[part][number - 1]]

    # An answers part of the test with the server up.
    for number in range(1, 5):
        an.choose(number, key(an, keys_an, "multiple_choice", number))
    an.choose(5, wrong(key(an, keys_an, "multiple_choice", 5)))
    an.judge(1, key(an, keys_an, "true_false_cluster", 1))
    an.write("short_answer", 1, key(an, keys_an, "short_answer", 1))
    an.write("essay", 1, "Ta có $A \\cap B = (2; 3)$ và $A \\cup B = [-1; 5]$.")
    binh.choose(1, key(binh, keys_binh, "multiple_choice", 1))
    binh.choose(2, wrong(key(binh, keys_binh, "multiple_choice", 2)))
    an.all_saved()
    binh.all_saved()
    before_crash = an.seconds_left()

    # The server dies. Both go on answering: the page says the answers are not saved and keeps them.
    devhost.kill()
    tf_2 = key(an, keys_an, "true_false_cluster", 2)
    retrying = [
        an.choose(6, key(an, keys_an, "multiple_choice", 6)),
        an.choose(7, key(an, keys_an, "multiple_choice", 7)),
        an.judge(2, tf_2[:3] + flip(tf_2[3])),
        an.write("short_answer", 2, "0"),
        binh.choose(3, key(binh, keys_binh, "multiple_choice", 3)),
    ]
    for question in retrying:
        question.locator(".vn-tt-save[data-state=retrying]").wait_for(timeout=20_000)
    assert an.page.locator(".vn-tt-overall").get_attribute("data-state") == "pending"
    assert len(an.kept_on_device()) == 4 and len(binh.kept_on_device()) == 1

    # It comes back. An reloads the page (what was not sent is in localStorage); Bình's page just retries.
    devhost.start()
    an.page.reload()
    an.read_attempt()
    an.all_saved()
    binh.all_saved()
    assert {uuid_: an.shown(uuid_) for uuid_ in an.given} == an.given
    server_an = an.state()
    assert {uuid_: answer["value"] for uuid_, answer in server_an["answers"].items()} == an.given
    assert server_an["version_code"] == an.version
    # The timer went on from the server's deadline: not restarted, and what the server says is left.
    after_crash = an.seconds_left()
    assert after_crash <= before_crash < 45 * 60
    assert abs(after_crash - server_an["seconds_left"]) <= 3

    # An changes an answer (a newer seq than before the crash) and finishes; so does Bình.
    an.choose(5, key(an, keys_an, "multiple_choice", 5))
    an.choose(8, key(an, keys_an, "multiple_choice", 8))
    an.choose(9, wrong(key(an, keys_an, "multiple_choice", 9)))
    an.write("short_answer", 3, key(an, keys_an, "short_answer", 3))
    binh.judge(1, key(binh, keys_binh, "true_false_cluster", 1)[:2] + "--")
    binh.write("short_answer", 1, key(binh, keys_binh, "short_answer", 1))
    an.all_saved()
    binh.all_saved()
    assert an.state()["answers"][an.questions["multiple_choice"][4]]["seq"] > 5

    # By hand: An has 8 multiple choice right (8 × 0,25), đúng – sai 4/4 (1) and 3/4 (0,5), two short answers
    # right (2 × 0,5), essays not graded yet: 4,5 of 10. Bình: two multiple choice right (one sent after the
    # crash), 2 of 4 statements right (0,25), one short answer (0,5): 1,25, rounded half up to 1,3 (TT 22).
    expected_an, expected_binh = (
        hand_score(an.given, keys_an, points),
        hand_score(binh.given, keys_binh, points),
    )
    assert (expected_an, expected_binh) == (Decimal("4.5"), Decimal("1.3"))
    assert an.submit() == "4,5"
    assert binh.submit() == "1,3"
    assert (an.state()["score"], binh.state()["score"]) == ("4.5", "1.3")
    assert an.kept_on_device() == [] and binh.kept_on_device() == []

    # No close date: the score only; keys and explanations wait for a close date (classmates may be sitting).
    assert an.page.locator(".vn-tt-review-item").count() == 0
    assert an.state()["review"] == {} and "Lời giải" not in an.page.content()
    assert an.errors == [] and binh.errors == []
    an.page.screenshot(path=devhost.log_path.parent / "timed-test-review.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_at_zero_the_page_submits_the_saved_answers(browser, live_server):
    """The page's clock jumps 45 minutes ahead (a laptop lid closed, then opened): at 0 the page submits."""
    forget_earlier_demo_tests()
    call_command("load_curriculum", verbosity=0)
    call_command("load_demo_data")
    init_scenarios()  # transactional tests empty the workbench's tables after each test
    student = Student(browser, live_server, "hocsinh2")
    student.page.clock.install()
    student.sign_in()
    student.start()
    keys = _keys_here()[student.version]
    question = student.choose(1, keys[student.questions["multiple_choice"][0]])
    student.saved(question)
    student.page.clock.fast_forward("45:01")
    student.page.locator(".vn-tt-result:not([hidden])").wait_for(timeout=30_000)
    # 0,25 of 10 points is 0,25 out of 10, rounded half up to one decimal (TT 22).
    assert student.page.locator(".vn-tt-score").inner_text() == "0,3"
    state = student.state()
    assert (
        state["status"] == "submitted"
        and state["answers"][student.questions["multiple_choice"][0]]["seq"] == 1
    )
    assert student.kept_on_device() == []


def _keys_here():
    """{version code: {question uuid: key}} of the demo test, read in this process's (test) database."""
    teacher = get_user_model().objects.get(username="giaovien")
    _contents, versions, _points = api.exam_versions(teacher, DEMO_EXAM)
    return {v.code: {i.uuid: i.key for items in v.parts.values() for i in items} for v in versions}
