from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from openedx_vn.core.permissions import IsPlatformStaff, is_platform_staff
from openedx_vn.core.rest import APIView
from openedx_vn.teaching import api
from openedx_vn.teaching.serializers import EnrollmentSummarySerializer


def overview_page(request):
    """Online teaching overview: course runs and their enrolments, for staff (roles and scopes come later).

    Anonymous visitors get the page with a sign-in link and no data; signed-in non-staff get 403.
    """
    context = {"login_url": redirect_to_login(request.get_full_path()).url}
    if request.user.is_authenticated:
        if not is_platform_staff(request.user):
            raise PermissionDenied
        context["summaries"] = api.list_enrollment_summaries()
    return render(request, "openedx_vn/teaching/overview.html", context)


class EnrollmentSummaryView(APIView):
    permission_classes = [IsPlatformStaff]

    @extend_schema(summary="Enrolment counts of a course run", responses=EnrollmentSummarySerializer)
    def get(self, request, course_key):
        try:
            summary = api.get_enrollment_summary(course_key)
        except api.TeachingError as exc:
            raise ValidationError({"course_key": str(exc)}) from exc
        return Response(EnrollmentSummarySerializer(summary).data)
