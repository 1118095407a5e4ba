import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from openedx_vn.qbank import api

pytestmark = pytest.mark.django_db


def test_command_creates_the_bank_and_imports(tmp_path, capsys):
    get_user_model().objects.create_user("totruong", password="x")
    path = tmp_path / "toan6.gift"
    path.write_text("Câu 1?{=A ~B}\n\nCâu 2?{T}\n", encoding="utf-8")
    call_command("import_questions", str(path), "--bank", "Toán 6", "--owner", "totruong")
    out = capsys.readouterr().out
    assert "toan6.gift (gift): imported 2 question(s) into " in out
    bank_uuid = out.split(" into ")[1].strip().rstrip(".")
    assert api.get_bank(bank_uuid).question_count == 2
    call_command("import_questions", str(path), "--bank", bank_uuid, "--dry-run")
    assert "would import 0 question(s)" in capsys.readouterr().out


def test_command_reports_problems_and_unknown_banks(tmp_path):
    path = tmp_path / "bad.gift"
    path.write_text("Câu 1?{=A =B ~C}\n", encoding="utf-8")
    bank = api.create_bank("Toán", owner_id=1)
    with pytest.raises(CommandError, match="bad.gift, line 1, question 1: 2 options are marked right"):
        call_command("import_questions", str(path), "--bank", bank.uuid)
    with pytest.raises(CommandError, match="No question bank"):
        call_command("import_questions", str(path), "--bank", "00000000-0000-0000-0000-000000000000")
