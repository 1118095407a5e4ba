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

    def ready(self):
        from django.core.signals import request_finished, request_started  # noqa: PLC0415
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from openedx_vn.schools import scope  # noqa: PLC0415

        request_started.connect(scope.request_started, dispatch_uid="openedx_vn.scope.started")
        request_finished.connect(scope.request_finished, dispatch_uid="openedx_vn.scope.finished")
        for model in ("RoleAssignment", "School"):
            sender = self.get_model(model)
            for signal in (post_save, post_delete):
                signal.connect(scope.forget, sender=sender, dispatch_uid=f"openedx_vn.scope.forget.{model}")
