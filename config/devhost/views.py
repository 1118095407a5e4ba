from django.urls import reverse
from django.utils.translation import gettext as _

from devhost.management.commands.load_demo_data import DEMO_COURSE
from openedx_vn.core import views as core_views


def home(request):
    """The role home page (core's, the same as /vn/core/), plus the dev host's tools for staff."""
    links = ()
    if request.user.is_authenticated and request.user.is_staff:
        links = (
            (reverse("workbench_index"), _("XBlock workbench: try the blocks")),
            (
                reverse("vn_curriculum:course-link", args=[DEMO_COURSE]),
                _("Demo course Toán 6 and its classes"),
            ),
            (reverse("api-docs"), _("REST API documentation")),
            (reverse("admin:index"), _("Administration")),
        )
    return core_views.home(request, extra_links=links)
