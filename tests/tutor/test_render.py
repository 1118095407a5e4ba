"""The Tutor plugin, tested by rendering a real Tutor environment (no Docker): image, settings, theme."""

import ast
import io
import subprocess
import sys
import zipfile

import pytest
import yaml

from tests.tutor.conftest import PLUGIN_DIR, run_tutor, settings_region


def test_dockerfile_installs_the_carried_wheel_after_the_platform(rendered, suite_wheel):
    wheel, _ = suite_wheel
    dockerfile = (rendered("default") / "env" / "build" / "openedx" / "Dockerfile").read_text()
    copy = f"COPY vn-wheels/{wheel.name} /tmp/vn-wheels/{wheel.name}"
    install = f"$PIP_COMMAND install /tmp/vn-wheels/{wheel.name}"
    assert copy in dockerfile and install in dockerfile
    # After the platform's requirements, so our pins never override edx-platform's.
    assert dockerfile.index("requirements/edx/base.txt") < dockerfile.index(copy) < dockerfile.index(install)
    assert "openedx-vn>=" not in dockerfile  # nothing asked of a package index for the suite


def test_the_rendered_wheel_is_the_built_one_byte_for_byte(rendered, suite_wheel):
    wheel, built = suite_wheel
    rendered_wheel = rendered("default") / "env" / "build" / "openedx" / "vn-wheels" / wheel.name
    assert rendered_wheel.read_bytes() == built  # copied, not read through Jinja
    archive = zipfile.ZipFile(io.BytesIO(built))
    assert archive.testzip() is None
    names = set(archive.namelist())
    # Compiled translations of every app and block travel in the wheel.
    for package in ("assessment", "core", "curriculum", "qbank", "schools", "teaching"):
        assert f"openedx_vn/{package}/locale/vi/LC_MESSAGES/django.mo" in names
    for block in ("question", "online_lesson", "timed_test"):
        assert f"openedx_vn_xblocks/{block}/translations/vi/LC_MESSAGES/text.mo" in names
    (entry_points,) = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
    assert "vn_schools = openedx_vn.schools.apps:SchoolsConfig" in archive.read(entry_points).decode()


def test_an_operators_own_index_replaces_the_wheel(rendered):
    dockerfile = (rendered("custom") / "env" / "build" / "openedx" / "Dockerfile").read_text()
    assert "$PIP_COMMAND install 'openedx-vn==0.1.0'" in dockerfile
    assert "vn-wheels/" not in dockerfile


@pytest.mark.parametrize("service", ["lms", "cms"])
@pytest.mark.parametrize("mode", ["production", "development"])
def test_settings_carry_ours_and_are_valid_python(rendered, service, mode):
    text, ours = settings_region(rendered("default"), service, mode)
    ast.parse(text)
    assert 'TIME_ZONE = "Asia/Ho_Chi_Minh"' in ours
    assert '"CELERY_QUEUE": "openedx-vn.long",' in ours
    lms_only = 'OPENEDX_VN["PLATFORM_URL"] = "http://local.openedx.io"'
    assert (lms_only in text) == (service == "lms")


def test_vietnamese_is_the_default_language(rendered):
    root = rendered("default")
    assert run_tutor(root, "config", "printvalue", "LANGUAGE_CODE").strip() == "vi"
    lms_env = yaml.safe_load((root / "env" / "apps" / "openedx" / "config" / "lms.env.yml").read_text())
    assert lms_env["LANGUAGE_CODE"] == "vi"


def test_theme_is_rendered_into_the_image_build_context(rendered):
    theme = rendered("default") / "env" / "build" / "openedx" / "themes" / "openedx-vn"
    variables = (
        theme / "lms" / "static" / "sass" / "partials" / "lms" / "theme" / "_variables.scss"
    ).read_text()
    assert "Be Vietnam Pro" in variables
    assert (theme / "cms" / "static" / "sass" / "partials" / "cms" / "theme" / "_variables.scss").is_file()


def test_plugin_wheel_carries_the_theme_and_the_suite_wheel(tmp_path, suite_wheel):
    wheel, built = suite_wheel
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
    (plugin_wheel,) = tmp_path.glob("tutor_openedx_vn-22.*.whl")
    archive = zipfile.ZipFile(plugin_wheel)
    names = archive.namelist()
    assert "tutorvn/themes/openedx-vn/lms/static/sass/partials/lms/theme/_variables.scss" in names
    assert "tutorvn/patches/openedx-common-settings" in names
    # The build hook built the suite afresh into the plugin: same distribution, a valid wheel.
    (carried,) = [name for name in names if name.startswith("tutorvn/templates/vn-wheels/")]
    assert carried == f"tutorvn/templates/vn-wheels/{wheel.name}"
    assert zipfile.ZipFile(io.BytesIO(archive.read(carried))).testzip() is None
