"""The Tutor plugin, tested by rendering a real Tutor environment (no Docker needed)."""

import ast
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
PLUGIN_DIR = REPO_ROOT / "tutor-plugins" / "tutor-openedx-vn"


@pytest.fixture(scope="module")
def tutor_env(tmp_path_factory):
    root = tmp_path_factory.mktemp("tutor-root")
    env = {
        **os.environ,
        "TUTOR_ROOT": str(root),
        "TUTOR_PLUGINS_ROOT": str(root / "plugins"),
    }
    tutor = [str(Path(sys.executable).with_name("tutor"))]

    def run(*args):
        done = subprocess.run([*tutor, *args], env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"tutor {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    assert "vn" in run("plugins", "list")
    run("plugins", "enable", "vn")
    run("config", "save", "--set", "VN_CELERY_QUEUE=openedx-vn.long")
    return root / "env", run


def test_dockerfile_installs_the_suite(tutor_env):
    env, _ = tutor_env
    dockerfile = (env / "build" / "openedx" / "Dockerfile").read_text()
    assert "$PIP_COMMAND install 'openedx-vn>=0.1.0,<0.2.0'" in dockerfile
    # After the platform's requirements, so our pins never override edx-platform's.
    assert dockerfile.index("openedx-vn>=") > dockerfile.index("requirements/edx/base.txt")


@pytest.mark.parametrize("service", ["lms", "cms"])
@pytest.mark.parametrize("mode", ["production", "development"])
def test_settings_carry_ours_and_are_valid_python(tutor_env, service, mode):
    env, _ = tutor_env
    settings = (env / "apps" / "openedx" / "settings" / service / f"{mode}.py").read_text()
    ast.parse(settings)
    assert 'TIME_ZONE = "Asia/Ho_Chi_Minh"' in settings
    assert '"CELERY_QUEUE": "openedx-vn.long",' in settings
    lms_only = 'OPENEDX_VN["PLATFORM_URL"] = "http://local.openedx.io"'
    assert (lms_only in settings) == (service == "lms")


def _rendered_patch(text, first_line):
    """The lines of one rendered patch: from its first line up to the next blank or Tutor marker line."""
    lines = text[text.index(first_line) :].splitlines()
    end = next(i for i, line in enumerate(lines) if not line.strip() or line.startswith("########"))
    return "\n".join(lines[:end])


def test_settings_patches_build_the_openedx_vn_dict(tutor_env):
    env, _ = tutor_env
    settings = (env / "apps" / "openedx" / "settings" / "lms" / "production.py").read_text()
    # What our plugin_settings() left in the LMS settings before Tutor's patches run.
    namespace = {"OPENEDX_VN": {"PLATFORM_URL": None, "CELERY_QUEUE": None}}
    for first_line in ("# openedx-vn (LMS and Studio)", "# openedx-vn: pages link back"):
        exec(_rendered_patch(settings, first_line), namespace)  # noqa: S102 - our own rendered patch
    assert namespace["OPENEDX_VN"] == {
        "PLATFORM_URL": "http://local.openedx.io",
        "CELERY_QUEUE": "openedx-vn.long",
    }
    assert namespace["TIME_ZONE"] == "Asia/Ho_Chi_Minh"


def test_vietnamese_is_the_default_language(tutor_env):
    env, run = tutor_env
    assert run("config", "printvalue", "LANGUAGE_CODE").strip() == "vi"
    lms_env = yaml.safe_load((env / "apps" / "openedx" / "config" / "lms.env.yml").read_text())
    assert lms_env["LANGUAGE_CODE"] == "vi"


def test_theme_is_rendered_into_the_image_build_context(tutor_env):
    env, _ = tutor_env
    theme = env / "build" / "openedx" / "themes" / "openedx-vn"
    variables = (
        theme / "lms" / "static" / "sass" / "partials" / "lms" / "theme" / "_variables.scss"
    ).read_text()
    assert "Be Vietnam Pro" in variables
    assert (theme / "cms" / "static" / "sass" / "partials" / "cms" / "theme" / "_variables.scss").is_file()


def test_init_task_checks_our_apps():
    from tutor import hooks, plugins

    hooks.Actions.CORE_READY.do()
    plugins.load("vn")
    tasks = [script for service, script in hooks.Filters.CLI_DO_INIT_TASKS.iterate() if service == "lms"]
    (ours,) = [script for script in tasks if "vn_teaching" in script]
    assert ours.index("load_curriculum") < ours.index("export_curriculum_taxonomy")


def test_wheel_carries_the_theme(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            tmp_path,
            PLUGIN_DIR,
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("tutor_openedx_vn-22.*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tutorvn/themes/openedx-vn/lms/static/sass/partials/lms/theme/_variables.scss" in names
    assert "tutorvn/patches/openedx-common-settings" in names
