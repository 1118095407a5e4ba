"""Teachers read import problems, notes and places in Vietnamese: real failing imports, in Vietnamese."""

import io
import re
from pathlib import Path

import polib
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from docx import Document

from openedx_vn.core.spreadsheets import workbook_bytes
from openedx_vn.qbank import api
from openedx_vn.qbank.exporting import gift as gift_export
from openedx_vn.qbank.importing.drafts import Place
from openedx_vn.qbank.models import QuestionVersion
from tests.plugins.schools.teachers import make_teacher

pytestmark = pytest.mark.django_db
CATALOG = Path(api.__file__).parent / "locale/vi/LC_MESSAGES/django.po"
# TCVN3 (ABC) bytes: "::Câu 1::Phương trình x + 2 = 5 có nghiệm là{=3 ~7 ~-3}"
TCVN3_GIFT = b"::C\xa9u 1::Ph\xad\xacng tr\xd7nh x + 2 = 5 c\xe3 nghi\xd6m l\xb5{=3 ~7 ~-3}\n"


@pytest.fixture
def bank():
    return api.create_bank("Toán 6", owner_id=1)


def _problems(content, filename, bank):
    """The summary line and each problem with its place, as a Vietnamese teacher reads them."""
    with translation.override("vi"):
        with pytest.raises(api.QuestionImportError) as caught:
            api.import_questions(content, filename, bank.uuid)
        return str(caught.value).splitlines()[0], [str(problem) for problem in caught.value.problems]


def test_places_name_the_file_line_paragraph_table_row_and_question():
    with translation.override("vi"):
        assert str(Place("de.gift", 12, 3)) == "tệp de.gift, dòng 12, câu 3"
        assert str(Place("de.docx", 40, unit="paragraph")) == "tệp de.docx, đoạn 40"
        assert str(Place("de.xlsx", 7, 6, unit="row")) == "tệp de.xlsx, hàng 7, câu 6"
        assert str(Place("de.docx", 3, 3, unit="row", table=2)) == "tệp de.docx, bảng 2, hàng 3, câu 3"
    assert str(Place("de.docx", 3, 3, unit="row", table=2)) == "de.docx, table 2, row 3, question 3"


def test_a_gift_syntax_error(bank):
    summary, problems = _problems("::Câu 1::Phân số nào bằng 1/2?{=3/6 ~2/3\n".encode(), "de.gift", bank)
    assert summary == "1 lỗi, chưa nhập câu hỏi nào:"
    assert problems == ["tệp de.gift, dòng 1: phần đáp án mở bằng '{' chưa được đóng"]
    assert api.get_bank(bank.uuid).question_count == 0


def _docx(build):
    document = Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_question_without_key(bank):
    def build(document):
        document.add_paragraph("Câu 1. Phân số nào bằng 1/2?")
        document.add_paragraph("A. 2/3\tB. 3/6\tC. 2/5\tD. 4/6")  # nothing marked, no answer table

    _, problems = _problems(_docx(build), "de.docx", bank)
    assert problems == [
        "tệp de.docx, đoạn 1, câu 1: chưa có đáp án: hãy đánh dấu phương án đúng (gạch chân, tô màu, in đậm "
        "hoặc thêm dấu *) hoặc ghi vào bảng đáp án"
    ]


def test_a_word_question_table_row_names_its_table_and_row(bank):
    def build(document):
        info = document.add_table(rows=1, cols=2)  # table 1: the paper's heading, not questions
        info.rows[0].cells[0].text, info.rows[0].cells[1].text = "Môn: Toán 6", "Thời gian: 15 phút"
        rows = [
            ["Câu", "Nội dung", "A", "B", "C", "D", "Đáp án", "Mức độ"],
            ["1", "Phân số nào bằng 1/2?", "2/3", "3/6", "2/5", "4/6", "B", "Biết"],
            ["2", "Số nào là số nguyên tố?", "1", "4", "7", "9", "C", "Rất khó"],
        ]
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, texts in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text

    _, problems = _problems(_docx(build), "ma-tran.docx", bank)
    assert problems == [
        "tệp ma-tran.docx, bảng 2, hàng 3, câu 2: "
        "không nhận ra mức độ 'Rất khó': hãy ghi Nhận biết, Thông hiểu, Vận dụng hoặc Vận dụng cao"
    ]


