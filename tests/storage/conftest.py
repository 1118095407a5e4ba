"""A real S3 API server for the storage tests: moto's server in its own process, authentication enforced.

The server starts once per session on a free port. Its IAM gets one user whose policy allows S3 on the
``vn-test-*`` buckets only, with an access key; then authentication is switched on (moto's
``/moto-api/reset-auth`` sets ``INITIAL_NO_AUTH_ACTION_COUNT`` to 0), and the fixture proves it is: a wrong
secret and an anonymous read are refused before any test runs. Each test gets its own bucket and the Django
``STORAGES["openedx_vn"]`` alias pointing at it, as the Tutor plugin renders it (ADR 0011).
"""

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from django.test import override_settings

REPO_ROOT = Path(__file__).resolve().parents[2]
REGION = "ap-southeast-1"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:*",
            "Resource": ["arn:aws:s3:::vn-test-*", "arn:aws:s3:::vn-test-*/*"],
        }
    ],
}


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def client(service, endpoint, key_id, secret):
    import boto3  # noqa: PLC0415 - only the storage tests need it

    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
    )


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    pytest.importorskip("moto.server", reason="moto[server] (requirements/dev.in) runs the S3 API server")
    from botocore.exceptions import ClientError  # noqa: PLC0415

    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "MOTO_ALLOW_NONEXISTENT_REGION": "false"}
    command = [sys.executable, "-m", "tests.storage.moto_server", "-H", "127.0.0.1", "-p", str(port)]
    with open(log, "wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{endpoint}/moto-api/", timeout=2)
                break
            except requests.ConnectionError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto server did not start:\n{log.read_text(errors='replace')}")
                time.sleep(0.2)
        # Before authentication is on: the IAM user, its policy and its key (moto accepts anything yet).
        iam = client("iam", endpoint, "setup", "setup")
        iam.create_user(UserName="openedx-vn")
        iam.put_user_policy(UserName="openedx-vn", PolicyName="vn-test", PolicyDocument=json.dumps(POLICY))
        key = iam.create_access_key(UserName="openedx-vn")["AccessKey"]
        iam.create_user(UserName="nobody")  # a valid key with no policy at all
        nobody = iam.create_access_key(UserName="nobody")["AccessKey"]
        reset = requests.post(f"{endpoint}/moto-api/reset-auth", data=b"0", timeout=5)
        assert reset.status_code == 200, reset.text
        info = SimpleNamespace(
            endpoint=endpoint,
            key_id=key["AccessKeyId"],
            secret=key["SecretAccessKey"],
            nobody=(nobody["AccessKeyId"], nobody["SecretAccessKey"]),
        )
        s3 = client("s3", endpoint, info.key_id, info.secret)
        s3.create_bucket(Bucket="vn-test-probe", CreateBucketConfiguration={"LocationConstraint": REGION})
        s3.put_object(Bucket="vn-test-probe", Key="probe.txt", Body=b"probe")
        wrong = client("s3", endpoint, info.key_id, "not-the-secret")
        with pytest.raises(ClientError, match="SignatureDoesNotMatch"):
            wrong.get_object(Bucket="vn-test-probe", Key="probe.txt")
        assert requests.get(f"{endpoint}/vn-test-probe/probe.txt", timeout=5).status_code == 403
        yield info
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture
def s3(s3_server, tmp_path, settings):
    """A fresh private bucket, ``STORAGES["openedx_vn"]`` on it (presigned URLs live 2 s), and a MEDIA_ROOT
    that must stay empty."""
    bucket = f"vn-test-{uuid.uuid4().hex[:12]}"
    admin = client("s3", s3_server.endpoint, s3_server.key_id, s3_server.secret)
    admin.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    options = {
        "bucket_name": bucket,
        "access_key": s3_server.key_id,
        "secret_key": s3_server.secret,
        "endpoint_url": s3_server.endpoint,
        "region_name": REGION,
        "signature_version": "s3v4",
        "addressing_style": "path",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 2,
        "file_overwrite": False,
    }
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
        "openedx_vn": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    with override_settings(STORAGES=storages, VN_PRIVATE_STORAGE_ROOT=tmp_path / "private"):
        yield SimpleNamespace(
            bucket=bucket,
            client=admin,
            endpoint=s3_server.endpoint,
            media=tmp_path / "media",
            server=s3_server,
        )
