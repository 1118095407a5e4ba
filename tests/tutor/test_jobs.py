"""Operator jobs (`tutor local|k8s do vn-...`) and the init task, without Docker: the CLI lists them, and the
scripts they hand to Tutor are checked (the init check runs for real against the dev host)."""

import os
import re
import stat
import subprocess
import sys
from importlib.metadata import entry_points

import click
import pytest
from click.testing import CliRunner

from tests.tutor.conftest import REPO_ROOT

JOBS = [
    "vn-load-curriculum",
    "vn-load-units",
    "vn-import-schools",
    "vn-grant-role",
    "vn-recompute-shares",
    "vn-close-expired-attempts",
    "vn-purge-exports",
]


@pytest.fixture(scope="module")
def tutor_cli(rendered):
    from tutor import hooks
    from tutor.commands.cli import cli

    root = rendered("default")
    hooks.Actions.CORE_READY.do()
    return root, cli


@pytest.mark.parametrize("mode", ["local", "k8s"])
def test_do_lists_our_jobs(tutor_cli, mode):
    root, cli = tutor_cli
    result = CliRunner().invoke(cli, ["--root", str(root), mode, "do", "--help"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for job in JOBS:
        assert re.search(rf"^\s+{job}\s", result.output, re.MULTILINE), (job, result.output)


def _job(command):
    """The job's own generator function (Tutor wraps it in place once the CLI has been built)."""
    return getattr(command.callback, "__wrapped__", command.callback)


def _scripts(command, context, *args):
    """The (service, script) pairs a job yields, run inside the click context Tutor gives it."""
    with click.Context(command, obj=context):
        return list(_job(command)(*args))


def test_simple_jobs_call_our_management_commands():
    from tutorvn import jobs

    assert _scripts(jobs.load_curriculum, None) == [
        ("lms", "./manage.py lms load_curriculum\n./manage.py lms export_curriculum_taxonomy")
    ]
    assert _scripts(jobs.grant_role, None, "co.lan", "school_leader", "22001", False) == [
        ("lms", "./manage.py lms grant_role co.lan school_leader 22001")
    ]
    assert _scripts(jobs.recompute_shares, None, "2025-2026") == [
        ("lms", "./manage.py lms recompute_shares --year 2025-2026")
    ]
    assert _scripts(jobs.close_expired_attempts, None) == [("lms", "./manage.py lms close_expired_attempts")]
    assert _scripts(jobs.purge_exports, None) == [("lms", "./manage.py lms purge_exports")]


def test_typed_values_stay_one_shell_word_and_out_of_jinja(rendered):
    from tutor import config as tutor_config
    from tutor import env as tutor_env

    from tutorvn import jobs

    ((_, script),) = _scripts(jobs.grant_role, None, "x'; rm -rf / #{{ 7*7 }}", "teacher", None, True)
    config = tutor_config.load(str(rendered("default")))
    rendered_script = tutor_env.render_str(config, script)  # what Tutor runs
    assert rendered_script == "./manage.py lms grant_role 'x'\"'\"'; rm -rf / #{{ 7*7 }}' teacher --revoke"


def test_import_schools_in_local_copies_the_files_where_the_job_sees_them(tmp_path):
    from tutor.commands.local import LocalContext

    from tutorvn import jobs

    root = tmp_path / "root"
    upload = tmp_path / "truong.csv"
    upload.write_bytes("Mã trường,Tên trường\n22001,THCS Hạ Long\n".encode())
    context = LocalContext(str(root))
    with click.Context(jobs.import_schools, obj=context):
        steps = _job(jobs.import_schools)((upload,), True)
        service, script = next(steps)
        (batch,) = (root / "data" / "lms-job").iterdir()  # while the job runs, the file is there
        assert (batch / "truong.csv").read_bytes() == upload.read_bytes()
        assert (service, script) == (
            "lms",
            f"./manage.py lms import_schools /openedx/data/{batch.name}/truong.csv --dry-run",
        )
        assert next(steps, None) is None  # the job is done: the copy is removed
    assert not batch.exists()


def test_import_schools_in_k8s_carries_the_file_inside_the_script(tmp_path):
    from tutor.commands.k8s import K8sContext

    from tutorvn import jobs

    upload = tmp_path / "danh sách.xlsx"
    upload.write_bytes(os.urandom(20_000))
    ((service, script),) = _scripts(jobs.import_schools, K8sContext(str(tmp_path)), (upload,), False)
    assert service == "lms"
    # Run it as the job container would, with a manage.py that records what it was given.
    workdir = tmp_path / "job"
    workdir.mkdir()
    manage = workdir / "manage.py"
    manage.write_text(
        f"#!{sys.executable}\nimport shutil, sys\n"
        f"shutil.copy(sys.argv[3], {str(tmp_path / 'received')!r})\nprint(sys.argv[1:3])\n"
    )
    manage.chmod(manage.stat().st_mode | stat.S_IEXEC)
    done = subprocess.run(
        ["sh", "-e", "-c", script], cwd=workdir, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['lms', 'import_schools']"
    assert (tmp_path / "received").read_bytes() == upload.read_bytes()


def test_import_schools_in_k8s_refuses_a_file_too_large_to_carry(tmp_path):
    from tutor.commands.k8s import K8sContext

    from tutorvn import jobs

    upload = tmp_path / "big.xlsx"
    upload.write_bytes(os.urandom(200_000))
    with pytest.raises(click.ClickException, match="quá lớn.*/vn/schools/api/v1/import/"):
        _scripts(jobs.import_schools, K8sContext(str(tmp_path)), (upload,), False)


def _init_check(script):
    """The Python that the init task hands to `./manage.py lms shell -c`."""
    return re.search(r'shell -c "(.*?)"\n', script, re.DOTALL).group(1)


def _init_task():
    from tutor import hooks, plugins

    hooks.Actions.CORE_READY.do()
    if not plugins.is_loaded("vn"):
        plugins.load("vn")
    tasks = [script for service, script in hooks.Filters.CLI_DO_INIT_TASKS.iterate() if service == "lms"]
    (ours,) = [script for script in tasks if "openedx-vn apps" in script]
    return ours


def test_init_task_checks_every_app_the_suite_declares():
    ours = _init_task()
    assert ours.index("load_curriculum") < ours.index("export_curriculum_taxonomy")
    # Run the check itself in the dev host, which loads our apps from the same entry points as the LMS.
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", _init_check(ours)],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    declared = _declared_apps()
    assert {"vn_assessment", "vn_core", "vn_curriculum", "vn_qbank", "vn_schools", "vn_teaching"} <= set(
        declared
    )
    assert done.stdout.strip().splitlines()[-1] == "openedx-vn apps are installed: " + ", ".join(declared)


def _declared_apps():
    return sorted(ep.name for ep in entry_points(group="lms.djangoapp") if ep.value.startswith("openedx_vn."))


def test_init_task_fails_loudly_when_an_app_is_missing(tmp_path):
    ours = _init_task()
    # The same check in a Django project without our apps: it must stop the init, naming what is missing.
    settings = tmp_path / "bare_settings.py"
    settings.write_text(
        "SECRET_KEY = 'x'\nDATABASES = {}\n"
        "INSTALLED_APPS = ['django.contrib.contenttypes', 'django.contrib.auth']\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "DJANGO_SETTINGS_MODULE": "bare_settings"}
    done = subprocess.run(
        [sys.executable, "-m", "django", "shell", "-c", _init_check(ours)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert done.stderr.strip() == "openedx-vn apps not installed: " + ", ".join(_declared_apps())
