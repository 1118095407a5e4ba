"""Tutor plugin for openedx-vn: installs the suite into the openedx image and configures LMS and Studio.

Sections follow Tutor's plugin template: configuration, initialisation tasks, jobs, templates, patches.
"""

import os
from importlib.resources import files
from pathlib import Path

from tutor import hooks, plugins

from . import jobs
from .__about__ import __version__
from .bundle import bundled_wheel

PLUGIN_ROOT = Path(str(files("tutorvn")))

########################################
# CONFIGURATION
########################################

hooks.Filters.CONFIG_DEFAULTS.add_items(
    [
        ("VN_VERSION", __version__),
        # Empty: the image installs the suite wheel this plugin carries (no package index needed for it).
        # Set it to install from your own index instead: a version range, a wheel URL or a VCS URL.
        ("VN_PIP_REQUIREMENT", ""),
        ("VN_TIME_ZONE", "Asia/Ho_Chi_Minh"),
        # Name of the comprehensive theme shipped with the plugin (activate with `tutor local do settheme`).
        ("VN_THEME_NAME", "openedx-vn"),
        # Celery queue of our long tasks (imports, recomputes, exports); empty = the LMS default queue.
        # When set, a worker for it is rendered (vn-worker), and our periodic tasks are sent to it.
        ("VN_CELERY_QUEUE", ""),
        # The periodic tasks (nightly share recompute, per-minute sweep of timed-out attempts, export purge)
        # run from one Celery beat (vn-beat). False: run the `tutor ... do vn-*` jobs from cron instead.
        ("VN_RUN_BEAT", True),
        # Private S3 bucket of exports and pictures, behind the STORAGES alias "openedx_vn". Rendered when the
        # minio plugin is enabled or VN_S3_ENABLED is true (endpoint and keys: VN_S3_*, else the platform's).
        ("VN_S3_ENABLED", False),
        ("VN_S3_BUCKET", "openedxvn"),
        ("VN_S3_URL_EXPIRE_SECONDS", 300),
        ("VN_S3_ENDPOINT_URL", ""),
        ("VN_S3_REGION", ""),
        ("VN_S3_ACCESS_KEY", ""),
        ("VN_S3_SECRET_KEY", ""),
        # Largest file our import endpoints accept (Caddy and Django); Tutor's Caddy caps the LMS at 4 MB.
        ("VN_UPLOAD_MAX_MB", 20),
        # How large the share recompute's temporary tables may grow in MariaDB's memory before they spill to
        # disk (its own session only): 256 MB held the staging of three provinces (4.5 M sessions) in the
        # benchmark. 0 keeps the database server's own limits.
        ("VN_RECOMPUTE_TMP_TABLE_MB", 256),
        # The MFEs wear our Paragon theme (brand colours, Be Vietnam Pro, logo): MFE_CONFIG PARAGON_THEME_URLS
        # and logos, set after tutor-indigo's. False: indigo's (or Paragon's) theme stays (ADR 0018).
        ("VN_MFE_THEME", True),
    ]
)

# Vietnamese by default; an operator can still `tutor config save --set LANGUAGE_CODE=en`.
hooks.Filters.CONFIG_OVERRIDES.add_items([("LANGUAGE_CODE", "vi")])

########################################
# INITIALISATION TASKS
########################################


def _task(service):
    return (PLUGIN_ROOT / "templates" / "vn" / "tasks" / service / "init").read_text(encoding="utf-8")


hooks.Filters.CLI_DO_INIT_TASKS.add_item(("lms", _task("lms")))


@hooks.Filters.CLI_DO_INIT_TASKS.add()
def _private_bucket(tasks):
    """Create our private bucket in MinIO, after tutor-minio's own init task (which runs first: HIGH)."""
    if plugins.is_loaded("minio"):
        tasks.append(("minio", _task("minio")))
    return tasks


########################################
# JOBS (tutor local|k8s do vn-...)
########################################

hooks.Filters.CLI_DO_COMMANDS.add_items(jobs.COMMANDS)

########################################
# TEMPLATES
########################################

hooks.Filters.ENV_TEMPLATE_ROOTS.add_item(str(PLUGIN_ROOT / "templates"))
# The suite wheel (see bundle.py) goes into the image build context: env/build/openedx/vn-wheels/.
hooks.Filters.ENV_TEMPLATE_TARGETS.add_item(("vn-wheels", "build/openedx"))


# Binary files (the wheel, the theme's compiled translations, pictures, fonts) are copied, not read by Jinja.
_BINARY = (".whl", ".mo", ".png", ".ico", ".jpg", ".woff", ".woff2")


@hooks.Filters.IS_FILE_RENDERED.add()
def _copy_binaries_as_bytes(render, path):
    """A wheel is a zip file, a .mo or a font is binary: Jinja must not read them as templates."""
    return render and not path.endswith(_BINARY)


def _wheel_name():
    """File name of the carried suite wheel, "" when there is none (templates decide what to say)."""
    wheel = bundled_wheel(PLUGIN_ROOT / "templates" / "vn-wheels")
    return wheel.name if wheel else ""


hooks.Filters.ENV_TEMPLATE_VARIABLES.add_item(("vn_wheel_name", _wheel_name))


def _themes_root():
    """The themes folder: in the wheel as tutorvn/themes, in a checkout the repository's themes/."""
    for candidate in (PLUGIN_ROOT / "themes", PLUGIN_ROOT.parents[2] / "themes"):
        if (candidate / "openedx-vn").is_dir():
            return candidate
    return None


_THEMES = _themes_root()
if _THEMES is not None:
    hooks.Filters.ENV_TEMPLATE_ROOTS.add_item(str(_THEMES))
    hooks.Filters.ENV_TEMPLATE_TARGETS.add_item(("openedx-vn", "build/openedx/themes"))
    # Tutor skips "partials" folders by default; a theme's Sass variables live in one.
    hooks.Filters.ENV_PATTERNS_INCLUDE.add_item(r"openedx-vn/(lms|cms)/static/sass/partials/")

########################################
# PATCHES
########################################

# The MFEs' theme (MFE_CONFIG) in the LMS's production and development settings: after every plugin's
# common settings, tutor-indigo's included (ADR 0018).
_MFE_THEME = (PLUGIN_ROOT / "templates" / "vn" / "settings" / "mfe-theme").read_text(encoding="utf-8")
hooks.Filters.ENV_PATCHES.add_items(
    [("openedx-lms-production-settings", _MFE_THEME), ("openedx-lms-development-settings", _MFE_THEME)]
)

# Every file in patches/ fills the Tutor patch of the same name.
for path in sorted((PLUGIN_ROOT / "patches").iterdir()):
    hooks.Filters.ENV_PATCHES.add_item((os.path.basename(path), path.read_text(encoding="utf-8")))
