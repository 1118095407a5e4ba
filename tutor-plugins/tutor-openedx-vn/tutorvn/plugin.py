"""Tutor plugin for openedx-vn: installs the suite into the openedx image and configures LMS and Studio.

Sections follow Tutor's plugin template: configuration, initialisation tasks, templates, patches.
"""

import os
from importlib.resources import files
from pathlib import Path

from tutor import hooks

from .__about__ import __version__

PLUGIN_ROOT = Path(str(files("tutorvn")))

########################################
# CONFIGURATION
########################################

hooks.Filters.CONFIG_DEFAULTS.add_items(
    [
        ("VN_VERSION", __version__),
        # What pip installs into the openedx image: a version, a wheel path or a VCS URL of the suite.
        ("VN_PIP_REQUIREMENT", "openedx-vn>=0.1.0,<0.2.0"),
        ("VN_TIME_ZONE", "Asia/Ho_Chi_Minh"),
        # Name of the comprehensive theme shipped with the plugin (activate with `tutor local do settheme`).
        ("VN_THEME_NAME", "openedx-vn"),
        # Celery queue of our long tasks (imports, recomputes, exports); empty = the LMS default queue.
        ("VN_CELERY_QUEUE", ""),
    ]
)

# Vietnamese by default; an operator can still `tutor config save --set LANGUAGE_CODE=en`.
hooks.Filters.CONFIG_OVERRIDES.add_items([("LANGUAGE_CODE", "vi")])

########################################
# INITIALISATION TASKS
########################################

for service in ("lms",):
    with open(PLUGIN_ROOT / "templates" / "vn" / "tasks" / service / "init", encoding="utf-8") as task:
        hooks.Filters.CLI_DO_INIT_TASKS.add_item((service, task.read()))

########################################
# TEMPLATES
########################################

hooks.Filters.ENV_TEMPLATE_ROOTS.add_item(str(PLUGIN_ROOT / "templates"))


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

# Every file in patches/ fills the Tutor patch of the same name.
for path in sorted((PLUGIN_ROOT / "patches").iterdir()):
    hooks.Filters.ENV_PATCHES.add_item((os.path.basename(path), path.read_text(encoding="utf-8")))
