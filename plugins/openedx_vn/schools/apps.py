from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import PluginURLs

_URLS = {
    PluginURLs.NAMESPACE: "vn_schools",
    PluginURLs.REGEX: r"^vn/schools/",
    PluginURLs.RELATIVE_PATH: "urls",
}


class SchoolsConfig(AppConfig):
    """Organisation (province → commune → school), school years, classes, teaching assignments, roles."""

    name = "openedx_vn.schools"
    label = "vn_schools"
    verbose_name = _("openedx-vn: schools")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        PluginURLs.CONFIG: {"lms.djangoapp": _URLS, "cms.djangoapp": _URLS},
    }
