"""Imported pictures leave the database: private files named by their SHA-256, all or nothing, shown through
the stable address /vn/core/pictures/<name> (ADR 0011)."""

import hashlib
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from docx import Document

from openedx_vn.qbank import api, storing
from openedx_vn.qbank.importing.pipeline import preview
from openedx_vn.qbank.importing.sanitize import clean_html
from openedx_vn.qbank.models import Question, QuestionBank, QuestionVersion
from tests.plugins.qbank.importing.test_qti_packages import png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The private folder pictures go to; MEDIA_ROOT (public) must stay empty."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VN_PRIVATE_STORAGE_ROOT = tmp_path / "private"
    yield tmp_path / "private"
    assert not (tmp_path / "media").exists()


def word(pictures=None):
    """One question per picture (the first and last share theirs), the picture in the stem and option A."""
    pictures = pictures or (png(), png(width=5), png())
    document = Document()
    for number, picture in enumerate(pictures, start=1):
        document.add_paragraph(f"Câu {number}. Quan sát hình (câu {number}).")
        document.add_paragraph().add_run().add_picture(io.BytesIO(picture))
        options = document.add_paragraph("A. ")
        options.add_run().add_picture(io.BytesIO(picture))
        options.add_run("\tB. 1*\tC. 2\tD. 3")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FOLDER = "openedx-vn/pictures"


def stored_files(media):
    return sorted(path.name for path in (media / FOLDER).glob("*")) if media.exists() else []


def test_pictures_become_content_addressed_files(media):
    bank = api.create_bank("Hình", owner_id=1)
    assert api.import_questions(word(), "hinh.docx", bank.uuid).created == 3
    names = {hashlib.sha256(p).hexdigest() + ".png" for p in (png(), png(width=5))}
    assert set(stored_files(media)) == names
    for version in QuestionVersion.objects.all():
        assert "data:" not in version.stem and "data:" not in version.body["choices"][0]["text"]
        (source,) = re.findall(r'<img src="([^"]+)"', version.stem)
        assert source.startswith("/vn/core/pictures/") and source.removeprefix("/vn/core/pictures/") in names
        assert version.body["choices"][0]["text"] == f'<img src="{source}" alt="">'
        assert clean_html(version.stem) == version.stem  # a later edit keeps our own pictures
        with open(media / FOLDER / source.rsplit("/", 1)[1], "rb") as stored:
            assert hashlib.sha256(stored.read()).hexdigest() + ".png" == source.rsplit("/", 1)[1]


def test_importing_again_writes_nothing_new(media):
    api.import_questions(word(), "hinh.docx", api.create_bank("Một", owner_id=1).uuid)
    before = {path.name: path.stat().st_mtime_ns for path in (media / FOLDER).iterdir()}
    api.import_questions(word(), "hinh.docx", api.create_bank("Hai", owner_id=1).uuid)
    after = {path.name: path.stat().st_mtime_ns for path in (media / FOLDER).iterdir()}
    assert after == before


def test_a_dry_run_stores_no_picture(media):
    result = api.import_questions(word(), "hinh.docx", api.create_bank("Thử", owner_id=1).uuid, dry_run=True)
    assert result.created == 3 and stored_files(media) == []


def test_a_failed_transaction_stores_no_question_and_only_reusable_files(media):
    bank = api.create_bank("Hỏng", owner_id=1)
    drafts = preview(word(), "hinh.docx").drafts
    drafts[-1].type = None  # NOT NULL: the database refuses the last row, after the pictures were written
    with pytest.raises(IntegrityError):
        storing.store_drafts(QuestionBank.objects.get(uuid=bank.uuid), drafts)
    assert Question.objects.count() == 0 and QuestionVersion.objects.count() == 0
    left = stored_files(media)
    assert len(left) == 2  # unreferenced, content-addressed: the next import of these pictures reuses them
    assert api.import_questions(word(), "hinh.docx", bank.uuid).created == 3
    assert stored_files(media) == left


def test_the_picture_is_shown_to_signed_in_users_only(client, media):
    bank = api.create_bank("Xem", owner_id=1)
    api.import_questions(word([png()]), "hinh.docx", bank.uuid)
    (source,) = re.findall(r'<img src="([^"]+)"', QuestionVersion.objects.get().stem)

    assert client.get(source).status_code == 403
    client.force_login(get_user_model().objects.create_user("hocsinh"))
    shown = client.get(source)
    assert shown.status_code == 200 and b"".join(shown.streaming_content) == png()
    assert shown["Content-Type"] == "image/png" and "private" in shown["Cache-Control"]
    assert client.get(source.replace(".png", ".gif")).status_code == 404
    assert client.get("/vn/core/pictures/..%2F..%2Fsettings.py").status_code == 404


def test_pictures_stored_before_stay_readable(settings, media, tmp_path):
    """Pictures imported before ADR 0011 live in the default storage, with /media/ URLs in the HTML: the
    sanitiser keeps them, exports still find them, and the new address serves them too."""
    name = hashlib.sha256(png()).hexdigest() + ".png"
    (tmp_path / "media" / "qbank" / "images").mkdir(parents=True)
    (tmp_path / "media" / "qbank" / "images" / name).write_bytes(png())
    legacy = f'<img src="/media/qbank/images/{name}">'

    assert clean_html(legacy) == legacy
    assert api.question_picture(f"/media/qbank/images/{name}")[0] == png()
    assert api.question_picture(f"/vn/core/pictures/{name}")[0] == png()
    assert "src" not in clean_html('<img src="https://other.example/qbank/images/a.png">')
    assert "src" not in clean_html('<img src="/vn/core/pictures/../../etc/passwd.png">')
    (tmp_path / "media" / "qbank" / "images" / name).unlink()
    (tmp_path / "media" / "qbank" / "images").rmdir()
    (tmp_path / "media" / "qbank").rmdir()
    (tmp_path / "media").rmdir()


def test_a_picture_that_is_not_what_it_claims_is_refused():
    bank = api.create_bank("Giả", owner_id=1)
    gift = '[html]Hình <img src\\="data:image/png;base64,PHNjcmlwdD4=">{=A ~B}\n'
    with pytest.raises(api.QuestionImportError, match="a picture declared image/png is not a readable PNG"):
        api.import_questions(gift.encode(), "gia.gift", bank.uuid)
