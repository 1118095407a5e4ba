from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import PluginSettings, PluginURLs

_SETTINGS = {
    "common": {PluginSettings.RELATIVE_PATH: "settings.common"},
    "production": {PluginSettings.RELATIVE_PATH: "settings.common"},
}
# Core's own pages: downloads of exports (/vn/core/exports/<signed token>/).
_URLS = {
    PluginURLs.NAMESPACE: "vn_core",
    PluginURLs.REGEX: r"^vn/core/",
    PluginURLs.RELATIVE_PATH: "urls",
}


class CoreConfig(AppConfig):
    """Layout, translations and shared settings for the openedx-vn apps (no models)."""

    name = "openedx_vn.core"
    label = "vn_core"
    verbose_name = _("openedx-vn: core")

    plugin_app = {
        PluginURLs.CONFIG: {"lms.djangoapp": _URLS, "cms.djangoapp": _URLS},
        PluginSettings.CONFIG: {
            "lms.djangoapp": _SETTINGS,
            "cms.djangoapp": _SETTINGS,
        },
    }

    def ready(self):
        from django.db.backends.signals import connection_created  # noqa: PLC0415

        from openedx_vn.core.vietnamese import register_sqlite_collation  # noqa: PLC0415

        # SQLite (dev host, tests) learns utf8mb4_vietnamese_ci, so vi_order sorts there as on MariaDB.
        connection_created.connect(register_sqlite_collation, dispatch_uid="openedx_vn.vi_collation")
