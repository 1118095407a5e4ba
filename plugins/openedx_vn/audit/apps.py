from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import PluginURLs

_URLS = {
    PluginURLs.NAMESPACE: "vn_audit",
    PluginURLs.REGEX: r"^vn/audit/",
    PluginURLs.RELATIVE_PATH: "urls",
}


class AuditConfig(AppConfig):
    """The audit trail: who changed what, when, before and after (ADR 0013)."""

    name = "openedx_vn.audit"
    label = "vn_audit"
    verbose_name = _("openedx-vn: audit trail")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        PluginURLs.CONFIG: {"lms.djangoapp": _URLS, "cms.djangoapp": _URLS},
    }
