"""Operator jobs: ``tutor local|dev|k8s do vn-...``. Each yields ``(service, script)``; Tutor runs the script
in that service's job container (``lms-job``), where ``./manage.py lms`` is the LMS's manage.py.

The scripts are Jinja-rendered by Tutor before they run, so values the operator types go through ``_arg``.
"""

import base64
import shlex
import shutil
import uuid
from pathlib import Path

import click

MANAGE = "./manage.py lms"
# Files reach a k8s job inside its script: one argument of at most 128 KiB for the whole script (Linux).
K8S_EMBED_LIMIT = 96 * 1024
# Where `tutor local|dev` job containers see $(tutor config printroot)/data/lms-job.
JOB_DATA_HOST = ("data", "lms-job")
JOB_DATA_CONTAINER = "/openedx/data"


def _arg(value):
    """One shell word, kept away from Jinja (Tutor renders job scripts as templates)."""
    quoted = shlex.quote(str(value))
    return "{% raw %}" + quoted + "{% endraw %}" if "{" in quoted or "%" in quoted else quoted


def _manage(command, *args):
    return " ".join([MANAGE, command, *(_arg(a) for a in args)])


@click.command("vn-load-curriculum", help="Load the GDPT 2018 program and topics, then offer them to Studio.")
def load_curriculum():
    yield ("lms", _manage("load_curriculum") + "\n" + _manage("export_curriculum_taxonomy"))


@click.command(
    "vn-load-units", help="Load the administrative units of provinces (codes, e.g. 22 for Quảng Ninh)."
)
@click.argument("provinces", nargs=-1, required=True)
@click.option("--districts", is_flag=True, help="also the pre-2025 districts, to label older school years")
def load_units(provinces, districts):
    yield ("lms", _manage("load_units", *provinces, *(["--districts"] if districts else [])))


@click.command(
    "vn-import-schools",
    help=(
        "Import schools, classes and teaching assignments from files on this machine (one .xlsx, or one .csv "
        "per table). All or nothing: any problem is listed and nothing is stored."
    ),
)
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--dry-run", is_flag=True, help="check and report, store nothing")
def import_schools(paths, dry_run):
    context = click.get_current_context().find_root().obj
    names = [path.name for path in paths]
    if len(set(names)) != len(names):
        raise click.ClickException(
            "Hai tệp trùng tên: hãy đặt tên khác nhau cho từng tệp (mỗi bảng một tệp)."
        )
    flags = ["--dry-run"] if dry_run else []
    if _is_compose(context):
        # tutor local|dev: copy the files where the lms-job container mounts data/lms-job.
        batch = f"vn-import-{uuid.uuid4().hex}"
        host_dir = Path(context.root).joinpath(*JOB_DATA_HOST, batch)
        host_dir.mkdir(parents=True)
        try:
            for path in paths:
                shutil.copyfile(path, host_dir / path.name)
            host_dir.chmod(0o755)
            inside = f"{JOB_DATA_CONTAINER}/{batch}"
            yield ("lms", _manage("import_schools", *(f"{inside}/{name}" for name in names), *flags))
        finally:
            shutil.rmtree(host_dir, ignore_errors=True)
        return
    # tutor k8s: no volume is shared with the job; the files travel inside the script.
    encoded = {path.name: base64.b64encode(path.read_bytes()).decode("ascii") for path in paths}
    size = sum(len(data) for data in encoded.values())
    if size > K8S_EMBED_LIMIT:
        raise click.ClickException(
            f"Tệp quá lớn để gửi vào job Kubernetes ({size // 1024} KiB sau mã hoá, tối đa "
            f"{K8S_EMBED_LIMIT // 1024} KiB). Hãy nhập qua trang /vn/schools/ hoặc API "
            "POST /vn/schools/api/v1/import/ (cùng quy trình, tất cả hoặc không gì cả)."
        )
    lines = ['dir="$(mktemp -d)"', "trap 'rm -rf \"$dir\"' EXIT"]
    for name, data in encoded.items():
        lines.append(f'printf %s {data} | base64 -d > "$dir"/{_arg(name)}')
    lines.append(" ".join([MANAGE, "import_schools", *(f'"$dir"/{_arg(name)}' for name in names), *flags]))
    yield ("lms", "\n".join(lines))


def _is_compose(context):
    from tutor.commands.compose import BaseComposeContext  # noqa: PLC0415 - only when the job runs

    return isinstance(context, BaseComposeContext)


@click.command("vn-grant-role", help="Give a user a role in a scope (school, commune or province code).")
@click.argument("username")
@click.argument("role")
@click.argument("scope", required=False)
@click.option("--revoke", is_flag=True, help="take the role away instead")
def grant_role(username, role, scope, revoke):
    args = [username, role, *([scope] if scope else []), *(["--revoke"] if revoke else [])]
    yield ("lms", _manage("grant_role", *args))


@click.command(
    "vn-recompute-shares", help="Recompute the online-teaching share of a school year from scratch."
)
@click.option("--year", help="school year, e.g. 2025-2026 (default: the current one)")
def recompute_shares(year):
    yield ("lms", _manage("recompute_shares", *(["--year", year] if year else [])))


@click.command(
    "vn-close-expired-attempts", help="Submit the timed-test attempts whose time is up (cron: every minute)."
)
def close_expired_attempts():
    yield ("lms", _manage("close_expired_attempts"))


@click.command(
    "vn-purge-exports", help="Delete exported files whose download links have all expired (cron: daily)."
)
def purge_exports():
    yield ("lms", _manage("purge_exports"))


COMMANDS = [
    load_curriculum,
    load_units,
    import_schools,
    grant_role,
    recompute_shares,
    close_expired_attempts,
    purge_exports,
]
