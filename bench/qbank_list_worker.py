"""The filtered list of a 200,000-question bank (bench_qbank.py starts it on MariaDB); prints JSON figures.

Builds the bank once per database (through ``storing.store_drafts``, the importer's bulk insert, 10,000 at a
time), then times ``GET /vn/qbank/api/v1/banks/<uuid>/questions/`` through Django's test client, signed in as
the owner, for a mix of filters and searches with and without diacritics (first pages and a next page).
"""

import json
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "config"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhost.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from openedx_vn.qbank import storing  # noqa: E402
from openedx_vn.qbank.importing.drafts import Draft, Place  # noqa: E402
from openedx_vn.qbank.models import QuestionBank  # noqa: E402
from tests.plugins.schools.teachers import make_teacher  # noqa: E402

SIZE = int(os.environ.get("VN_BENCH_QUESTIONS", "200000"))
ROUNDS = int(os.environ.get("VN_BENCH_ROUNDS", "15"))
BANK = "Bench – 200k"
# Words of Vietnamese exam questions per subject (grades 6–9); a few rarer ones make selective searches.
WORDS = {
    "TOAN": "tính giá trị biểu thức phân số tối giản số nguyên tố hợp số chia hết bội ước chung lớn nhất "
    "nhỏ nhất tam giác vuông cân đều diện tích chu vi hình chữ nhật vận tốc quãng đường thời gian phương "
    "trình nghiệm đồ thị hàm số đường thẳng song song vuông góc trung điểm đoạn thẳng góc nhọn lũy thừa",
    "NGU_VAN": "đọc đoạn trích bài thơ tác giả nhân vật biện pháp tu từ so sánh nhân hóa ẩn dụ hoán dụ nghị "
    "luận cảm nhận chi tiết ý nghĩa nhan đề truyện ngắn văn bản thể loại phương thức biểu đạt chính tự sự",
    "KHTN": "tế bào quang hợp hô hấp năng lượng ánh sáng âm thanh lực ma sát khối lượng riêng nguyên tử "
    "phân tử đơn chất hợp chất oxygen carbon dioxide dung dịch acid base muối nhiệt độ điện trở dòng điện",
    "LICH_SU_DIA_LI": "triều đại nhà Lý Trần Lê khởi nghĩa kháng chiến Bạch Đằng Đông Sơn văn minh lược đồ "
    "kinh độ vĩ độ khí hậu sông ngòi địa hình đồng bằng miền núi dân cư đô thị biển đảo Hoàng Sa Trường Sa",
    "TIENG_ANH": "choose the correct answer word sentence tense present past future simple continuous "
    "passive voice reading passage vocabulary pronunciation stress family school hobby environment festival",
}
RARE = ["xyloanh", "quanho", "cheo", "tuong", "bonsai"]
LEVELS = ["biet", "hieu", "van_dung"]
TYPES = ["multiple_choice", "true_false_cluster", "short_answer", "essay"]
QUERIES = [
    ("no filter", {}),
    ("subject", {"subject": "TOAN"}),
    ("subject + grade", {"subject": "TOAN", "grade": 6}),
    ("level", {"level": "hieu"}),
    ("type", {"type": "essay"}),
    ("four indexed filters", {"subject": "NGU_VAN", "grade": 9, "level": "van_dung", "type": "essay"}),
    ("topic code", {"outcome": "TOAN.6.1.3"}),
    ("outcome code", {"outcome": "TOAN.6.1.3.2"}),
    ("words with diacritics", {"q": "phân số"}),
    ("words without diacritics", {"q": "phan so"}),
    ("three words", {"q": "phan so toi gian"}),
    ("words + subject + grade", {"q": "tam giac vuong", "subject": "TOAN", "grade": 7}),
    ("rare word", {"q": "quanho"}),
    ("word found nowhere", {"q": "khongcodau"}),
    ("words, page 2", {"q": "quang hop", "page": 2}),
    ("subject, page 2", {"subject": "KHTN", "page": 2}),
]


