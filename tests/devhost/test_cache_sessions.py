"""VN_CACHE_URL: the dev host's cache becomes a Redis server shared by all its processes, and sessions live
in it as the LMS keeps them; without it, per-process memory and database sessions (the zero-set-up way)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.conftest import REPO_ROOT

SCRIPT = """
import json, sys
import django
django.setup()
from importlib import import_module
from django.conf import settings
found = {"engine": settings.SESSION_ENGINE, "cache": settings.CACHES["default"]["BACKEND"]}
if sys.argv[1:]:  # "new" signs someone in; a key reads that session back
    store = import_module(settings.SESSION_ENGINE).SessionStore(None if sys.argv[1] == "new" else sys.argv[1])
    if sys.argv[1] == "new":
        store["who"] = "Nguyễn Thị Bình"
        store.create()
    found |= {"key": store.session_key, "who": store.get("who")}
print(json.dumps(found))
"""


def _in_a_new_process(cache_url, *session):
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "config"), str(REPO_ROOT)]),
        "DJANGO_SETTINGS_MODULE": "devhost.settings",
        "VN_CACHE_URL": cache_url,
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *session], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.redis
def test_sessions_live_in_the_shared_cache_when_one_is_named():
    if not settings.REDIS_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run this test: it needs VN_REDIS_URL")
        pytest.skip("needs VN_REDIS_URL")
    written = _in_a_new_process(settings.REDIS_URL, "new")
    assert written["engine"] == "django.contrib.sessions.backends.cache"
    assert written["cache"] == "django.core.cache.backends.redis.RedisCache"
    read = _in_a_new_process(settings.REDIS_URL, written["key"])  # another process: another gunicorn worker
    assert read["who"] == "Nguyễn Thị Bình"


def test_without_a_cache_server_sessions_stay_in_the_database():
    default = _in_a_new_process("")
    assert default["engine"] == "django.contrib.sessions.backends.db"
    assert default["cache"] == "django.core.cache.backends.locmem.LocMemCache"
