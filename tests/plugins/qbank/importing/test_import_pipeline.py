"""The import pipeline, on our own Vietnamese files and on the real files in shared/testdata."""

import pytest

from openedx_vn.qbank import api
from openedx_vn.qbank.importing.formats import gift
from openedx_vn.qbank.models import Question, QuestionVersion

pytestmark = pytest.mark.django_db

VIETNAMESE_GIFT = """\
$CATEGORY: Toán 6/Phân số

::Câu 1::Phân số nào bằng <b>1/2</b>?<script>alert(1)</script>{=3/6 ~2/3
~<img src\\="http://x.invalid/a.png" onerror\\="alert(1)">2/5 ~4/6}

::Câu 2::Số 0 là số nguyên dương.{F}

::Câu 3::Tính 1/2 - 2 (viết dạng số thập phân).{#-1.5}

::Câu 4::Thủ đô của Việt Nam là {=Hà Nội}.

::Câu 5::Trình bày cách rút gọn một phân số.{}
"""


@pytest.fixture
def bank():
    return api.create_bank("Toán 6 – tổ Toán", owner_id=1)


def _import(bank, content, filename, **kwargs):
    data = content if isinstance(content, bytes) else content.encode()
    return api.import_questions(data, filename, bank.uuid, **kwargs)


def test_vietnamese_gift_file_imports_every_type(bank):
    result = _import(bank, VIETNAMESE_GIFT, "toan6.gift", user_id=7)
    assert (result.format, result.created, result.duplicates) == ("gift", 5, ())
    versions = {v.title: v for v in QuestionVersion.objects.filter(question__bank__uuid=bank.uuid)}
    mc = versions["Câu 1"]
    assert mc.type == "multiple_choice" and mc.category == "Toán 6/Phân số" and mc.created_by == 7
    assert [c["correct"] for c in mc.body["choices"]] == [True, False, False, False]
    assert "<script" not in mc.stem and "alert" not in mc.stem and "<b>1/2</b>" in mc.stem
    assert "onerror" not in mc.body["choices"][2]["text"] and "x.invalid" not in mc.body["choices"][2]["text"]
    assert versions["Câu 2"].body == {"statements": [{"text": "", "is_true": False}]}
    assert versions["Câu 3"].body == {"kind": "numeric", "value": "-1.5", "tolerance": "0"}
    assert versions["Câu 4"].body == {"kind": "text", "answers": ["Hà Nội"]}
    assert versions["Câu 4"].stem == "Thủ đô của Việt Nam là _____ ."
    assert versions["Câu 5"].type == "essay"
    assert mc.source == "toan6.gift, line 3, question 1"
    assert all(q.current.number == 1 for q in Question.objects.filter(bank__uuid=bank.uuid))


def test_importing_again_finds_duplicates_and_adds_nothing(bank):
    _import(bank, VIETNAMESE_GIFT, "toan6.gift")
    again = _import(bank, VIETNAMESE_GIFT.replace("Câu 5", "Câu 5 (bản mới)"), "toan6-v2.gift")
    assert again.created == 0 and len(again.duplicates) == 5
    assert again.duplicates[0] == "toan6-v2.gift, line 3, question 1: repeats a question already in the bank"
    assert Question.objects.filter(bank__uuid=bank.uuid).count() == 5


def test_duplicate_inside_one_file_is_flagged(bank):
    text = "Câu hỏi?{=A ~B}\n\nCâu  HỎI?{~B =A}\n"
    result = _import(bank, text, "dup.gift")
    assert result.created == 1
    assert result.duplicates == ("dup.gift, line 3, question 2: repeats dup.gift, line 1, question 1",)


def test_a_file_with_problems_imports_nothing(bank):
    text = VIETNAMESE_GIFT + "\n::Câu 6::Nối cột.{=Hà Nội -> Việt Nam =Paris -> Pháp}\n\nCâu 7?{=A =B ~C}\n"
    with pytest.raises(api.QuestionImportError) as caught:
        _import(bank, text, "toan6.gift")
    matching, two_right = (str(problem) for problem in caught.value.problems)
    assert matching.startswith("toan6.gift, line 14, question 6: matching question ('->' pairs)")
    assert two_right.startswith("toan6.gift, line 16, question 7: 2 options are marked right")
    assert Question.objects.count() == 0


