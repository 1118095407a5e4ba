"""The workbench's scenario pages without their source for non-staff users.

The SDK's page shows the scenario's XML and the block's fields (answer keys included) beside the block, and
links its Studio and author views. Staff keep that page; everyone else gets the block alone, and its
``student_view`` only.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from workbench import views

STUDENT_VIEW = "student_view"
STUDENT_TEMPLATE = "devhost/workbench_student.html"


def _staff(request):
    return request.user.is_authenticated and request.user.is_active and request.user.is_staff


def show_scenario(request, scenario_id, view_name=STUDENT_VIEW, template=None):
    """The SDK's ``show_scenario``: whole for staff; the student view alone, without source, for others."""
    if _staff(request):
        return views.show_scenario(
            request, scenario_id, view_name, **({"template": template} if template else {})
        )
    if view_name != STUDENT_VIEW:
        raise PermissionDenied(_("Only staff open a block's Studio and author views in the workbench."))
    return views.show_scenario(request, scenario_id, STUDENT_VIEW, template=STUDENT_TEMPLATE)


@csrf_exempt  # as the SDK's: its page posts the form without a token
def reset_state(request):
    """Deleting every learner's state is for staff."""
    if not _staff(request):
        raise PermissionDenied(_("Only staff reset the workbench's state."))
    return views.reset_state(request)
