"""Schemathesis over the dev host's ``/api/schema/``, in process, as each demo role: no answer is a 500, and
every answer documented in the schema matches it.

Each role signs in for real (session cookie + CSRF token, as the browser code sends them). Every operation
gets generated requests (valid and invalid), and as many again with the demo's real ids in the path, so the
views behind the 404 are exercised too. Bounded and derandomised: the same cases on every run (set
``VN_FUZZ_EXAMPLES`` to search wider, ``VN_FUZZ_SEED`` to search elsewhere).
"""

import os
import traceback
from collections import defaultdict

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from devhost.management.commands.load_demo_data import DEMO_COMMUNE, DEMO_COURSE, DEMO_SCHOOL
from tests.security.test_bad_input import load_demo

# Students first: every role sees the data before the teacher's requests change it.
ROLES = ["hocsinh1", "canboxa", "canbotinh", "hieutruong", "giaovien"]
EXAMPLES = int(os.environ.get("VN_FUZZ_EXAMPLES", "8"))
SEED = int(os.environ.get("VN_FUZZ_SEED", "20251"))
pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    """The dev host's demo (``setup_devhost`` without migrations and taxonomy): its real ids by parameter."""
    load_demo()
    from openedx_vn.assessment.models import Blueprint, Exam  # noqa: PLC0415 - test data only
    from openedx_vn.qbank.models import Question, QuestionBank  # noqa: PLC0415
    from openedx_vn.teaching.models import OnlineSession  # noqa: PLC0415

    users = get_user_model().objects
    return {
        "code": DEMO_SCHOOL,
        "school_code": DEMO_SCHOOL,
        "unit_code": DEMO_COMMUNE,
        "year": "2025-2026",
        "course_key": DEMO_COURSE,
        "subject_code": "TOAN",
        "grade": 6,
        "kind": "xlsx",
        "session_id": OnlineSession.objects.filter(status="submitted").values_list("id", flat=True).first(),
        "bank_uuid": str(QuestionBank.objects.values_list("uuid", flat=True).first()),
        "question_uuid": str(Question.objects.values_list("uuid", flat=True).first()),
        "blueprint_uuid": str(Blueprint.objects.values_list("uuid", flat=True).first()),
        "exam_uuid": str(Exam.objects.values_list("uuid", flat=True).first()),
        "user_id": users.get(username="hocsinh1").id,
    }


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler kept on the test's connection and transaction, as Django's test client does:
    ``close_old_connections`` is off for each request (the test client turns it back on after its own)."""
    handler = WSGIHandler()

    def app(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return list(handler(environ, start_response))
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return app


def _sign_in(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    token = _get_new_csrf_string()
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": token}, {"X-CSRFToken": token}


def _strategies(operation, real_ids):
    fixed = {name: real_ids[name] for name in real_ids if name in _path_names(operation)}
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    strategies = [operation.as_strategy(generation_mode=mode) for mode in modes]
    if fixed:
        strategies += [operation.as_strategy(generation_mode=m, path_parameters=fixed) for m in modes]
    return st.one_of(strategies)


def _path_names(operation):
    return {parameter.name for parameter in operation.path_parameters}


class Findings:
    """What the run found: server errors by (role and operation, last traceback line), schema mismatches."""

    def __init__(self):
        self.requests = 0
        self.server_errors = defaultdict(list)
        self.mismatches = defaultdict(list)
        self.tracebacks = []
        got_request_exception.connect(self._record, dispatch_uid="vn-fuzz")

    def _record(self, sender, request=None, **kwargs):
        self.tracebacks.append(traceback.format_exc())

    def close(self):
        got_request_exception.disconnect(dispatch_uid="vn-fuzz")

    def fuzz(self, app, operation, username, cookies, headers, real_ids):
        label = f"{username} {operation.label}"

        @seed(SEED)
        @settings(
            max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(case=_strategies(operation, real_ids))
        def run(case):
            self.requests += 1
            self.tracebacks.clear()
            response = case.call(app=app, cookies=cookies, headers=headers)
            if response.status_code >= 500:
                where = (
                    self.tracebacks[-1].strip().splitlines()[-1] if self.tracebacks else response.text[:200]
                )
                self.server_errors[(label, where)].append(case.as_curl_command())
                return
            try:
                case.validate_response(response, checks=[response_schema_conformance])
            except FailureGroup as group:
                for failure in group.exceptions:
                    key = (label, response.status_code, failure.title)
                    self.mismatches[key].append(f"{failure.message[:300]}\n  {case.as_curl_command()}")

        run()


def test_no_request_of_any_role_gets_a_server_error(demo, wsgi_app):
    raw = Client().get("/api/schema/", {"format": "json"}).json()
    schema = schemathesis.openapi.from_dict(raw)
    found = Findings()
    try:
        for username in ROLES:
            cookies, headers = _sign_in(username)
            for result in schema.get_all_operations():
                found.fuzz(wsgi_app, result.ok(), username, cookies, headers, demo)
    finally:
        found.close()
    report = "\n".join(
        f"{label}: {where}\n  e.g. {cases[0]}" for (label, where), cases in found.server_errors.items()
    )
    assert not found.server_errors, (
        f"{len(found.server_errors)} kinds of server errors in {found.requests}:\n{report}"
    )
    assert found.requests > len(ROLES) * 50
    listing = "\n".join(f"{key}: {items[0]}" for key, items in found.mismatches.items())
    assert not found.mismatches, f"answers that do not match the schema:\n{listing}"
