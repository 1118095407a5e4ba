"""Storage and upload settings rendered into LMS and Studio: a private bucket, STORAGES["openedx_vn"]."""

import pytest
from storages.backends.s3 import S3Storage

from tests.tutor.conftest import run_tutor, settings_region


def _our_settings(root, service="lms"):
    _, ours = settings_region(root, service)
    namespace = {"STORAGES": {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}}
    exec(ours, namespace)  # noqa: S102 - our own rendered settings
    return namespace


@pytest.mark.parametrize("service", ["lms", "cms"])
def test_beside_minio_our_bucket_is_private_with_short_links(rendered, service):
    root = rendered("minio")
    settings = _our_settings(root, service)
    assert settings["STORAGES"]["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ours = settings["STORAGES"]["openedx_vn"]
    assert ours["BACKEND"] == "storages.backends.s3.S3Storage"
    options = ours["OPTIONS"]
    secret = run_tutor(root, "config", "printvalue", "MINIO_AWS_SECRET_ACCESS_KEY").strip()
    assert options == {
        "bucket_name": "openedxvn",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
        "custom_domain": None,
        "location": "",
        "signature_version": "s3v4",
        "endpoint_url": "http://files.local.openedx.io",
        "addressing_style": "path",
        "region_name": None,
        "access_key": "openedx",
        "secret_key": secret,
    }


def test_minio_init_creates_our_private_bucket(rendered):
    from tutor import config as tutor_config
    from tutor import env as tutor_env
    from tutor import hooks

    from tests.tutor.test_jobs import _init_task

    _init_task()
    root = str(rendered("minio"))
    hooks.Actions.PROJECT_ROOT_READY.do(root)  # loads minio as the project enables it
    config = tutor_config.load(root)
    scripts = [
        tutor_env.render_str(config, s)
        for svc, s in hooks.Filters.CLI_DO_INIT_TASKS.iterate()
        if svc == "minio"
    ]
    ours = next(s for s in scripts if "openedx-vn" in s)
    assert "mc mb --ignore-existing minio/openedxvn" in ours
    assert "mc policy set none minio/openedxvn" in ours
    assert "public" not in ours.replace("makes its own bucket\n# public", "")
    # After tutor-minio's own task, which runs first (HIGH priority) and makes ITS bucket public.
    assert scripts.index(ours) > 0


def test_an_operators_own_s3_gives_presigned_links_that_expire(rendered, settings):
    options = _our_settings(rendered("custom"))["STORAGES"]["openedx_vn"]["OPTIONS"]
    assert options["bucket_name"] == "truong-exports"
    assert options["endpoint_url"] == "https://s3.example.vn"
    assert (options["access_key"], options["secret_key"]) == ("AKIAVNEXAMPLE", "secret-vn-example")
    # django-storages accepts every option as rendered, and signs URLs with our expiry (computed offline).
    storage = S3Storage(**options)
    url = storage.url("openedx-vn/exports/2026-01-05/bao-cao.xlsx")
    assert url.startswith("https://s3.example.vn/truong-exports/openedx-vn/exports/2026-01-05/bao-cao.xlsx?")
    assert "X-Amz-Expires=120" in url and "X-Amz-Credential=AKIAVNEXAMPLE" in url


def test_without_s3_no_alias_is_rendered(rendered):
    settings = _our_settings(rendered("default"))
    assert "openedx_vn" not in settings["STORAGES"]


def test_upload_limit_reaches_django(rendered):
    assert _our_settings(rendered("default"))["VN_UPLOAD_MAX_BYTES"] == 20 * 1024 * 1024
    custom = _our_settings(rendered("custom"))
    assert custom["VN_UPLOAD_MAX_BYTES"] == custom["OPENEDX_VN"]["UPLOAD_MAX_BYTES"] == 35 * 1024 * 1024


def test_recompute_memory_reaches_django(rendered):
    # The recompute's MariaDB session may keep temporary tables this large in memory (teaching.recompute).
    assert _our_settings(rendered("default"))["OPENEDX_VN"]["RECOMPUTE_TMP_TABLE_BYTES"] == 256 * 1024 * 1024
    assert _our_settings(rendered("custom"))["OPENEDX_VN"]["RECOMPUTE_TMP_TABLE_BYTES"] == 1024 * 1024 * 1024
