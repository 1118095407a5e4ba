"""Export through the one API entry point, the REST endpoint and the management command."""

import io
import json
import tarfile
import zipfile
from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from openedx_vn.qbank import api
from tests.plugins.schools.teachers import make_teacher

pytestmark = pytest.mark.django_db
GIFT = """\
::Câu 1::Phân số nào bằng 1/2?{=3/6 ~2/3 ~2/5 ~4/6}

::Câu 2::Số 0 là số nguyên dương.{F}

::Câu 3::Tính 1/2 - 2.{#-1.5}

::Câu 4::Trình bày cách rút gọn phân số.{}
"""


@pytest.fixture
def teachers():
    users = get_user_model().objects
    return make_teacher(users.create_user("gv_an", password="x"), users.create_user("gv_binh", password="x"))


@pytest.fixture
def bank(teachers):
    bank = api.create_bank("Toán 6", owner_id=teachers[0].id)
    api.import_questions(GIFT.encode(), "toan6.gift", bank.uuid)
    return bank


def _url(bank_uuid, **query):
    return reverse("vn_qbank:bank-export", args=[bank_uuid]), query


def _opens(fmt, data):
    """The file opens as what its format says; returns how many questions or items it holds."""
    if fmt in ("olx_library", "olx_unit"):
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            return len([m for m in tar.getnames() if "/problem/" in m])
    if fmt == "qti":
        return len([n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("items/")])
    if fmt == "docx":
        return sum(p.text.startswith("Câu ") for p in Document(io.BytesIO(data)).paragraphs)
    return data.decode("utf-8").count("::Câu")


def test_the_owner_downloads_every_format(client, teachers, bank):
    client.force_login(teachers[0])
    expected = {"olx_library": 1, "olx_unit": 1, "qti": 4, "gift": 4, "docx": 4}
    for fmt, count in expected.items():
        url, query = _url(bank.uuid, format=fmt)
        response = client.get(url, query)
        assert response.status_code == 200, (fmt, response.content[:200])
        disposition = response["Content-Disposition"]
        assert (
            disposition.startswith("attachment;")
            and f'filename="toan-6{api.EXPORT_FORMATS[fmt]}"' in disposition
        )
        assert _opens(fmt, response.content) == count, fmt
    url, query = _url(bank.uuid, format="olx_library")
    notes = json.loads(unquote(client.get(url, query, HTTP_ACCEPT_LANGUAGE="en").headers["X-Export-Notes"]))
    assert notes == ["Câu 4: essay: not exported (grade essays with ORA2)"]


def test_chosen_questions_and_options(client, teachers, bank):
    client.force_login(teachers[0])
    versions = api.export_questions(bank.uuid, "gift")[0].decode()
    assert versions.count("// [id:") == 4
    first = versions.split("// [id:")[1].split("]")[0]
    url, _ = _url(bank.uuid)
    response = client.get(url, {"format": "gift", "question": [first]})
    assert response.content.decode().count("::Câu") == 1
    response = client.get(url, {"format": "olx_library", "org": "QuangNinh", "code": "TOAN6"})
    with tarfile.open(fileobj=io.BytesIO(response.content), mode="r:gz") as tar:
        library = tar.extractfile("library/library.xml").read().decode()
    assert 'org="QuangNinh"' in library and 'library="TOAN6"' in library
    docx = client.get(url, {"format": "docx", "title": "Đề ôn tập", "explanations": "inline"})
    assert docx["Content-Disposition"].endswith('filename="de-on-tap.docx"')


def test_bad_requests_name_their_problem(client, teachers, bank):
    client.force_login(teachers[0])
    url, _ = _url(bank.uuid)
    assert client.get(url, {"format": "pdf"}).status_code == 400
    assert "org" in client.get(url, {"org": "Quảng Ninh"}).json()
    unknown = client.get(url, {"format": "gift", "question": ["00000000-0000-0000-0000-000000000000"]})
    assert unknown.status_code == 400 and "Không có câu hỏi" in unknown.json()["detail"]
    wrong_option = client.get(url, {"format": "gift", "code": "X"})
    assert (
        wrong_option.status_code == 400
        and "unknown option(s) for gift: code" in wrong_option.json()["detail"]
    )


def test_who_may_export(client, teachers, bank):
    url, query = _url(bank.uuid, format="gift")
    assert client.get(url, query).status_code in (401, 403)  # anonymous
    client.force_login(teachers[1])
    assert client.get(url, query).status_code == 403
    assert client.get(*_url("00000000-0000-0000-0000-000000000000", format="gift")).status_code == 404
    assert client.get(*_url("nope", format="gift")).status_code == 404


def test_the_schema_documents_the_endpoint(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/vn/qbank/api/v1/banks/{bank_uuid}/export/" in schema
    assert "explanations" in schema


def test_api_refuses_unknown_formats_and_options(bank):
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        api.export_questions(bank.uuid, "pdf")
    with pytest.raises(ValueError, match="unknown option"):
        api.export_questions(bank.uuid, "qti", org="QN")
    with pytest.raises(LookupError):
        api.export_questions("00000000-0000-0000-0000-000000000000", "gift")


def test_export_library_is_the_olx_library_format(bank):
    archive, notes = api.export_library(bank.uuid, "QN", "TOAN6")
    again, filename, same_notes = api.export_questions(bank.uuid, "olx_library", org="QN", code="TOAN6")
    assert (archive, notes) == (again, same_notes) and filename == "toan-6.tar.gz"


def test_the_command_writes_each_format(tmp_path, capsys, bank):
    for fmt in api.export_formats():
        target = tmp_path / f"out-{fmt}"
        call_command("export_questions", "--bank", bank.uuid, "--format", fmt, "-o", str(target))
        assert _opens(fmt, target.read_bytes()) >= 1, fmt
        assert f"Wrote {target} ({fmt})" in capsys.readouterr().out
    call_command("export_questions", "--bank", bank.uuid, "--format", "docx", "-o", str(tmp_path / "a.docx"))
    default = tmp_path / "default"
    default.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(default)
        call_command("export_questions", "--bank", bank.uuid, "--format", "gift")
    assert (default / "toan-6.gift").read_text(encoding="utf-8").count("::Câu") == 4
    with pytest.raises(CommandError, match="unknown option"):
        call_command("export_questions", "--bank", bank.uuid, "--format", "gift", "--code", "X")
    with pytest.raises(CommandError, match="No question bank|Không có ngân hàng câu hỏi"):
        call_command("export_questions", "--bank", "00000000-0000-0000-0000-000000000000", "--format", "qti")
