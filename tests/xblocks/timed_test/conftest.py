"""A Toán 10 bank and CV 7991 blueprint (the assessment tests' fixture world), a test generated from it, and
the block that shows it, read through the SDK workbench runtime as a given student."""

from types import SimpleNamespace

import pytest
from django.test import Client
from workbench.runtime import WorkbenchRuntime

from openedx_vn.assessment import api
from tests.plugins.assessment.conftest import world  # noqa: F401 - the fixture, used below


class RecordingRuntime(WorkbenchRuntime):
    """The workbench runtime, keeping what the block publishes (the workbench only logs it)."""

    def __init__(self, user_id=None):
        super().__init__(user_id)
        self.published = []

    def publish(self, block, event_type, event_data):
        self.published.append((event_type, event_data))
        super().publish(block, event_type, event_data)


def timed_test(exam_uuid, student, attributes=""):
    """A ``vn_timed_test`` in a unit, read for ``student`` (a username: the workbench's ``?student=``)."""
    runtime = RecordingRuntime(student)
    olx = (
        f'<vertical_demo><vn_timed_test display_name="Kiểm tra giữa kì" exam_uuid="{exam_uuid}" '
        f"{attributes}/></vertical_demo>"
    )
    unit = runtime.get_block(runtime.parse_xml_string(olx))
    return runtime.get_block(unit.children[0])


def generate(found, **options):
    options.setdefault("version_count", 4)
    options.setdefault("seed", 7)
    return api.generate_exam(found.teacher, found.blueprint_uuid, [str(found.bank.uuid)], **options)


def signed_in(user):
    """A test client signed in as ``user`` that checks CSRF as the browser's requests are checked."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/accounts/login/")  # a page with a form: sets the csrftoken cookie
    client.csrf = client.cookies["csrftoken"].value
    return client


@pytest.fixture
def exam(world):  # noqa: F811 - the imported fixture
    """A 45-minute test without a close date (the review opens at submission)."""
    return SimpleNamespace(world=world, info=generate(world))
