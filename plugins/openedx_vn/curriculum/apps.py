from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import PluginURLs

_URLS = {
    PluginURLs.NAMESPACE: "vn_curriculum",
    PluginURLs.REGEX: r"^vn/curriculum/",
    PluginURLs.RELATIVE_PATH: "urls",
}


class CurriculumConfig(AppConfig):
    """GDPT 2018: levels, grades, subjects, topics and learning outcomes."""

    name = "openedx_vn.curriculum"
    label = "vn_curriculum"
    verbose_name = _("openedx-vn: curriculum")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        PluginURLs.CONFIG: {"lms.djangoapp": _URLS, "cms.djangoapp": _URLS},
    }
