"""Exports: stored privately under an unguessable name, fetched through a signed link bound to one user, for
a while. Here on the file-system fallback (VN_PRIVATE_STORAGE_ROOT); on S3: tests/storage/."""

import base64
import csv
import io
import json
import shutil
import subprocess
import time
from datetime import date
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from openpyxl import load_workbook

from openedx_vn.core import exports
from openedx_vn.core.pdf import PdfTable, report_pdf
from openedx_vn.core.spreadsheets import Table, csv_bytes, tables_workbook_bytes

pytestmark = pytest.mark.django_db

FILENAME = "Tỉ lệ dạy học trực tuyến 6A1.csv"


@pytest.fixture
def storage_dir(tmp_path, settings):
    """No "openedx_vn" alias: exports go to VN_PRIVATE_STORAGE_ROOT; MEDIA_ROOT must stay empty."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VN_PRIVATE_STORAGE_ROOT = tmp_path / "private"
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield tmp_path / "private"
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*"))


@pytest.fixture
def users():
    model = get_user_model()
    return model.objects.create_user("lan", password="pw"), model.objects.create_user("binh", password="pw")


def _client(client, user):
    client.force_login(user)
    return client


def test_the_user_downloads_the_bytes_under_the_vietnamese_name(client, storage_dir, users):
    content = "lớp,tỉ lệ\n6A1,4.5\n".encode()
    link = exports.save_export(content, FILENAME, users[0])

    response = _client(client, users[0]).get(link.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "filename*=utf-8''T%E1%BB%89%20l%E1%BB%87" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_the_stored_name_is_unguessable_and_grouped_by_day(storage_dir, users):
    first = exports.save_export(b"a", FILENAME, users[0], today=date(2026, 11, 24))
    second = exports.save_export(b"a", FILENAME, users[0], today=date(2026, 11, 24))

    stored = sorted(path.relative_to(storage_dir).as_posix() for path in storage_dir.rglob("*.csv"))
    assert len(stored) == 2 and stored[0] != stored[1]
    for name in stored:
        prefix, day, folder, basename = name.rsplit("/", 3)
        assert (prefix, day) == ("openedx-vn/exports", "2026-11-24")
        assert basename == quote(FILENAME, safe="") and basename.isascii()
        assert len(folder) == 64  # an HMAC of the export's id, keyed by SECRET_KEY
    assert first.url != second.url


def test_the_token_names_neither_the_folder_nor_the_file(storage_dir, users):
    link = exports.save_export(b"a", FILENAME, users[0])
    token = link.url.rstrip("/").rsplit("/", 1)[1]
    (path,) = storage_dir.rglob("*.csv")
    payload = json.loads(base64.urlsafe_b64decode(token.split(":")[0] + "=="))

    assert set(payload) == {"k", "u"} and payload["u"] == users[0].pk
    assert path.parent.name not in token and path.name not in token and "6A1" not in token
    assert exports.open_link(token, users[0]).name == path.relative_to(storage_dir).as_posix()


def test_the_private_folder_is_not_public(client, storage_dir, users, settings):
    link = exports.save_export(b"secret", FILENAME, users[0])
    name = exports.open_link(link.url.rstrip("/").rsplit("/", 1)[1], users[0]).name

    with pytest.raises(NotImplementedError):
        exports.export_storage().url(name)  # no address but the view
    assert client.get(f"{settings.MEDIA_URL}{name}").status_code == 404
    settings.VN_PRIVATE_STORAGE_ROOT = settings.MEDIA_ROOT / "private"
    with pytest.raises(ImproperlyConfigured, match="MEDIA_ROOT"):
        exports.save_export(b"x", FILENAME, users[0])


def test_a_link_expires_after_export_link_seconds(client, storage_dir, users):
    fresh = exports.save_export(b"x", FILENAME, users[0])
    with override_settings(OPENEDX_VN={"EXPORT_LINK_SECONDS": 600}):
        old = exports.export_link(fresh.key, users[0], at=time.time() - 601)
        recent = exports.export_link(fresh.key, users[0], at=time.time() - 590)
        client = _client(client, users[0])

        gone = client.get(old.url)
        assert gone.status_code == 410
        assert "đã hết hạn" in gone.content.decode()  # the page speaks Vietnamese
        assert client.get(recent.url).status_code == 200
        assert recent.filename == FILENAME
        assert (recent.expires_at - old.expires_at).total_seconds() == pytest.approx(11, abs=1)


def test_another_user_is_refused(client, storage_dir, users):
    link = exports.save_export(b"x", FILENAME, users[0])

    response = _client(client, users[1]).get(link.url)

    assert response.status_code == 403
    assert b"x" not in b"".join(getattr(response, "streaming_content", [b""]))


def test_a_tampered_link_is_refused(client, storage_dir, users):
    link = exports.save_export(b"x", FILENAME, users[0])
    token = link.url.rstrip("/").rsplit("/", 1)[1]
    payload, rest = token.split(":", 1)
    forged = ("A" if payload[0] != "A" else "B") + payload[1:] + ":" + rest

    response = _client(client, users[0]).get(link.url.replace(token, forged))

    assert response.status_code == 403
    with pytest.raises(exports.LinkRefused):
        exports.open_link(forged, users[0])


def test_anonymous_visitors_are_sent_to_sign_in(client, storage_dir, users):
    link = exports.save_export(b"x", FILENAME, users[0])

    response = client.get(link.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_purge_removes_the_days_whose_links_expired(client, storage_dir, users):
    old = exports.save_export(b"old", FILENAME, users[0], today=date(2026, 11, 20))
    kept = exports.save_export(b"new", FILENAME, users[0], today=date(2026, 11, 23))

    assert exports.purge_exports(today=date(2026, 11, 24)) == 1

    client = _client(client, users[0])
    assert client.get(old.url).status_code == 410
    assert b"".join(client.get(kept.url).streaming_content) == b"new"
    assert sorted(p.name for p in (storage_dir / "openedx-vn" / "exports").iterdir()) == ["2026-11-23"]
    assert exports.purge_exports(today=date(2026, 11, 24)) == 0


def test_csv_has_a_byte_order_mark_for_excel():
    content = csv_bytes(("Lớp", "Tỉ lệ"), [("6A1", 4.5), ("6A2", None)])

    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["Lớp", "Tỉ lệ"], ["6A1", "4.5"], ["6A2", ""]]


def test_workbook_keeps_numbers_as_numbers_with_their_format():
    table = Table("Lớp × môn: 6/7", ("Lớp", "Tỉ lệ"), [("6A1", 0.045)], formats={1: "0.0%"})

    sheet = load_workbook(io.BytesIO(tables_workbook_bytes([table]))).active

    assert sheet.title == "Lớp × môn- 6-7"
    assert [c.value for c in sheet[2]] == ["6A1", 0.045]
    assert sheet["B2"].number_format == "0.0%"
    assert sheet["A1"].font.bold


def test_pdf_embeds_a_vietnamese_font_and_keeps_every_letter():
    content = report_pdf(
        "Báo cáo – Trường THCS Hạ Long", ["Đà Nẵng, Huế, Thừa"], [PdfTable("Lớp", ("Lớp",), [("6A1",)])]
    )

    assert content.startswith(b"%PDF-")
    assert b"BeVietnamPro" in content  # the embedded subset, not Helvetica
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) reads the text back")
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout
    assert "Trường THCS Hạ Long" in text.decode() and "Đà Nẵng, Huế, Thừa" in text.decode()
