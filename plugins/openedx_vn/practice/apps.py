from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import PluginURLs

_URLS = {
    PluginURLs.NAMESPACE: "vn_practice",
    PluginURLs.REGEX: r"^vn/practice/",
    PluginURLs.RELATIVE_PATH: "urls",
}


class PracticeConfig(AppConfig):
    """Adaptive practice per learning outcome, and the progress pages of students and parents (ADR 0015)."""

    name = "openedx_vn.practice"
    label = "vn_practice"
    verbose_name = _("openedx-vn: adaptive practice")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        PluginURLs.CONFIG: {"lms.djangoapp": _URLS, "cms.djangoapp": _URLS},
    }
