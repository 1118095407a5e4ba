from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from devhost.management.commands.load_demo_data import DEMO_COURSE


def home(request):
    """Vietnamese home page of the development host, linking to the workbench and each app's pages."""
    links = [
        (reverse("workbench_index"), _("XBlock workbench: try the blocks")),
        (reverse("vn_curriculum:program"), _("General Education Program 2018")),
        (reverse("vn_curriculum:course-link", args=[DEMO_COURSE]), _("Demo course Toán 6 and its classes")),
        (reverse("vn_qbank:home"), _("Question bank")),
        (reverse("vn_teaching:overview"), _("Online teaching")),
        (reverse("vn_assessment:home"), _("Tests: blueprints, versions, results")),
        (reverse("api-docs"), _("REST API documentation")),
        (reverse("admin:index"), _("Administration")),
    ]
    return render(request, "devhost/home.html", {"links": links})