def _draft(rng, n):
    subject = rng.choice(list(WORDS))
    grade = rng.randint(6, 9)
    vocabulary = WORDS[subject].split()
    words = [rng.choice(vocabulary) for _ in range(rng.randint(12, 40))]
    if rng.random() < 0.002:
        words.insert(rng.randrange(len(words)), rng.choice(RARE))
    stem = f"<p>Câu {n}. {' '.join(words).capitalize()} {rng.randint(1, 999)}?</p>"
    kind = TYPES[n % 4]
    if kind == "multiple_choice":
        options = [f"{rng.randint(1, 99)} {rng.choice(vocabulary)}" for _ in range(4)]
        body = {"choices": [{"text": text, "correct": i == 0} for i, text in enumerate(options)]}
    elif kind == "true_false_cluster":
        texts = [" ".join(rng.choices(vocabulary, k=6)) for _ in range(4)]
        body = {"statements": [{"text": text, "is_true": i % 2 == 0} for i, text in enumerate(texts)]}
    elif kind == "short_answer":
        body = {"kind": "numeric", "value": str(rng.randint(1, 500)), "tolerance": "0"}
    else:
        body = {"rubric": []}
    draft = Draft(kind, stem, body, Place("bench", n, n), title=f"Câu {n}", points=Decimal("0.25"))
    draft.subject_code, draft.grade, draft.cognitive_level = subject, grade, rng.choice(LEVELS)
    draft.outcome_codes = [f"{subject}.{grade}.{rng.randint(1, 3)}.{rng.randint(1, 5)}.{rng.randint(1, 9)}"]
    draft.fingerprint = f"{n:064d}"
    return draft


def build(owner):
    """The 200,000-question bank (kept between runs: built only when missing or incomplete)."""
    bank = QuestionBank.objects.filter(name=BANK).first()
    if bank and bank.questions.count() == SIZE:
        return bank, None
    QuestionBank.objects.filter(name=BANK).delete()
    bank = QuestionBank.objects.create(name=BANK, owner_id=owner.id)
    rng = random.Random(2026)
    start = time.perf_counter()
    for first in range(0, SIZE, 10_000):
        storing.store_drafts(bank, [_draft(rng, n) for n in range(first + 1, min(first + 10_000, SIZE) + 1)])
    if connection.vendor == "mysql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE TABLE vn_qbank_question")
            cursor.fetchall()
    return bank, time.perf_counter() - start


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    call_command("migrate", interactive=False, verbosity=0)
    owner, _ = get_user_model().objects.get_or_create(username="bench_owner")
    make_teacher(owner)  # the bank pages are teachers' tools (ADR 0012): owning a bank is not enough
    bank, built = build(owner)
    client = Client()
    client.force_login(owner)
    url = f"/vn/qbank/api/v1/banks/{bank.uuid}/questions/"
    cursors = {}
    for name, params in QUERIES:  # warm up, and find the cursors of the second pages
        if params.get("page") == 2:
            first = {k: v for k, v in params.items() if k != "page"}
            cursors[name] = client.get(url, first).json()["next"]
        client.get(url, {k: v for k, v in params.items() if k != "page"})
    times, counts = {name: [] for name, _ in QUERIES}, {}
    for _ in range(ROUNDS):
        for name, params in QUERIES:
            query = {k: v for k, v in params.items() if k != "page"}
            if name in cursors:
                query["cursor"] = cursors[name]
            start = time.perf_counter()
            response = client.get(url, query)
            times[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.content[:300]
            data = response.json()
            counts[name] = (data["count"], data["count_exact"], len(data["results"]))
    every = [ms for values in times.values() for ms in values]
    print(
        json.dumps(
            {
                "backend": connection.vendor,
                "questions": bank.questions.count(),
                "build_seconds": built,
                "requests": len(every),
                "p50_ms": percentile(every, 0.5),
                "p95_ms": percentile(every, 0.95),
                "max_ms": max(every),
                "per_query": {
                    name: {
                        "p50_ms": percentile(values, 0.5),
                        "p95_ms": percentile(values, 0.95),
                        "count": counts[name],
                    }
                    for name, values in times.items()
                },
            }
        )
    )


if __name__ == "__main__":
    main()
