"""A bank holding every question type, imported the way teachers fill it (Excel template + GIFT)."""

import re

import pytest
from django.db.models import F

from openedx_vn.core.spreadsheets import workbook_bytes
from openedx_vn.qbank import api
from openedx_vn.qbank.importing.formats.xlsx import TEMPLATE
from openedx_vn.qbank.models import QuestionVersion

ROWS = [
    # type, stem, A–D, answer, explanation, points, category
    ("TN", "Phân số nào bằng 1/2?", "2/3", "3/6", "2/5", "4/6", "B", "Vì 3/6 = 1/2.", 0.25, "Toán 6/Phân số"),
    (
        "ĐS",
        "Cho phân số 6/8.",
        "6/8 = 3/4",
        "6/8 là phân số tối giản",
        "6/8 > 1/2",
        "6/8 = 0,68",
        "ĐSĐS",
        "Rút gọn: 6/8 = 3/4.",
        1,
        "Toán 6/Phân số",
    ),
    ("TLN", "Tính 1/2 - 2 (viết dạng số thập phân).", "", "", "", "", "-1,5", "1/2 - 2 = -1,5", 0.5, ""),
    ("TL", "Trình bày cách rút gọn phân số 12/18.", "", "", "", "", "", "Chia cả tử và mẫu cho 6.", 2, ""),
]
GIFT = """\
$CATEGORY: $course$/top/Toán 6/Số tự nhiên

::Câu 5::Kết quả của 2 + 3 là {
=5#Đúng: 2 + 3 \\= 5
~4#Sai
~6
~7
####Cộng hai số: 2 + 3 \\= 5.
}

::Câu 6::Thủ đô của Việt Nam là {=Hà Nội =Ha Noi}.

::Câu 7::Số 0 là số nguyên dương.{F}
"""


def workbook(rows=ROWS):
    header = TEMPLATE[:10]
    return workbook_bytes("questions", header, [row[: len(header)] for row in rows])


@pytest.fixture
def full_bank():
    """A bank with multiple choice (with feedback), đúng/sai (4 statements and 1), numeric and text short
    answers and an essay; returns its ``BankInfo``."""
    bank = api.create_bank("Toán 6 – tổ Toán", owner_id=1)
    api.import_questions(workbook(), "de.xlsx", bank.uuid)
    api.import_questions(GIFT.encode(), "them.gift", bank.uuid)
    return api.get_bank(bank.uuid)


def versions_of(bank_uuid):
    """The bank's current versions in bank order (what the exporters receive)."""
    versions = QuestionVersion.objects.filter(question__bank__uuid=bank_uuid, question__current=F("id"))
    return list(versions.select_related("question").order_by("question_id"))


_TAGS = re.compile(r"<[^>]+>")


def plain(html):
    """Text of an HTML fragment with whitespace collapsed (to compare stems whatever their wrapping tags)."""
    return " ".join(_TAGS.sub(" ", html or "").split())


def content(version):
    """What must survive a round trip: type, stem, body (choices/statements/key) and explanation, as text."""
    body = dict(version.body)
    if "choices" in body:
        body["choices"] = [
            {"text": plain(c["text"]), "correct": c["correct"], "feedback": plain(c.get("feedback"))}
            for c in body["choices"]
        ]
    if "statements" in body:
        body["statements"] = [{"text": plain(s["text"]), "is_true": s["is_true"]} for s in body["statements"]]
    return version.type, plain(version.stem), body, plain(version.explanation)