def test_a_bad_excel_row(bank):
    header = ("type", "stem", "A", "B", "C", "D", "answer")
    rows = [("TN", "Phân số nào bằng 1/2?", "2/3", "3/6", "", "", "B"), ("XX", "Thủ đô?", "", "", "", "", "")]
    summary, problems = _problems(workbook_bytes("questions", header, rows), "de.xlsx", bank)
    assert summary == "1 lỗi, chưa nhập câu hỏi nào:"
    assert problems == ["tệp de.xlsx, hàng 3, câu 2: dạng câu 'XX': hãy ghi TN, ĐS, TLN hoặc TL"]


def test_a_legacy_encoding_note(bank):
    with translation.override("vi"):
        result = api.import_questions(TCVN3_GIFT, "de-cu.gift", bank.uuid)
    assert result.created == 1
    assert result.notes == (
        "tệp de-cu.gift: đã chuyển từ bảng mã TCVN3 (ABC) sang Unicode: "
        "hãy kiểm tra lại chữ tiếng Việt ở phần xem trước",
    )


def test_duplicates_in_the_file_and_in_the_bank(bank):
    twice = "Câu 1?{=A ~B}\n\nCâu 1?{=A ~B}\n".encode()
    with translation.override("vi"):
        first = api.import_questions(twice, "de.gift", bank.uuid)
        again = api.import_questions(twice, "lai.gift", bank.uuid, dry_run=True)
    assert first.created == 1
    assert first.duplicates == ("tệp de.gift, dòng 3, câu 2: trùng với tệp de.gift, dòng 1, câu 1",)
    assert again.duplicates == (
        "tệp lai.gift, dòng 1, câu 1: trùng với một câu hỏi đã có trong ngân hàng",
        "tệp lai.gift, dòng 3, câu 2: trùng với một câu hỏi đã có trong ngân hàng",
    )


def test_the_rest_api_answers_in_the_language_asked(client):
    teacher = make_teacher(get_user_model().objects.create_user("gv_an", password="x"))
    bank = api.create_bank("Toán 6", owner_id=teacher.id)
    client.force_login(teacher)
    url = reverse("vn_qbank:bank-import", args=[bank.uuid])
    bad = "Câu 1?{=A ~B}\n\nCâu 2?{=A =B ~C}\n".encode()
    answers = {
        language: client.post(
            url, {"file": SimpleUploadedFile("de.gift", bad)}, HTTP_ACCEPT_LANGUAGE=language
        )
        for language in ("vi", "en")
    }
    assert {language: response.status_code for language, response in answers.items()} == {
        "vi": 400,
        "en": 400,
    }
    vi, en = answers["vi"].json(), answers["en"].json()
    assert vi["detail"] == "1 lỗi, chưa nhập câu hỏi nào:"
    assert vi["problems"][0]["message"] == (
        "có 2 phương án được đánh dấu đúng; câu trắc nghiệm nhiều lựa chọn chỉ có đúng một đáp án"
    )
    assert en["detail"] == "1 problem, nothing was imported:"
    assert (
        en["problems"][0]["message"]
        == "2 options are marked right; a multiple-choice question needs exactly one"
    )


def test_export_notes(bank):
    cluster = "::Câu 1::Cho phân số 6/8.{T}\n".encode()  # a one-statement đúng/sai: GIFT keeps it whole
    api.import_questions(cluster, "ds.gift", bank.uuid)
    version = QuestionVersion.objects.get()
    version.body = {
        "statements": [{"text": "6/8 = 3/4", "is_true": True}, {"text": "6/8 < 1/2", "is_true": False}]
    }
    with translation.override("vi"):
        _, notes = gift_export.export([version])
    assert notes == ["Câu 1: câu đúng/sai được ghi thành 2 câu hỏi Đúng/Sai riêng (mỗi câu một điểm)"]


_PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|\{\w*\}")


def test_every_message_of_the_qbank_catalog_is_translated_with_its_placeholders():
    catalog = polib.pofile(str(CATALOG))
    assert [entry.msgid for entry in catalog if not entry.translated()] == []
    for entry in catalog:
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in translations:
            source = entry.msgid_plural or entry.msgid
            assert sorted(_PLACEHOLDER.findall(text)) == sorted(_PLACEHOLDER.findall(source)), entry.msgid
    places = {
        "%(file)s": "tệp %(file)s",
        "line %(number)s": "dòng %(number)s",
        "paragraph %(number)s": "đoạn %(number)s",
        "row %(number)s": "hàng %(number)s",
        "table %(number)s": "bảng %(number)s",
        "question %(number)s": "câu %(number)s",
    }
    assert {entry.msgid: entry.msgstr for entry in catalog if entry.msgid in places} == places
