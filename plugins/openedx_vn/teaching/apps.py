from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import PluginSettings, PluginSignals, PluginURLs

_URLS = {
    PluginURLs.NAMESPACE: "vn_teaching",
    PluginURLs.REGEX: r"^vn/teaching/",
    PluginURLs.RELATIVE_PATH: "urls",
}

_SETTINGS = {
    "common": {PluginSettings.RELATIVE_PATH: "settings.common"},
    "production": {PluginSettings.RELATIVE_PATH: "settings.common"},
}

_ENROLLMENT_SIGNALS = "openedx_events.learning.signals"

_SIGNALS = {
    PluginSignals.RELATIVE_PATH: "receivers",
    PluginSignals.RECEIVERS: [
        {
            PluginSignals.RECEIVER_FUNC_NAME: "on_enrollment_created",
            PluginSignals.SIGNAL_PATH: f"{_ENROLLMENT_SIGNALS}.COURSE_ENROLLMENT_CREATED",
        },
        {
            PluginSignals.RECEIVER_FUNC_NAME: "on_enrollment_changed",
            PluginSignals.SIGNAL_PATH: f"{_ENROLLMENT_SIGNALS}.COURSE_ENROLLMENT_CHANGED",
        },
        {
            PluginSignals.RECEIVER_FUNC_NAME: "on_unenrollment_completed",
            PluginSignals.SIGNAL_PATH: f"{_ENROLLMENT_SIGNALS}.COURSE_UNENROLLMENT_COMPLETED",
        },
    ],
}


class TeachingConfig(AppConfig):
    """Organisation, teaching plans, online sessions and the online-teaching share."""

    name = "openedx_vn.teaching"
    label = "vn_teaching"
    verbose_name = _("openedx-vn: online teaching")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        PluginURLs.CONFIG: {"lms.djangoapp": _URLS, "cms.djangoapp": _URLS},
        # The nightly recompute runs on the LMS's workers (Studio's would run it twice).
        PluginSettings.CONFIG: {"lms.djangoapp": _SETTINGS},
        # Enrolments happen in the LMS only; Studio does not send these events.
        PluginSignals.CONFIG: {"lms.djangoapp": _SIGNALS},
    }
