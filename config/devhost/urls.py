"""URLs of the development host: plugin URLs exactly as the LMS adds them, plus the workbench."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from edx_django_utils.plugins import get_plugin_url_patterns
from workbench import urls as workbench_urls
from workbench import views as workbench_views_sdk

from devhost import views, workbench_views

# The workbench mounts its own admin/; the host's admin is at /admin/. Its scenario pages show the source
# (keys included) to staff only: devhost.workbench_views wraps them.
_WRAPPED = {
    workbench_views_sdk.show_scenario: workbench_views.show_scenario,
    workbench_views_sdk.reset_state: workbench_views.reset_state,
}
workbench_urls = [
    re_path(p.pattern.regex.pattern, _WRAPPED[p.callback], p.default_args, name=p.name)
    if p.callback in _WRAPPED
    else p
    for p in workbench_urls.urlpatterns
    if "admin" not in str(p.pattern)
]

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # The LMS signs users in itself; the dev host needs a sign-in page for non-staff demo users.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="home"), name="logout"),
    # The workbench reverses its URL names without a namespace.
    path("workbench/", include(workbench_urls)),
    path("tagging/", include("openedx_tagging.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]
urlpatterns += get_plugin_url_patterns(settings.PROJECT_TYPE)
# Vietnamese refusal and error pages (JSON under /api/) for every URL of the dev host.
handler403 = "openedx_vn.core.errors.permission_denied"
handler404 = "openedx_vn.core.errors.page_not_found"
handler500 = "openedx_vn.core.errors.server_error"
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)  # only while DEBUG
