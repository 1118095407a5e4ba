"""The pages every role meets on the dev host with its demo data, for the shell and accessibility tests.

``demo_world()`` loads what ``make dev`` loads (curriculum, demo school, bank, test) and answers the users
and the addresses to visit, each as (name, path, expected status).
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from devhost.demo_assessment import DEMO_EXAM_UUID
from devhost.management.commands.load_demo_data import DEMO_COURSE
from openedx_vn.assessment.models import Exam
from openedx_vn.qbank.models import Question, QuestionBank

# Words allowed in a Vietnamese page although they are not Vietnamese: product and format names.
ALLOWED_WORDS = {
    "open",
    "edx",
    "openedx",
    "vn",
    "lms",
    "studio",
    "xblock",
    "word",
    "excel",
    "pdf",
    "xlsx",
    "csv",
    "docx",
    "gift",
    "aiken",
    "moodle",
    "xml",
    "qti",
    "latex",
    "katex",
    "mathjax",
    "lti",
    "api",
    "rest",
    "url",
    "html",
    "id",
    "email",
    "zalo",
    "google",
    "meet",
    "teams",
    "zoom",
    "microsoft",
    "zip",
    "json",
    "ok",
    "svg",
    "png",
    "jpeg",
    "jpg",
    "gif",
    "tcvn",
    "vni",
    "unicode",
    "windows",
    "mb",
    "kb",
    "gb",
    "ms",
    "admin",
    "gdpt",
}
# Plain English words that a page translated into Vietnamese must never show (common UI vocabulary).
_ENGLISH = re.compile(
    r"\b(the|and|of|for|with|your|you|this|that|not|save|cancel|delete|edit|submit|search|next|previous|"
    r"back|home|page|test|tests|timed|unit|score|points|question|questions|bank|banks|results|sign|"
    r"logout|login|error|forbidden|found|name|date|time|total|status|none|yes|no|select|upload|import|"
    r"export|download|add|remove|new|open|close|view|show|hide|all|more|help)\b",
    re.IGNORECASE,
)


def english_words(text):
    """English words of ``text`` outside ``ALLOWED_WORDS`` (a Vietnamese page should have none)."""
    return sorted({m.group(0) for m in _ENGLISH.finditer(text) if m.group(0).lower() not in ALLOWED_WORDS})


def sign_in(page, live_server, user):
    """Open a session for ``user`` and hand its cookie to the browser (the dev host has no SSO)."""
    page.context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def demo_world():
    """Load the demo data; return ``{role: (user or None, [(name, path, status)])}``."""
    call_command("setup_devhost", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    users = {u.username: u for u in get_user_model().objects.all()}
    bank = QuestionBank.objects.order_by("id").first()
    question = Question.objects.filter(bank=bank).order_by("id").first()
    exam = Exam.objects.select_related("blueprint").get(uuid=DEMO_EXAM_UUID)
    blueprint = exam.blueprint.uuid if exam.blueprint_id else ""
    teacher_pages = [
        ("home", "/", 200),
        ("qbank", "/vn/qbank/", 200),
        ("banks", "/vn/qbank/banks/", 200),
        ("bank", f"/vn/qbank/banks/{bank.uuid}/", 200),
        ("new-question", f"/vn/qbank/banks/{bank.uuid}/new/", 200),
        ("import", f"/vn/qbank/banks/{bank.uuid}/import/", 200),
        ("assessment", "/vn/assessment/", 200),
        ("new-blueprint", "/vn/assessment/blueprints/new/", 200),
        ("exam", f"/vn/assessment/tests/{DEMO_EXAM_UUID}/", 200),
        ("results", f"/vn/assessment/tests/{DEMO_EXAM_UUID}/results/", 200),
        ("essays", f"/vn/assessment/tests/{DEMO_EXAM_UUID}/essays/", 200),
        ("teaching", "/vn/teaching/", 200),
        ("curriculum", "/vn/curriculum/", 200),
        ("subject", "/vn/curriculum/TOAN/6/", 200),
        ("audit", "/vn/audit/", 200),
        ("not-found", "/vn/qbank/banks/00000000-0000-0000-0000-000000000000/", 404),
    ]
    if question is not None:
        teacher_pages.append(("question", f"/vn/qbank/questions/{question.uuid}/", 200))
    if blueprint:
        teacher_pages.append(("blueprint", f"/vn/assessment/blueprints/{blueprint}/", 200))
    return {
        "visitor": (None, [("home", "/", 200), ("sign-in", "/accounts/login/", 200)]),
        "teacher": (users["giaovien"], teacher_pages),
        "leader": (
            users["hieutruong"],
            [("home", "/", 200), ("teaching", "/vn/teaching/", 200), ("policy", "/vn/teaching/policy/", 200)],
        ),
        "commune": (users["canboxa"], [("home", "/", 200), ("teaching", "/vn/teaching/", 200)]),
        "province": (
            users["canbotinh"],
            [("home", "/", 200), ("teaching", "/vn/teaching/", 200), ("policy", "/vn/teaching/policy/", 200)],
        ),
        "student": (
            users["hocsinh1"],
            [
                ("home", "/", 200),
                ("forbidden", "/vn/qbank/banks/", 403),
                ("forbidden-tests", "/vn/assessment/", 403),
                ("not-found", "/vn/no-such-page/", 404),
            ],
        ),
        "staff": (
            users["admin"],
            [("home", "/", 200), ("course-link", f"/vn/curriculum/courses/{DEMO_COURSE}/link/", 200)],
        ),
    }
