from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import PluginSignals, PluginURLs

_URLS = {
    PluginURLs.NAMESPACE: "vn_reporting",
    PluginURLs.REGEX: r"^vn/reporting/",
    PluginURLs.RELATIVE_PATH: "urls",
}

_LEARNING_SIGNALS = "openedx_events.learning.signals"

_SIGNALS = {
    PluginSignals.RELATIVE_PATH: "receivers",
    PluginSignals.RECEIVERS: [
        {
            PluginSignals.RECEIVER_FUNC_NAME: "on_passing_status_updated",
            PluginSignals.SIGNAL_PATH: f"{_LEARNING_SIGNALS}.COURSE_PASSING_STATUS_UPDATED",
        },
        {
            PluginSignals.RECEIVER_FUNC_NAME: "on_certificate_created",
            PluginSignals.SIGNAL_PATH: f"{_LEARNING_SIGNALS}.CERTIFICATE_CREATED",
        },
    ],
}


class ReportingConfig(AppConfig):
    """Reports up the chain: teachers' digital-skills training and the digital-transformation evidence."""

    name = "openedx_vn.reporting"
    label = "vn_reporting"
    verbose_name = _("openedx-vn: reporting")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        PluginURLs.CONFIG: {"lms.djangoapp": _URLS, "cms.djangoapp": _URLS},
        # Grades and certificates change in the LMS only.
        PluginSignals.CONFIG: {"lms.djangoapp": _SIGNALS},
    }
