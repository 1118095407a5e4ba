from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from openedx_vn.core import uploads
from openedx_vn.core.permissions import IsPlatformStaff
from openedx_vn.core.rest import APIView, DetailAndProblemsMixin, ListAPIView
from openedx_vn.curriculum import api, templates_files
from openedx_vn.curriculum.serializers import (
    FileRefusedSerializer,
    LevelSerializer,
    NodeSerializer,
    SearchHitSerializer,
    SubjectOfferingSerializer,
    TopicsImportSerializer,
    TopicsUploadSerializer,
    VersionSerializer,
)


def _int(value):
    try:
        return int(value) if value not in (None, "") else None
    except ValueError as exc:
        raise ValidationError({"grade": f"{value!r} is not a grade 1–12"}) from exc


def program_page(request):
    """Browse and search the program: level → grade → subject → strands, topics and outcomes."""
    query = request.GET.get("q", "").strip()
    try:
        grade = _int(request.GET.get("grade"))
        context = {
            "levels": api.get_levels(),
            "grade": grade,
            "query": query,
            "version": api.get_current_version(),
        }
    except (api.CurriculumError, ValidationError) as exc:
        return render(request, "openedx_vn/curriculum/not_found.html", {"message": str(exc)}, status=404)
    if grade:
        context["subjects"] = api.get_subjects(grade=grade)
    if query:
        context["hits"] = api.search_nodes(query, grade=grade, limit=100)
    return render(request, "openedx_vn/curriculum/program.html", context)


def subject_page(request, subject_code, grade):
    """One subject in one grade: its yearly periods and its tree of strands, topics and outcomes."""
    try:
        offering = api.get_offering(subject_code, grade)
    except api.CurriculumError as exc:
        return render(request, "openedx_vn/curriculum/not_found.html", {"message": str(exc)}, status=404)
    context = {"offering": offering, "tree": api.get_tree(subject_code, grade)}
    return render(request, "openedx_vn/curriculum/subject.html", context)


# The program is public reference information, like the published circulars: reading needs no sign-in.
class _PublicList(ListAPIView):
    permission_classes = [AllowAny]
    pagination_class = None


@extend_schema(summary="Levels of the program with their grades")
class LevelListView(_PublicList):
    serializer_class = LevelSerializer

    def get_queryset(self):
        try:
            return api.get_levels(self.request.GET.get("version"))
        except api.CurriculumError as exc:
            raise NotFound(str(exc)) from exc


@extend_schema(summary="Stored program versions, newest first")
class VersionListView(_PublicList):
    serializer_class = VersionSerializer

    def get_queryset(self):
        return api.list_versions()


@extend_schema(
    summary="Subjects and activities with their yearly periods",
    parameters=[
        OpenApiParameter("grade", int),
        OpenApiParameter("level", str),
        OpenApiParameter("version", str),
    ],
)
class SubjectListView(_PublicList):
    serializer_class = SubjectOfferingSerializer

    def get_queryset(self):
        params = self.request.GET
        try:
            return api.get_subjects(_int(params.get("grade")), params.get("level"), params.get("version"))
        except api.CurriculumError as exc:
            raise ValidationError({"detail": str(exc)}) from exc


@extend_schema(summary="Strands, topics and learning outcomes of a subject in a grade")
class TreeView(_PublicList):
    serializer_class = NodeSerializer

    def get_queryset(self):
        subject_code, grade = self.kwargs["subject_code"], self.kwargs["grade"]
        try:
            api.get_offering(subject_code, grade)
        except api.CurriculumError as exc:
            raise NotFound(str(exc)) from exc
        return api.get_tree(subject_code, grade)


@extend_schema(
    summary="Search strands, topics and outcomes, with or without Vietnamese diacritics",
    parameters=[
        OpenApiParameter("q", str, required=True),
        OpenApiParameter("subject", str),
        OpenApiParameter("grade", int),
        OpenApiParameter("kind", str),
    ],
)
class NodeSearchView(_PublicList):
    serializer_class = SearchHitSerializer

    def get_queryset(self):
        params = self.request.GET
        if not params.get("q", "").strip():
            raise ValidationError({"q": "required"})
        return api.search_nodes(
            params["q"], params.get("subject"), _int(params.get("grade")), params.get("kind")
        )


class TopicsImportView(DetailAndProblemsMixin, APIView):
    """Load a topic/outcome tree file (CSV or XLSX); all of it, or nothing with a list of problems."""

    permission_classes = [IsPlatformStaff]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Import topics and learning outcomes",
        request=TopicsUploadSerializer,
        responses={200: TopicsImportSerializer, 400: FileRefusedSerializer},
    )
    def post(self, request):
        uploads.validate_request(request)
        upload = request.FILES.get("file")
        if upload is None:
            message = _("No file: send the topics as a .csv or .xlsx file in the field “file”.")
            return Response({"detail": message, "problems": []}, status=400)
        uploads.validate_files([upload])
        try:
            result = api.load_topics(upload.read(), upload.name)
        except api.CurriculumFileError as exc:
            problems = [vars(problem) for problem in exc.problems]
            return Response({"detail": str(exc).splitlines()[0], "problems": problems}, status=400)
        return Response({"replaced": result.replaced, "unchanged": result.unchanged, "nodes": result.nodes})


def topics_template(request, extension):
    """The import template, as CSV or XLSX, with the columns and one example row."""
    content, content_type = templates_files.topics_template(extension)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="curriculum-topics-template.{extension}"'
    return response
