"""Real Tutor renderings of the plugin (``tutor config save`` into temporary roots; no Docker needed).

The suite wheel is built once per session into the plugin's ``templates/vn-wheels/`` (what an operator's
``python -m tutorvn.bundle`` does), so the renderings carry it.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tutorvn import bundle

REPO_ROOT = Path(__file__).resolve().parents[2]
PLUGIN_DIR = REPO_ROOT / "tutor-plugins" / "tutor-openedx-vn"
TUTOR = str(Path(sys.executable).with_name("tutor"))

# name -> (plugins to enable, config values): every test reads the rendering it needs.
RENDERINGS = {
    # the defaults, with our own queue
    "default": (["vn"], {"VN_CELERY_QUEUE": "openedx-vn.long"}),
    # beside tutor-minio: our private bucket in MinIO
    "minio": (["vn", "minio"], {}),
    # an operator's own index and S3, and cron instead of beat
    "custom": (
        ["vn"],
        {
            "VN_PIP_REQUIREMENT": "openedx-vn==0.1.0",
            "VN_RUN_BEAT": "false",
            "VN_S3_ENABLED": "true",
            "VN_S3_BUCKET": "truong-exports",
            "VN_S3_ENDPOINT_URL": "https://s3.example.vn",
            "VN_S3_REGION": "ap-southeast-1",
            "VN_S3_ACCESS_KEY": "AKIAVNEXAMPLE",
            "VN_S3_SECRET_KEY": "secret-vn-example",
            "VN_S3_URL_EXPIRE_SECONDS": "120",
            "VN_UPLOAD_MAX_MB": "35",
            "VN_RECOMPUTE_TMP_TABLE_MB": "1024",
        },
    ),
}


@pytest.fixture(scope="session")
def suite_wheel():
    """The suite wheel, built once and carried by the plugin (its bytes, for comparison)."""
    path = bundle.build_wheel()
    return path, path.read_bytes()


def run_tutor(root, *args):
    env = {**os.environ, "TUTOR_ROOT": str(root), "TUTOR_PLUGINS_ROOT": str(root / "plugins")}
    done = subprocess.run([TUTOR, *args], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"tutor {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, suite_wheel):
    """``rendered(name)``: the root of a Tutor project rendered with ``RENDERINGS[name]`` (each once)."""
    roots = {}

    def render(name):
        if name not in roots:
            plugins, values = RENDERINGS[name]
            root = tmp_path_factory.mktemp(f"tutor-{name}")
            run_tutor(root, "plugins", "enable", *plugins)
            sets = [arg for key, value in values.items() for arg in ("--set", f"{key}={value}")]
            run_tutor(root, "config", "save", *sets)
            roots[name] = root
        return roots[name]

    return render


def compose_services(root, filename="docker-compose.prod.yml"):
    return yaml.safe_load((root / "env" / "local" / filename).read_text())["services"]


def k8s_deployments(root):
    documents = yaml.safe_load_all((root / "env" / "k8s" / "deployments.yml").read_text())
    return {doc["metadata"]["name"]: doc for doc in documents if doc and doc.get("kind") == "Deployment"}


def settings_region(root, service="lms", mode="production"):
    """Our lines of the rendered settings: from "# openedx-vn (LMS and Studio)" to "# openedx-vn end"."""
    text = (root / "env" / "apps" / "openedx" / "settings" / service / f"{mode}.py").read_text()
    start = text.index("# openedx-vn (LMS and Studio)")
    return text, text[start : text.index("# openedx-vn end", start)]
