"""People and banks for the teacher-UI tests: an owner, a shared viewer and editor, another teacher, a
student, staff."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.utils import translation

from openedx_vn.qbank.models import BankShare, QuestionBank
from tests.plugins.qbank.banks import add_question
from tests.plugins.schools.teachers import make_teacher


@pytest.fixture
def people(db):
    users = get_user_model().objects  # no passwords: tests sign in with force_login (no slow hashing)
    found = SimpleNamespace(
        owner=users.create_user("gv_chu", first_name="Lan", last_name="Nguyễn Thị"),
        viewer=users.create_user("gv_xem"),
        editor=users.create_user("gv_sua"),
        other=users.create_user("gv_khac"),
        student=users.create_user("hs_an"),
        staff=users.create_user("nv_quantri", is_staff=True),
    )
    # Teachers by an explicit grant (ADR 0012): a bank or a share alone no longer makes one.
    make_teacher(found.owner, found.viewer, found.editor, found.other)
    found.bank = QuestionBank.objects.create(name="Toán 6 – cô Lan", owner_id=found.owner.id)
    found.other_bank = QuestionBank.objects.create(name="Ngữ văn 6 – thầy Khác", owner_id=found.other.id)
    BankShare.objects.create(bank=found.bank, user_id=found.viewer.id, role="viewer")
    BankShare.objects.create(bank=found.bank, user_id=found.editor.id, role="editor")
    found.question = add_question(
        found.bank,
        "<p>Phân số nào bằng $\\frac{1}{2}$?</p>",
        subject_code="TOAN",
        grade=6,
        cognitive_level="biet",
    )
    return found


@pytest.fixture(autouse=True)
def _english():
    """The bank's tests assert its English source texts: they run with English active (teachers read
    Vietnamese, LANGUAGE_CODE "vi": importing/test_messages_vi.py checks that side, nesting
    ``translation.override("vi")``). A request through the test client speaks the language it asks for
    (HTTP_ACCEPT_LANGUAGE, else Vietnamese), as in production."""
    # LocaleMiddleware activates the request's language in this thread and leaves it there: put the test's
    # language back when the request ends, so code called after a request still speaks English.
    before = []

    def remember(**kwargs):
        before.append(translation.get_language())

    def restore(**kwargs):
        if before:
            translation.activate(before.pop())

    request_started.connect(remember, weak=False, dispatch_uid="qbank-tests-remember-language")
    request_finished.connect(restore, weak=False, dispatch_uid="qbank-tests-restore-language")
    try:
        with translation.override("en"):
            yield
    finally:
        request_started.disconnect(dispatch_uid="qbank-tests-remember-language")
        request_finished.disconnect(dispatch_uid="qbank-tests-restore-language")
