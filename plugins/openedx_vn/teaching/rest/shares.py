"""REST endpoints of the share: a school's grid and summary, officers' lists and roll-ups, the weekly trend,
a teacher's overview, the policy of a year, and the recompute."""

from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from openedx_vn.teaching import api
from openedx_vn.teaching.rest import present
from openedx_vn.teaching.rest import serializers as s
from openedx_vn.teaching.rest.base import ShareView, day_param, int_param

YEAR = OpenApiParameter("year", str, description="school year, e.g. 2025-2026 (default: the current one)")
ON = OpenApiParameter("on", str, description="the day the figures are read on, YYYY-MM-DD (default: today)")
LEVELS = ["preschool", "primary", "lower_secondary", "upper_secondary", "continuing"]


class GridView(ShareView):
    @extend_schema(
        summary="Classes × subjects of a school with their shares (a teacher: their own)",
        parameters=[YEAR, ON],
        responses=s.GridSerializer,
    )
    def get(self, request, school_code):
        grid = api.class_subject_grid(
            request.user, school_code, request.query_params.get("year"), day_param(request)
        )
        return Response(present.grid(grid))


class SchoolSummaryView(ShareView):
    @extend_schema(
        summary="A school's share per level and overall",
        parameters=[YEAR, ON],
        responses=s.SchoolSummarySerializer,
    )
    def get(self, request, school_code):
        summary = api.school_summary(
            request.user, school_code, request.query_params.get("year"), day_param(request)
        )
        return Response(present.school_summary(summary))


class SchoolListView(ShareView):
    @extend_schema(
        summary="Schools in your scope with their shares, furthest behind the target first",
        parameters=[
            OpenApiParameter("unit", str, description="commune or province code"),
            OpenApiParameter("level", str, enum=LEVELS),
            OpenApiParameter("order", str, enum=["gap", "code", "name"]),
            YEAR,
            ON,
        ],
        responses=s.SchoolRowSerializer(many=True),
    )
    def get(self, request):
        query = request.query_params
        level, order = query.get("level") or None, query.get("order") or "gap"
        if level and level not in LEVELS:
            raise ValidationError({"level": [f"{level!r}: one of {', '.join(LEVELS)}"]})
        if order not in ("gap", "code", "name"):
            raise ValidationError({"order": [f"{order!r}: gap, code or name"]})
        rows = api.schools_summary(
            request.user, query.get("unit") or None, level, query.get("year"), order, day_param(request)
        )
        return Response(present.school_rows(rows))


class UnitSummaryView(ShareView):
    @extend_schema(
        summary="A commune's or province's share per level and overall",
        parameters=[YEAR, ON],
        responses=s.UnitSummarySerializer,
    )
    def get(self, request, unit_code):
        summary = api.unit_summary(
            request.user, unit_code, request.query_params.get("year"), day_param(request)
        )
        return Response(present.unit_summary(summary))


class TrendView(ShareView):
    @extend_schema(
        summary="Cumulative share week by week of a school or a class",
        parameters=[OpenApiParameter("school", str), OpenApiParameter("class_id", int), YEAR, ON],
        responses=s.TrendPointSerializer(many=True),
    )
    def get(self, request):
        query = request.query_params
        class_id = int_param(request, "class_id")
        if not query.get("school") and class_id is None:
            raise ValidationError({"school": ["give a school or a class_id"]})
        points = api.weekly_trend(
            request.user, query.get("school"), class_id, query.get("year"), day_param(request)
        )
        return Response([present.trend_point(point) for point in points])


class TeacherView(ShareView):
    @extend_schema(
        summary="Your classes × subjects with their shares and your sessions by status",
        parameters=[YEAR, ON],
        responses=s.TeacherRowSerializer(many=True),
    )
    def get(self, request):
        rows = api.teacher_overview(request.user, request.query_params.get("year"), day_param(request))
        return Response([present.teacher_row(row) for row in rows])


class _PolicySchema(AutoSchema):
    """The policy answers at two addresses (the current year's, a given year's): one operation id each."""

    def get_operation_id(self):
        operation_id = super().get_operation_id()
        return operation_id if "{year}" in self.path else operation_id.replace("_policy_", "_policy_current_")


POLICY_SCOPE = [
    OpenApiParameter("province", str, description="a province code: its policy (default: the deployment's)"),
    OpenApiParameter("commune", str, description="a commune code: its override, or what it inherits"),
]


def _policy_scope(request):
    """``(province, commune)`` from the query; a value that is no unit code is a 400 naming the field."""
    values = []
    for name in ("province", "commune"):
        value = (request.query_params.get(name) or "").strip()
        if len(value) > 8 or (value and not value.isdigit()):
            raise ValidationError({name: [_("%(value)r is not a unit code") % {"value": value[:20]}]})
        values.append(value)
    return tuple(values)


class PolicyView(ShareView):
    schema = _PolicySchema()

    @extend_schema(
        summary="The online-teaching policy of a school year in a scope, with its changes",
        parameters=POLICY_SCOPE,
        responses=s.PolicySerializer,
    )
    def get(self, request, year=None):
        province, commune = _policy_scope(request)
        return Response(present.policy(api.get_policy(year, province, commune)))

    @extend_schema(
        summary="Replace the policy of a school year in a scope (that province's officers, operators)",
        parameters=POLICY_SCOPE,
        request={"application/json": {"type": "object"}},
        responses=s.PolicySerializer,
    )
    def put(self, request, year=None):
        province, commune = _policy_scope(request)
        info = api.set_policy(request.user, year, request.data, province, commune)
        return Response(present.policy(info))


class RecomputeView(ShareView):
    @extend_schema(
        summary="Queue a full recompute of a school year (operators)",
        request=s.RecomputeSerializer,
        responses={202: s.QueuedSerializer},
    )
    def post(self, request):
        data = s.RecomputeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        year = data.validated_data.get("year")
        task_id, year = api.enqueue_recompute(request.user, year)
        return Response({"task_id": task_id, "year": year}, status=202)
