"""The bank's filtered list over REST: each filter, words with or without diacritics, keyset pages, counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openedx_vn.qbank import listing
from tests.plugins.qbank.banks import add_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(people):
    b = people.bank
    found = {"half": people.question}
    found["prime"] = add_question(
        b,
        "Số nguyên tố nhỏ nhất là 2.",
        "true_false_cluster",
        subject_code="TOAN",
        grade=6,
        cognitive_level="hieu",
        outcome_codes=["TOAN.6.1.1.14"],
    )
    found["area"] = add_question(
        b,
        "Tính diện tích hình chữ nhật có chiều dài 5 cm, chiều rộng 3 cm.",
        "short_answer",
        subject_code="TOAN",
        grade=7,
        cognitive_level="van_dung",
        outcome_codes=["TOAN.7.2.1.1"],
    )
    found["poem"] = add_question(
        b, "Phân tích khổ thơ đầu bài <i>Đồng chí</i>.", "essay", subject_code="NGU_VAN", grade=9
    )
    capital = {"choices": [{"text": "Hà Nội", "correct": True}, {"text": "Huế", "correct": False}]}
    found["capital"] = add_question(b, "Thủ đô của Việt Nam là", body=capital, subject_code="LICH_SU_DIA_LI")
    found["simplest"] = add_question(
        b,
        "Phân số tối giản là gì?",
        subject_code="TOAN",
        grade=6,
        cognitive_level="hieu",
        outcome_codes=["TOAN.6.1.1.10"],
    )
    # The fixture's first question, with an outcome code now.
    found["half"].current.outcome_codes = ["TOAN.6.1.3.2"]
    found["half"].current.save()
    listing.copy_current(found["half"], found["half"].current)
    found["half"].save()
    return people, found


def _list(client, world, **params):
    client.force_login(world.owner)
    response = client.get(reverse("vn_qbank:bank-question-list", args=[world.bank.uuid]), params)
    assert response.status_code == 200, response.content
    return response.json()


def _names(data, found):
    by_uuid = {str(question.uuid): name for name, question in found.items()}
    return {by_uuid[row["uuid"]] for row in data["results"]}


def test_without_filters_every_question_newest_first(client, bank):
    people, found = bank
    data = _list(client, people)
    assert (data["count"], data["count_exact"], data["next"], data["previous"]) == (6, True, None, None)
    newest_first = ["simplest", "capital", "poem", "area", "prime", "half"]
    assert [row["uuid"] for row in data["results"]] == [str(found[name].uuid) for name in newest_first]
    first = next(row for row in data["results"] if row["uuid"] == str(found["half"].uuid))
    assert first["body"]["choices"][0]["correct"] is True  # teachers see the key
    assert first["stem"] == "<p>Phân số nào bằng $\\frac{1}{2}$?</p>"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"subject": "TOAN"}, {"half", "prime", "area", "simplest"}),
        ({"subject": "toan", "grade": 7}, {"area"}),
        ({"grade": 6}, {"half", "prime", "simplest"}),
        ({"level": "hieu"}, {"prime", "simplest"}),
        ({"type": "essay"}, {"poem"}),
        ({"type": "true_false_cluster"}, {"prime"}),
        ({"outcome": "TOAN.6.1.3"}, {"half"}),  # a topic: its outcomes
        ({"outcome": "TOAN.6.1.1"}, {"prime", "simplest"}),
        ({"outcome": "TOAN.6.1.1.1"}, set()),  # not TOAN.6.1.1.10 or .14
        ({"outcome": "toan.6.1.1.14"}, {"prime"}),
        ({"subject": "TOAN", "grade": 6, "level": "hieu", "type": "multiple_choice"}, {"simplest"}),
    ],
)
def test_each_filter(client, bank, params, expected):
    people, found = bank
    data = _list(client, people, **params)
    assert _names(data, found) == expected
    assert data["count"] == len(expected) and data["count_exact"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("phân số", {"half", "simplest"}),
        ("phan so", {"half", "simplest"}),
        ("PHAN SỐ", {"half", "simplest"}),
        ("phan so toi gian", {"simplest"}),
        ("pha", set()),  # whole words only
        ("ha noi", {"capital"}),  # the options' words too
        ("dong chi", {"poem"}),  # inside HTML tags
        ("số nguyên tố 2", {"prime"}),
        ("frac", {"half"}),
        ("đồng hồ", set()),
    ],
)
def test_words_with_or_without_diacritics(client, bank, words, expected):
    people, found = bank
    data = _list(client, people, q=words)
    assert _names(data, found) == expected
    assert data["count"] == len(expected)


def test_words_and_filters_together(client, bank):
    people, found = bank
    assert _names(_list(client, people, q="phan so", level="biet"), found) == {"half"}


def test_bad_parameters_are_named(client, bank):
    people, _ = bank
    client.force_login(people.owner)
    url = reverse("vn_qbank:bank-question-list", args=[people.bank.uuid])
    for params, field in [
        ({"grade": "sáu"}, "grade"),
        ({"grade": 13}, "grade"),
        ({"level": "kho"}, "level"),
        ({"type": "matching"}, "type"),
        ({"ordering": "random"}, "ordering"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"page_size": 1000}, "page_size"),
    ]:
        response = client.get(url, params)
        assert response.status_code == 400, params
        assert field in response.json()


def test_keyset_pages_walk_forward_and_back(client, people):
    for n in range(44):
        add_question(people.bank, f"Câu luyện tập số {n}", subject_code="TOAN", grade=6)
    first = _list(client, people, page_size=20, subject="TOAN")
    assert (first["count"], first["previous"]) == (45, None)
    second = _list(client, people, page_size=20, subject="TOAN", cursor=first["next"])
    third = _list(client, people, page_size=20, subject="TOAN", cursor=second["next"])
    pages = [first, second, third]
    seen = [row["uuid"] for page in pages for row in page["results"]]
    assert [len(page["results"]) for page in pages] == [20, 20, 5]
    assert len(set(seen)) == 45 and third["next"] is None
    back = _list(client, people, page_size=20, subject="TOAN", cursor=third["previous"])
    assert [row["uuid"] for row in back["results"]] == [row["uuid"] for row in second["results"]]
    oldest = _list(client, people, page_size=20, subject="TOAN", ordering="oldest")
    assert oldest["results"][0]["uuid"] == str(people.question.uuid)
    assert [row["uuid"] for row in oldest["results"]] == list(reversed(seen))[:20]


def test_a_text_search_counts_up_to_the_cap(client, people, monkeypatch):
    monkeypatch.setattr(listing, "COUNT_CAP", 5)
    for n in range(8):
        add_question(people.bank, f"Bài toán chuyển động số {n}")
    first = _list(client, people, q="chuyen dong", page_size=3)
    assert (first["count"], first["count_exact"], len(first["results"])) == (5, False, 3)
    later = _list(client, people, q="chuyen dong", page_size=3, cursor=first["next"])
    assert (later["count"], later["count_exact"]) == (5, False)
    few = _list(client, people, q="chuyen dong 7")
    assert (few["count"], few["count_exact"]) == (1, True)
    assert _list(client, people, page_size=3)["count"] == 9  # indexed filters: exact beyond the cap


def test_imported_questions_are_found_by_their_words(client, people):
    client.force_login(people.owner)
    gift = "::Câu 1::Thủ đô của Pháp là {=Paris ~Luân Đôn}\n\n::Câu 2::Số π xấp xỉ {#3.14:0.01}\n".encode()
    url = reverse("vn_qbank:bank-import", args=[people.bank.uuid])
    assert client.post(url, {"file": SimpleUploadedFile("de.gift", gift)}).status_code == 200
    data = _list(client, people, q="thu do phap")
    assert [row["title"] for row in data["results"]] == ["Câu 1"]
    assert [row["title"] for row in _list(client, people, q="luan don")["results"]] == ["Câu 1"]
    assert [row["title"] for row in _list(client, people, q="π")["results"]] == ["Câu 2"]
    assert [row["title"] for row in _list(client, people, type="short_answer")["results"]] == ["Câu 2"]


def test_list_fields_hold_each_folded_word_once_and_codes_ending_in_a_dot():
    class Content:
        type, title, grade = "multiple_choice", "Câu 1", 6
        stem = "<p>Phân số &amp; <b>số thập phân</b>: phân số</p>"
        body = {"choices": [{"text": "Đúng", "correct": True}, {"text": "α + β", "correct": False}]}
        subject_code, cognitive_level, outcome_codes = "TOAN", "biet", ["toan.6.1.3.2", " TOAN.6.1.3.4 "]

    values = dict(zip(listing.COLUMNS, listing.values(Content), strict=True))
    assert values["search_text"] == " cau 1 phan so thap dung u3b1 u3b2 "
    assert values["outcome_text"] == " TOAN.6.1.3.2. TOAN.6.1.3.4. "
    assert values["search_text"].isascii()
