"""The import_questions command: Vietnamese messages on stderr, and no bank made by a dry run or a refusal."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation

from openedx_vn.qbank import api
from openedx_vn.qbank.models import QuestionBank

pytestmark = pytest.mark.django_db

GOOD = "Câu 1?{=A ~B}\n\nCâu 2?{T}\n"
BAD = "Câu 1?{=A =B ~C}\n"


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def teacher():
    return get_user_model().objects.create_user("totruong", password="x")


def _file(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _refused(capsys, *args):
    with pytest.raises(SystemExit) as caught:
        call_command("import_questions", *args)
    assert caught.value.code == 1
    return capsys.readouterr().err


def test_a_named_bank_is_created_when_the_import_commits_and_found_again(tmp_path, capsys, teacher):
    path = _file(tmp_path, "toan6.gift", GOOD)
    call_command("import_questions", path, "--bank", "Toán 6", "--owner", "totruong")
    out = capsys.readouterr().out
    (bank,) = api.list_banks(owner_id=teacher.id)
    assert out.startswith(
        f"toan6.gift (Văn bản GIFT của Moodle (.gift, .txt)): đã nhập 2 câu hỏi vào «Toán 6» ({bank.uuid})"
    )
    call_command("import_questions", path, "--bank", "Toán 6", "--owner", "totruong")
    again = capsys.readouterr().out
    assert [b.question_count for b in api.list_banks(owner_id=teacher.id)] == [2]  # the same bank, no twin
    assert "đã nhập 0 câu hỏi" in again and "trùng với một câu hỏi đã có trong ngân hàng" in again


def test_a_dry_run_creates_no_bank(tmp_path, capsys, teacher):
    call_command(
        "import_questions",
        _file(tmp_path, "de.gift", GOOD),
        "--bank",
        "Mới",
        "--owner",
        "totruong",
        "--dry-run",
    )
    out = capsys.readouterr().out
    assert "sẽ nhập 2 câu hỏi vào «Mới»" in out and "Chạy thử: chưa lưu gì." in out
    assert "ngân hàng sẽ được tạo khi nhập thật" in out
    assert not QuestionBank.objects.exists()


def test_a_refused_import_creates_no_bank_and_speaks_vietnamese_first(tmp_path, capsys, teacher):
    err = _refused(capsys, _file(tmp_path, "bad.gift", BAD), "--bank", "Toán", "--owner", "totruong")
    assert err.startswith("1 lỗi, chưa nhập câu hỏi nào:\n")
    assert "tệp bad.gift, dòng 1, câu 1: có 2 phương án được đánh dấu đúng" in err
    assert "CommandError" not in err
    assert not QuestionBank.objects.exists()


def test_an_existing_bank_keeps_its_questions_when_an_import_is_refused(tmp_path, capsys, teacher):
    bank = api.create_bank("Toán", owner_id=teacher.id)
    call_command("import_questions", _file(tmp_path, "ok.gift", GOOD), "--bank", bank.uuid)
    _refused(capsys, _file(tmp_path, "bad.gift", "Câu 9?{=X ~Y}\n\n" + BAD), "--bank", bank.uuid)
    assert api.get_bank(bank.uuid).question_count == 2


def test_an_unknown_file_lists_the_formats_read(tmp_path, capsys, teacher):
    err = _refused(capsys, _file(tmp_path, "de.pdf", "x"), "--bank", "Toán", "--owner", "totruong")
    assert "None" not in err
    assert "tệp de.pdf: không đọc được loại tệp này; các loại tệp đọc được: Word (.docx);" in err
    assert "QTI 2.1, 2.2, 3.0 (.xml, hoặc gói .zip)" in err
    err = _refused(capsys, _file(tmp_path, "de.gift", GOOD), "--bank", "Toán", "--format", "pdf")
    assert err.startswith("Không có định dạng 'pdf'. Các định dạng đọc được: docx = Word (.docx);")
    assert not QuestionBank.objects.exists()


def test_unknown_banks_and_owners_are_named(tmp_path, capsys, teacher):
    path = _file(tmp_path, "de.gift", GOOD)
    err = _refused(capsys, path, "--bank", "00000000-0000-0000-0000-000000000000")
    assert err.startswith("Không có ngân hàng câu hỏi nào có mã 00000000-0000-0000-0000-000000000000.")
    err = _refused(capsys, path, "--bank", "Toán", "--owner", "ai_do")
    assert err.startswith("Không có người dùng 'ai_do' để làm chủ ngân hàng.")
    api.create_bank("Toán", owner_id=teacher.id)
    api.create_bank("Toán", owner_id=teacher.id)
    err = _refused(capsys, path, "--bank", "Toán", "--owner", "totruong")
    assert err.startswith("totruong có 2 ngân hàng tên «Toán»: hãy cho mã của một ngân hàng (")
