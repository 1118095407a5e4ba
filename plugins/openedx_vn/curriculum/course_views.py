"""Course ↔ class link: a Studio page and a REST endpoint, for the course's authors."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from openedx_vn.core.compat import user_can_author_course
from openedx_vn.core.rest import APIView
from openedx_vn.core.vietnamese import vi_key
from openedx_vn.curriculum import api
from openedx_vn.curriculum.forms import CourseLinkForm


def _subject_choices():
    names = {}
    for offering in api.get_subjects():
        names.setdefault(offering.code, offering.name_vi)
    return sorted(names.items(), key=lambda item: vi_key(item[1]))


def course_link_page(request, course_key):
    """Studio page: set the school, school year, grade, subject and classes of a course run."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user_can_author_course(request.user, course_key):
        raise PermissionDenied
    try:
        link = api.get_course_link(course_key)
    except api.InvalidCourseLink as exc:
        return render(request, "openedx_vn/curriculum/not_found.html", {"message": str(exc)}, status=404)
    initial = {**vars(link), "class_names": ", ".join(link.class_names)} if link else {}
    form = CourseLinkForm(request.POST or None, initial=initial, subjects=_subject_choices())
    if request.method == "POST" and form.is_valid():
        try:
            api.link_course(course_key, **form.cleaned_data)
        except api.InvalidCourseLink as exc:
            for field, message in exc.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("The course is linked to its classes."))
            return redirect(request.path)
    context = {"form": form, "course_key": course_key, "link": link}
    return render(
        request, "openedx_vn/curriculum/course_link.html", context, status=400 if form.errors else 200
    )


class CourseLinkSerializer(serializers.Serializer):
    course_key = serializers.CharField(read_only=True)
    school_code = serializers.CharField()
    school_year = serializers.CharField()
    grade = serializers.IntegerField()
    subject_code = serializers.CharField()
    class_names = serializers.ListField(child=serializers.CharField())
    version_key = serializers.CharField(read_only=True)


class CourseLinkView(APIView):
    """The course run's link to a school, school year, grade, subject and classes (course authors only)."""

    permission_classes = [IsAuthenticated]

    def _check(self, request, course_key):
        if not user_can_author_course(request.user, course_key):
            raise PermissionDenied

    @extend_schema(
        summary="Get a course run's link to its classes",
        responses={
            200: CourseLinkSerializer,
            404: OpenApiResponse(description="the course is not linked yet"),
        },
    )
    def get(self, request, course_key):
        self._check(request, course_key)
        try:
            link = api.get_course_link(course_key)
        except api.InvalidCourseLink as exc:
            raise ValidationError(exc.errors) from exc
        if link is None:
            raise NotFound(_("This course is not linked yet."))
        return Response(CourseLinkSerializer(link).data)

    @extend_schema(
        summary="Set a course run's link to its classes",
        request=CourseLinkSerializer,
        responses={
            200: CourseLinkSerializer,
            400: OpenApiResponse(description="{field: [problems]}: unknown school, year, subject or class"),
        },
    )
    def put(self, request, course_key):
        self._check(request, course_key)
        data = CourseLinkSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            link = api.link_course(course_key, **data.validated_data)
        except api.InvalidCourseLink as exc:
            raise ValidationError(exc.errors) from exc
        return Response(CourseLinkSerializer(link).data)