def test_dry_run_previews_without_storing(bank):
    result = _import(bank, VIETNAMESE_GIFT, "toan6.gift", dry_run=True)
    assert result.created == 5 and result.question_uuids == ()
    assert Question.objects.count() == 0


def test_descriptions_are_left_out_with_a_note(bank):
    result = _import(bank, "Phần I. Trắc nghiệm\n\nCâu 1?{=A ~B}\n", "de.gift")
    assert result.created == 1
    assert result.notes == ("de.gift, line 1, question 1: a description, not a question: left out",)


def test_a_file_in_another_encoding_is_refused_with_advice(bank):
    # Vietnamese in TCVN3, VNI or Windows-1258 is converted (test_legacy_encodings); French in cp1252 is not.
    with pytest.raises(api.QuestionImportError, match="not UTF-8 .*save the file as Unicode UTF-8"):
        _import(bank, "Où est le café ? Déjà là.{=A ~B}".encode("cp1252"), "cu.gift")


def test_moodle_aiken_fixture(bank, testdata):
    path = testdata / "moodle-qformat-fixtures/upstream-moodle-main/question/format/aiken/tests/fixtures"
    result = _import(bank, (path / "questions.aiken.txt").read_bytes(), "questions.aiken.txt")
    assert result.created == 2
    first, second = QuestionVersion.objects.order_by("id")
    assert first.stem == "The Moodle project was started by:"
    assert [c["correct"] for c in first.body["choices"]] == [False, True, False, False]
    assert 'includes &lt;html class="cool"&gt; &amp; images:' in second.stem  # Aiken is plain text


def test_moodle_aiken_error_fixture_names_each_problem(bank, testdata):
    path = testdata / "moodle-qformat-fixtures/upstream-moodle-main/question/format/aiken/tests/fixtures"
    with pytest.raises(api.QuestionImportError) as caught:
        _import(bank, (path / "aiken_errors.txt").read_bytes(), "aiken_errors.txt")
    messages = [str(problem) for problem in caught.value.problems]
    assert messages[0] == "aiken_errors.txt, line 1, question 1: a question needs at least 2 options, found 1"
    assert any("line 5" in m and "an option comes before the question text" in m for m in messages)
    assert any("line 7" in m and "ANSWER without a question" in m for m in messages)
    assert any("line 14" in m and "no ANSWER line" in m for m in messages)
    assert Question.objects.count() == 0


def _gift_files(testdata):
    files = sorted((testdata / "gift-grammar-pegjs/tests/questions").glob("*.gift"))
    files += sorted((testdata / "moodle-qformat-fixtures").rglob("*.gift.txt"))
    files += sorted((testdata / "pygiftparser-mtommasi").rglob("*.gift*"))
    return files


def test_every_shared_gift_file_is_imported_whole_or_refused_precisely(testdata):
    outcomes = {"imported": 0, "refused": 0}
    for path in _gift_files(testdata):
        bank = api.create_bank(path.name, owner_id=1)
        items = [
            i
            for i in gift.parse(path.read_text(encoding="utf-8"))
            if i["type"] not in ("Category", "Description")
        ]
        problems, result = [], None
        try:
            result = _import(bank, path.read_bytes(), path.name, fmt="gift")
        except api.QuestionImportError as exc:
            problems = exc.problems
        if result is None:
            assert all(p.place.line or p.message == "no question found in the file" for p in problems), (
                path.name
            )
            assert api.get_bank(bank.uuid).question_count == 0
            outcomes["refused"] += 1
        else:
            assert result.created + len(result.duplicates) == len(items), path.name
            outcomes["imported"] += 1
    assert outcomes["imported"] >= 30 and outcomes["refused"] >= 5
