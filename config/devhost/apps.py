from django.apps import AppConfig
from edx_django_utils.plugins import connect_plugin_receivers


class DevhostConfig(AppConfig):
    name = "devhost"
    verbose_name = "openedx-vn development host"

    def ready(self):
        # What edx-platform's PluginsConfig.ready() does for the LMS.
        from django.conf import settings  # noqa: PLC0415

        connect_plugin_receivers(settings.PROJECT_TYPE)
