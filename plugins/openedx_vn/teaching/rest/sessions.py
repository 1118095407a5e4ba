"""REST endpoints of plans and online sessions: list, create, the approval steps, and imports."""

from django.http import HttpResponse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from openedx_vn.core import uploads
from openedx_vn.core.rest import page_params
from openedx_vn.teaching import api
from openedx_vn.teaching.rest import serializers as s
from openedx_vn.teaching.rest.base import ShareView, int_param

YEAR = OpenApiParameter("year", str, description="school year, e.g. 2025-2026 (default: the current one)")


def _plan(info):
    return s.PlanSerializer(info).data


class SchoolPlansView(ShareView):
    @extend_schema(
        summary="Teaching plans of a school", parameters=[YEAR], responses=s.PlanSerializer(many=True)
    )
    def get(self, request, school_code):
        plans = api.list_plans(school_code, request.query_params.get("year"), user=request.user)
        return Response([_plan(plan) for plan in plans])


class PlanView(ShareView):
    @extend_schema(
        summary="Set the plan of a class × subject (school leader); default periods: the curriculum's",
        request=s.PlanSerializer,
        responses=s.PlanSerializer,
    )
    def put(self, request):
        data = s.PlanSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        plan = api.set_plan(
            values["class_id"],
            values["subject_code"],
            values.get("year"),
            values.get("planned_periods"),
            values.get("planned_online_periods"),
            user=request.user,
        )
        return Response(_plan(plan))


class SessionListView(ShareView):
    @extend_schema(
        summary="Online sessions in your scope, newest first",
        parameters=[
            OpenApiParameter("school", str),
            OpenApiParameter("class_id", int),
            OpenApiParameter("status", str, enum=["draft", "submitted", "approved", "rejected", "recorded"]),
            OpenApiParameter("subject", str),
            OpenApiParameter("teacher", int, description="teacher's platform user id"),
            YEAR,
            OpenApiParameter("limit", int, description="at most 500"),
            OpenApiParameter("offset", int),
        ],
        responses=s.SessionSerializer(many=True),
    )
    def get(self, request):
        query = request.query_params
        limit, offset = page_params(request, max_limit=500)
        rows = api.list_sessions(
            request.user,
            school_code=query.get("school"),
            class_id=int_param(request, "class_id"),
            status=query.get("status"),
            year=query.get("year"),
            teacher_user_id=int_param(request, "teacher"),
            subject_code=query.get("subject"),
            limit=limit,
            offset=offset,
        )
        return Response(s.SessionSerializer(rows, many=True).data)

    @extend_schema(
        summary="Enter an online session by hand (draft)",
        request=s.SessionInputSerializer,
        responses={201: s.SessionSerializer},
    )
    def post(self, request):
        data = s.SessionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = api.create_session(request.user, **data.validated_data)
        return Response(s.SessionSerializer(session).data, status=201)


class SessionView(ShareView):
    @extend_schema(summary="One online session", responses=s.SessionSerializer)
    def get(self, request, session_id):
        return Response(s.SessionSerializer(api.get_session(request.user, session_id)).data)

    @extend_schema(
        summary="Edit a draft or rejected session (it returns to draft)",
        request=s.SessionInputSerializer(partial=True),
        responses=s.SessionSerializer,
    )
    def patch(self, request, session_id):
        data = s.SessionInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        session = api.update_session(request.user, session_id, **data.validated_data)
        return Response(s.SessionSerializer(session).data)

    @extend_schema(summary="Delete a manual or imported session", responses={204: None})
    def delete(self, request, session_id):
        api.delete_session(request.user, session_id)
        return Response(status=204)


class SubmitView(ShareView):
    @extend_schema(summary="Submit a session for approval", request=None, responses=s.SessionSerializer)
    def post(self, request, session_id):
        return Response(s.SessionSerializer(api.submit_session(request.user, session_id)).data)


class ApproveView(ShareView):
    @extend_schema(
        summary="Approve a session (the school's leader)", request=None, responses=s.SessionSerializer
    )
    def post(self, request, session_id):
        return Response(s.SessionSerializer(api.approve_session(request.user, session_id)).data)


class RejectView(ShareView):
    @extend_schema(
        summary="Reject a session with a reason (the school's leader)",
        request=s.RejectSerializer,
        responses=s.SessionSerializer,
    )
    def post(self, request, session_id):
        data = s.RejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = api.reject_session(request.user, session_id, data.validated_data["reason"])
        return Response(s.SessionSerializer(session).data)


class ImportView(ShareView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Import sessions from CSV/XLSX, all or nothing (dry_run=true: check only)",
        request=s.SessionImportSerializer,
        responses={200: s.SessionImportReportSerializer, 201: s.SessionImportReportSerializer},
    )
    def post(self, request):
        uploads.validate_request(request)
        data = s.SessionImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        uploads.validate_files([upload])
        report = api.import_sessions(upload.read(), upload.name, request.user, data.validated_data["dry_run"])
        return Response(s.SessionImportReportSerializer(report).data, status=200 if report.dry_run else 201)


class ImportTemplateView(ShareView):
    @extend_schema(
        summary="Template of the session import (.xlsx or .csv)",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request, kind):
        if kind not in ("xlsx", "csv"):
            raise NotFound(gettext("No template .{kind}: .xlsx or .csv").format(kind=kind))
        content, content_type, filename = api.session_import_template(kind)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
