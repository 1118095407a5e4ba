"""Settings every host (LMS, Studio, the dev host) gets from openedx-vn."""

from openedx_vn.core.conf import DEFAULTS


def plugin_settings(settings):
    """Fill in openedx-vn defaults without overriding what the operator already set."""
    configured = getattr(settings, "OPENEDX_VN", None) or {}
    settings.OPENEDX_VN = {**DEFAULTS, **configured}
    # dd/mm/yyyy and the decimal comma for Vietnamese (Django's own vi formats use d-m-Y).
    paths = settings.FORMAT_MODULE_PATH if hasattr(settings, "FORMAT_MODULE_PATH") else None
    if isinstance(paths, str):
        paths = [paths]
    paths = list(paths or [])
    if "openedx_vn.core.formats" not in paths:
        paths.insert(0, "openedx_vn.core.formats")
    settings.FORMAT_MODULE_PATH = paths
