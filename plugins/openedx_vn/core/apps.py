from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import PluginSettings

_SETTINGS = {
    "common": {PluginSettings.RELATIVE_PATH: "settings.common"},
    "production": {PluginSettings.RELATIVE_PATH: "settings.common"},
}


class CoreConfig(AppConfig):
    """Layout, translations and shared settings for the openedx-vn apps (no models)."""

    name = "openedx_vn.core"
    label = "vn_core"
    verbose_name = _("openedx-vn: core")

    plugin_app = {
        PluginSettings.CONFIG: {
            "lms.djangoapp": _SETTINGS,
            "cms.djangoapp": _SETTINGS,
        },
    }
