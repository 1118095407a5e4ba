"""REST endpoints of the organisation. Every one checks the caller's scope; a school out of scope is a 404,
exactly like one that does not exist, so codes cannot be probed."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from openedx_vn.core import uploads as core_uploads
from openedx_vn.core.rest import APIView
from openedx_vn.schools import api
from openedx_vn.schools.serializers import (
    ImportReportSerializer,
    ImportUploadSerializer,
    SchoolDetailSerializer,
    SchoolSerializer,
    SchoolYearSerializer,
    ScopeSerializer,
    UnitSerializer,
)


class ScopeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Your roles and how many schools you see", responses=ScopeSerializer)
    def get(self, request):
        scope = api.get_scope(request.user)
        data = {
            "everything": scope.everything,
            "roles": scope.roles,
            "school_count": None if scope.everything else len(scope.school_codes),
            "can_import": api.can_import(scope),
        }
        return Response(ScopeSerializer(data).data)


class UnitListView(APIView):
    """The administrative units we hold (public names and codes of the national list)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Provinces, communes (phường, xã, đặc khu) and pre-2025 districts",
        parameters=[
            OpenApiParameter("level", str, enum=["province", "commune", "district"]),
            OpenApiParameter("parent", str, description="a province code: its communes or districts"),
        ],
        responses=UnitSerializer(many=True),
    )
    def get(self, request):
        units = api.list_units(request.GET.get("level") or None, request.GET.get("parent") or None)
        return Response(UnitSerializer(units, many=True).data)


class SchoolYearListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="School years, newest first", responses=SchoolYearSerializer(many=True))
    def get(self, request):
        return Response(SchoolYearSerializer(api.list_school_years(), many=True).data)


class SchoolListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The schools you may see",
        parameters=[
            OpenApiParameter("level", str, enum=list(api.LEVELS)),
            OpenApiParameter("commune", str, description="a commune-level unit code, e.g. 06688"),
        ],
        responses=SchoolSerializer(many=True),
    )
    def get(self, request):
        try:
            schools = api.schools_in_scope(
                request.user,
                level=request.GET.get("level") or None,
                commune=request.GET.get("commune") or None,
            )
        except api.SchoolsError as exc:
            raise ValidationError({"level": str(exc)}) from exc
        return Response(SchoolSerializer(schools, many=True).data)


class SchoolDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="A school with its classes, teaching assignments and teachers in a school year",
        parameters=[OpenApiParameter("year", str, description="e.g. 2025-2026; default: the current year")],
        responses={
            200: SchoolDetailSerializer,
            404: OpenApiResponse(description="no such school in your scope"),
        },
    )
    def get(self, request, code):
        scope = api.get_scope(request.user)
        missing = NotFound(_("No school %(code)s in your scope.") % {"code": code[:20]})
        if not api.can_view_school(scope, code):
            raise missing
        try:
            school = api.get_school(code)
        except api.SchoolNotFound as exc:  # staff see every code, even one that names no school
            raise missing from exc
        year_name = request.GET.get("year") or getattr(api.current_school_year(), "name", None)
        try:
            classes = api.list_classes(code, year_name) if year_name else []
            assignments = api.list_assignments(school_code=code, year=year_name) if year_name else []
        except api.SchoolsError as exc:
            raise ValidationError({"year": str(exc)}) from exc
        teachers = [{"user_id": i, "username": u, "name": n} for i, u, n in api.teachers_of_school(code)]
        data = {
            "school": school,
            "year": year_name,
            "can_lead": api.can_lead_school(scope, code),
            "classes": classes,
            "assignments": assignments,
            "teachers": teachers,
        }
        return Response(SchoolDetailSerializer(data).data)


class ImportView(APIView):
    """Import schools, classes and assignments: all of them, or nothing and every problem with its place."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Import schools, classes and teaching assignments (dry_run=true: check only)",
        request=ImportUploadSerializer,
        responses={200: ImportReportSerializer, 400: OpenApiResponse(description="problems, nothing stored")},
    )
    def post(self, request):
        scope = api.get_scope(request.user)
        if not api.can_import(scope):
            raise PermissionDenied(_("Only operators and province officers import schools."))
        core_uploads.validate_request(request, files=4)  # a workbook, or one CSV per table
        uploads = request.FILES.getlist("file")
        if not uploads:
            raise ValidationError({"file": _("required: one .xlsx workbook, or one .csv per table")})
        core_uploads.validate_files(uploads)
        dry_run = str(request.data.get("dry_run", "")).lower() in ("1", "true", "yes", "on")
        try:
            report = api.import_organisation([(f.name, f.read()) for f in uploads], scope, dry_run=dry_run)
        except api.OrganisationImportError as exc:
            problems = [vars(problem) for problem in exc.problems]
            return Response({"detail": str(exc).splitlines()[0], "problems": problems}, status=400)
        return Response(ImportReportSerializer(report).data)


def import_template(request, kind=None, table=None):
    """The import template: the workbook (template.xlsx) or one table as CSV (template-schools.csv, ...)."""
    content, content_type, filename = api.import_template(kind or table)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
