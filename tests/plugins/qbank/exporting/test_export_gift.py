"""GIFT export: what Moodle reads, and what our own GIFT reader takes back (round trip)."""

import pytest

from openedx_vn.qbank import api
from openedx_vn.qbank.exporting import gift as gift_export
from openedx_vn.qbank.importing.formats import gift as gift_reader

from .conftest import content, versions_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(full_bank):
    text, filename, notes = api.export_questions(full_bank.uuid, "gift")
    return text.decode("utf-8"), filename, notes


def test_every_type_comes_back_through_our_reader(full_bank, exported):
    text, filename, notes = exported
    assert filename == "toan-6-to-toan.gift"
    again = api.create_bank("Nhập lại", owner_id=1)
    result = api.import_questions(text.encode(), filename, again.uuid)
    before = {v.title: v for v in versions_of(full_bank.uuid)}
    after = {v.title: v for v in versions_of(again.uuid)}
    assert result.created == len(before) - 1 + 4  # the 4-statement cluster comes back as 4 questions
    for title, version in before.items():
        if version.type == "true_false_cluster" and len(version.body["statements"]) > 1:
            continue
        assert content(after[title]) == content(version), title
        assert after[title].category == version.category, title
    # The đúng/sai cluster: one true/false question per statement, stem + statement, same key and explanation.
    cluster = next(v for v in before.values() if len(v.body.get("statements", [])) == 4)
    parts = [after[f"{cluster.title} {letter})"] for letter in "abcd"]
    assert [p.body["statements"][0]["is_true"] for p in parts] == [True, False, True, False]
    assert parts[1].stem == "Cho phân số 6/8.<br>b) 6/8 là phân số tối giản"
    assert {p.explanation for p in parts} == {cluster.explanation}
    assert notes == [f"{cluster.title}: đúng/sai written as 4 separate true/false questions (one mark each)"]


def test_the_text_moodle_reads(exported):
    text, _, _ = exported
    assert "$CATEGORY: $course$/top/Toán 6/Phân số" in text
    assert (
        "::Câu 1::[html]Phân số nào bằng 1/2? {\n\t~2/3\n\t=3/6\n\t~2/5\n\t~4/6\n####Vì 3/6 \\= 1/2.\n}"
        in text
    )
    assert "{#-1.5:0\n####1/2 - 2 \\= -1,5}" in text  # decimal point in GIFT, comma kept in the explanation
    assert "=5#Đúng\\: 2 + 3 \\= 5" in text and "{=Hà Nội =Ha Noi}" in text
    assert "::Câu 4::[html]Trình bày cách rút gọn phân số 12/18. {\n####Chia cả tử và mẫu cho 6.}" in text
    # Uncategorised questions first: GIFT cannot go back to "no category" after a $CATEGORY line.
    assert text.index("Câu 3::") < text.index("$CATEGORY: $course$/top/Toán 6/Phân số")
    for item in gift_reader.parse(text):  # every item parses (the reader is the grammar's reference here)
        assert item["type"] in ("Category", "MC", "TF", "Numerical", "Short", "Essay")


def test_special_characters_are_escaped_and_read_back():
    bank = api.create_bank("Kí tự", owner_id=1)
    stem = "Tập hợp A = {1; 2}: phần tử nào ~ thuộc A? #1 \\ hết"
    source = f"[markdown]{gift_export.escape(stem)}{{=1 ~3 ~4 ~5}}"
    api.import_questions(source.encode(), "a.gift", bank.uuid)
    (version,) = versions_of(bank.uuid)
    assert version.stem == stem
    text, _, _ = api.export_questions(bank.uuid, "gift")
    again = api.create_bank("Kí tự 2", owner_id=1)
    api.import_questions(text, "b.gift", again.uuid)
    assert versions_of(again.uuid)[0].stem == stem
    assert "Tập hợp A \\= \\{1; 2\\}\\: phần tử nào \\~ thuộc A? \\#1 \\\\ hết" in text.decode()


def test_numbers_with_tolerance_and_multi_line_html():
    bank = api.create_bank("Số", owner_id=1)
    api.import_questions("Tính 10 : 3 (làm tròn).{#3.33:0.01}\n".encode(), "s.gift", bank.uuid)
    api.import_questions("[html]<p>Dòng một</p>\n<p>Dòng hai</p>{=x ~y}\n".encode(), "t.gift", bank.uuid)
    text, _, _ = api.export_questions(bank.uuid, "gift")
    assert "{#3.33:0.01}" in text.decode()
    again = api.create_bank("Số 2", owner_id=1)
    api.import_questions(text, "c.gift", again.uuid)
    assert [content(v) for v in versions_of(again.uuid)] == [content(v) for v in versions_of(bank.uuid)]
    assert "<p>Dòng một</p>\\n<p>Dòng hai</p>" in text.decode()  # a blank line would end the question
    assert versions_of(again.uuid)[1].stem == "<p>Dòng một</p>\n<p>Dòng hai</p>"


def test_number_formatting():
    assert [gift_export._number(v) for v in ("-1.50", "100", "0.0001", "2")] == ["-1.5", "100", "0.0001", "2"]
