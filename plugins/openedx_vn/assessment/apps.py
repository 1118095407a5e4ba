from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import PluginSettings, PluginURLs

_URLS = {
    PluginURLs.NAMESPACE: "vn_assessment",
    PluginURLs.REGEX: r"^vn/assessment/",
    PluginURLs.RELATIVE_PATH: "urls",
}

_SETTINGS = {
    "common": {PluginSettings.RELATIVE_PATH: "settings.common"},
    "production": {PluginSettings.RELATIVE_PATH: "settings.common"},
}


class AssessmentConfig(AppConfig):
    """Blueprints (ma trận đề), generated tests and their versions (mã đề), online attempts and results."""

    name = "openedx_vn.assessment"
    label = "vn_assessment"
    verbose_name = _("openedx-vn: tests")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        PluginURLs.CONFIG: {"lms.djangoapp": _URLS, "cms.djangoapp": _URLS},
        # Time-outs are closed by the LMS's workers (Studio's would do it twice).
        PluginSettings.CONFIG: {"lms.djangoapp": _SETTINGS},
    }
