"""Data and verification of the autosave benchmark (bench_assessment.py runs it on MariaDB).

``setup PLAN``: 500 students (created once), a new 40-question test drawn from the benchmark bank, each
student's attempt started and a signed-in session with a CSRF secret; writes the plan (JSON) the load
generator reads. ``verify PLAN SENT``: reads every student's saved answers back through
``api.attempt_view`` and compares them with what the load generator sent last (the highest seq) for each
question; prints JSON.
"""

import importlib
import json
import os
import secrets
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "config"), str(REPO), str(REPO / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")

import django  # noqa: E402

django.setup()

import assessment_data  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402

from openedx_vn.assessment import api  # noqa: E402

STUDENTS = int(os.environ.get("VN_BENCH_STUDENTS", "500"))


def _students():
    users = get_user_model().objects
    names = [f"bench_hs_{n:03d}" for n in range(1, STUDENTS + 1)]
    have = set(users.filter(username__in=names).values_list("username", flat=True))
    missing = [
        users.model(username=name, first_name=f"Học sinh {name[-3:]}") for name in names if name not in have
    ]
    for user in missing:
        user.set_unusable_password()
    users.bulk_create(missing)
    return list(users.filter(username__in=names).order_by("username"))


def _session(user):
    """A signed-in session as ``login()`` leaves it, and a CSRF secret for the cookie and the header."""
    store = importlib.import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    # The first backend that signs people in (rules' object-permission backend comes first and does not).
    store[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(import_string(path), "get_user")
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key, secrets.token_hex(16)  # 32 characters: the unmasked secret Django accepts


def setup(plan_path):
    call_command("migrate", interactive=False, verbosity=0)
    teacher = assessment_data.teacher()
    bank, _built = assessment_data.bank(teacher)
    blueprint = assessment_data.blueprint(teacher)
    exam = api.generate_exam(
        teacher, blueprint, [str(bank.uuid)], version_count=4, minutes=120, title="Bench – autosave"
    )
    start = time.perf_counter()
    students = []
    for user in _students():
        view = api.start_attempt(exam.uuid, user.id)
        session, csrf = _session(user)
        students.append({"id": user.id, "session": session, "csrf": csrf, "version": view.version_code})
    questions = [
        {
            "uuid": q["uuid"],
            "type": q["type"],
            "choices": len(q.get("choices", ())),
            "statements": len(q.get("statements", ())),
        }
        for part in view.parts
        for q in part["questions"]
    ]
    plan = {
        "exam": exam.uuid,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "questions": questions,
        "students": students,
        "setup_seconds": time.perf_counter() - start,
    }
    Path(plan_path).write_text(json.dumps(plan), encoding="utf-8")
    print(json.dumps({"exam": exam.uuid, "students": len(students), "questions": len(questions)}))


def _short(rows):
    return [[str(part)[:80] for part in row] for row in rows]


def verify(plan_path, sent_path):
    """Every (student, question) the generator saved must hold the value of its highest seq, nothing else."""
    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    sent = json.loads(Path(sent_path).read_text(encoding="utf-8"))  # {student id: {question: [seq, value]}}
    lost, reordered, extra, checked = [], [], [], 0
    for student in plan["students"]:
        expected = sent.get(str(student["id"]), {})
        stored = api.attempt_view(plan["exam"], student["id"]).answers
        for question, (seq, value) in expected.items():
            checked += 1
            got = stored.get(question)
            if got is None:
                lost.append((student["id"], question, seq))
            elif (got["seq"], got["value"]) != (seq, value):
                reordered.append((student["id"], question, [seq, value], [got["seq"], got["value"]]))
        extra += [(student["id"], q) for q in stored if q not in expected]
    print(
        json.dumps(
            {
                "checked": checked,
                "lost": len(lost),
                "reordered": len(reordered),
                "unexpected": len(extra),
                "examples": {"lost": lost[:5], "reordered": _short(reordered[:5]), "unexpected": extra[:5]},
            }
        )
    )


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup(sys.argv[2])
    else:
        verify(sys.argv[2], sys.argv[3])
