from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import PluginURLs

_URLS = {
    PluginURLs.NAMESPACE: "vn_qbank",
    PluginURLs.REGEX: r"^vn/qbank/",
    PluginURLs.RELATIVE_PATH: "urls",
}


class QbankConfig(AppConfig):
    """Question banks, their questions and versions, importers and exporters."""

    name = "openedx_vn.qbank"
    label = "vn_qbank"
    verbose_name = _("openedx-vn: question bank")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        PluginURLs.CONFIG: {"lms.djangoapp": _URLS, "cms.djangoapp": _URLS},
    }
