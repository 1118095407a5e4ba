"""Exports and question pictures on a private S3 bucket (a real S3 API server, authentication enforced)."""

import base64
import hashlib
import json
import time
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model

from openedx_vn.core import exports, pictures

pytestmark = pytest.mark.django_db

FILENAME = "Báo cáo tỉ lệ 6A1.xlsx"


@pytest.fixture
def users():
    model = get_user_model()
    return model.objects.create_user("lan", password="pw"), model.objects.create_user("binh", password="pw")


def _keys(s3):
    listing = s3.client.list_objects_v2(Bucket=s3.bucket)
    return [item["Key"] for item in listing.get("Contents", [])]


def _token(link):
    return link.url.rstrip("/").rsplit("/", 1)[1]


def test_an_export_is_a_private_object_of_the_bucket_and_nothing_lands_in_media(s3, users):
    link = exports.save_export(b"PK-bytes", FILENAME, users[0], today=date(2026, 11, 24))

    (key,) = _keys(s3)
    assert key.startswith("openedx-vn/exports/2026-11-24/")
    acl = s3.client.get_object_acl(Bucket=s3.bucket, Key=key)
    assert [grant["Permission"] for grant in acl["Grants"]] == ["FULL_CONTROL"]  # the owner only
    assert requests.get(f"{s3.endpoint}/{s3.bucket}/{key}", timeout=5).status_code == 403  # anonymous
    assert not s3.media.exists() or not any(s3.media.rglob("*"))
    assert link.filename == FILENAME


def test_the_token_does_not_name_the_stored_file(s3, users):
    link = exports.save_export(b"x", FILENAME, users[0])
    (key,) = _keys(s3)
    token = _token(link)
    payload = json.loads(base64.urlsafe_b64decode(token.split(":")[0] + "=="))  # readable, on purpose

    assert set(payload) == {"k", "u"}
    for part in key.split("/")[3:]:  # the HMAC folder and the file's name
        assert part not in token and part not in json.dumps(payload)
    assert "bao" not in token.lower() and "B%C3%A1o" not in token


def test_the_owner_gets_a_presigned_url_that_works_then_expires(client, s3, users):
    link = exports.save_export(b"PK-bytes", FILENAME, users[0])
    client.force_login(users[0])

    response = client.get(link.url)

    assert response.status_code == 302
    url = response["Location"]
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["2"]  # querystring_expire of the alias
    assert query["response-content-disposition"] == [
        "attachment; filename*=utf-8''B%C3%A1o%20c%C3%A1o%20t%E1%BB%89%20l%E1%BB%87%206A1.xlsx"
    ]
    fetched = requests.get(url, timeout=5)
    assert fetched.status_code == 200 and fetched.content == b"PK-bytes"
    tampered = url.replace("X-Amz-Expires=2", "X-Amz-Expires=3600")
    assert requests.get(tampered, timeout=5).status_code == 403  # the signature covers the expiry
    time.sleep(3)  # let the 2-second URL expire (waiting, not timing anything)
    expired = requests.get(url, timeout=5)
    assert expired.status_code == 403 and b"Request has expired" in expired.content


def test_another_user_or_a_forged_token_gets_nothing(client, s3, users):
    link = exports.save_export(b"x", FILENAME, users[0])
    token = _token(link)
    client.force_login(users[1])
    assert client.get(link.url).status_code == 403

    client.force_login(users[0])
    payload, rest = token.split(":", 1)
    forged = ("A" if payload[0] != "A" else "B") + payload[1:] + ":" + rest
    assert client.get(link.url.replace(token, forged)).status_code == 403
    with pytest.raises(exports.LinkRefused):
        exports.open_link(forged, users[0])


def test_a_key_without_the_policy_is_refused_by_the_server(s3, users):
    from botocore.exceptions import ClientError  # noqa: PLC0415

    from tests.storage.conftest import client as boto_client  # noqa: PLC0415

    exports.save_export(b"x", FILENAME, users[0])
    (key,) = _keys(s3)
    nobody = boto_client("s3", s3.endpoint, *s3.server.nobody)
    with pytest.raises(ClientError, match="AccessDenied"):
        nobody.get_object(Bucket=s3.bucket, Key=key)


def test_purge_removes_old_exports_from_the_bucket(client, s3, users):
    old = exports.save_export(b"old", FILENAME, users[0], today=date(2026, 11, 20))
    kept = exports.save_export(b"new", FILENAME, users[0], today=date(2026, 11, 23))

    assert exports.purge_exports(today=date(2026, 11, 24)) == 1

    assert [key.split("/")[2] for key in _keys(s3)] == ["2026-11-23"]
    client.force_login(users[0])
    assert client.get(old.url).status_code == 410
    assert requests.get(client.get(kept.url)["Location"], timeout=5).content == b"new"


def test_pictures_are_private_objects_shown_to_signed_in_users(client, s3, users):
    blob = b"\x89PNG\r\n\x1a\n" + b"picture"
    url = pictures.save_picture(blob, "png")
    name = f"{hashlib.sha256(blob).hexdigest()}.png"

    assert url == f"/vn/core/pictures/{name}"
    assert _keys(s3) == [f"openedx-vn/pictures/{name}"]
    assert requests.get(f"{s3.endpoint}/{s3.bucket}/openedx-vn/pictures/{name}", timeout=5).status_code == 403
    assert client.get(url).status_code == 403  # not signed in
    client.force_login(users[1])
    response = client.get(url)
    assert response.status_code == 302 and "no-store" in response["Cache-Control"]
    shown = requests.get(response["Location"], timeout=5)
    assert shown.content == blob and shown.headers["Content-Type"] == "image/png"
    assert pictures.read_picture(name) == blob
    assert not s3.media.exists() or not any(s3.media.rglob("*"))
