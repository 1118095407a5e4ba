"""Serializers of the share's REST API: inputs are checked here for shape, then by the API for meaning."""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from openedx_vn.core.rest import BoundedIntegerField, IdField
from openedx_vn.teaching.models import OnlineSession

# Percentages are text to stay exact, and null where there is nothing to divide by (no plan, no target).
NULLABLE_TEXT = serializers.CharField(allow_null=True)


def _percent(value):
    return None if value is None else str(value)


def _fraction_percent(value):
    """A ``Fraction`` share in percent, one decimal, as text (None stays None)."""
    if value is None:
        return None
    return str((Decimal(value.numerator * 100) / value.denominator).quantize(Decimal("0.1")))


class FigureSerializer(serializers.Serializer):
    """A share figure: periods, the share and its year-end projection in percent (one decimal, as text to
    stay exact), the status against the target, and whether the data behind it is complete."""

    planned = serializers.IntegerField()
    online = serializers.IntegerField(help_text="counted online periods, each cell capped at its plan")
    percent = serializers.SerializerMethodField()
    projected_percent = serializers.SerializerMethodField()
    status = serializers.CharField()
    status_label = serializers.SerializerMethodField()
    complete = serializers.BooleanField()

    @extend_schema_field(NULLABLE_TEXT)
    def get_percent(self, figure):
        return _percent(figure.percent())

    @extend_schema_field(NULLABLE_TEXT)
    def get_projected_percent(self, figure):
        return _percent(figure.percent(figure.projected) if figure.projected is not None else None)

    @extend_schema_field(OpenApiTypes.STR)
    def get_status_label(self, figure):
        return str(figure.status.label)


class TargetSerializer(serializers.Serializer):
    min_share = serializers.DecimalField(max_digits=5, decimal_places=4)
    strict = serializers.BooleanField()


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    class_id = IdField()
    class_name = serializers.CharField(read_only=True)
    school_code = serializers.CharField(read_only=True)
    year = serializers.CharField(required=False)
    grade = serializers.IntegerField(read_only=True)
    level = serializers.CharField(read_only=True)
    subject_code = serializers.CharField(max_length=20)
    planned_periods = BoundedIntegerField(required=False, allow_null=True, min_value=1)
    planned_online_periods = BoundedIntegerField(required=False, allow_null=True, min_value=0)
    program_version = serializers.CharField(read_only=True)


class EvidenceSerializer(serializers.Serializer):
    attendance = serializers.IntegerField(allow_null=True)
    url = serializers.CharField(allow_blank=True)
    recording = serializers.CharField(allow_blank=True)


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    class_id = serializers.IntegerField()
    class_name = serializers.CharField()
    school_code = serializers.CharField()
    year = serializers.CharField()
    week = serializers.IntegerField()
    subject_code = serializers.CharField()
    teacher_user_id = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    periods = serializers.IntegerField()
    mode = serializers.CharField()
    form = serializers.CharField()
    evidence = EvidenceSerializer()
    source = serializers.CharField()
    status = serializers.CharField()
    reason = serializers.CharField()
    counted = serializers.BooleanField()
    usage_key = serializers.CharField(allow_null=True)
    course_key = serializers.CharField()


class SessionInputSerializer(serializers.Serializer):
    """A manual session; ``teacher_user_id`` only when a school leader enters a teacher's session."""

    class_id = IdField()
    subject_code = serializers.CharField(max_length=20)
    starts_at = serializers.DateTimeField(help_text="ISO 8601; without an offset: Asia/Ho_Chi_Minh")
    periods = serializers.IntegerField(min_value=1, max_value=20)
    mode = serializers.ChoiceField(choices=OnlineSession.Mode.choices, default=OnlineSession.Mode.LIVE)
    form = serializers.ChoiceField(choices=OnlineSession.Form.choices, default=OnlineSession.Form.SUPPORTING)
    attendance = BoundedIntegerField(required=False, allow_null=True, min_value=0)
    url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    recording = serializers.URLField(required=False, allow_blank=True, max_length=500)
    teacher_user_id = IdField(required=False, allow_null=True)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class SessionImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=False)


class SessionImportReportSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    session_ids = serializers.ListField(child=serializers.IntegerField())


class PolicyChangeSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    at_display = serializers.CharField(help_text="dd/mm/yyyy HH:MM, Vietnam time")
    user_id = serializers.IntegerField(allow_null=True)
    username = serializers.CharField(allow_null=True)
    before = serializers.DictField(allow_null=True)
    after = serializers.DictField()


class PolicySerializer(serializers.Serializer):
    year = serializers.CharField()
    policy = serializers.DictField()
    is_default = serializers.BooleanField()
    stale = serializers.BooleanField()
    updated_at = serializers.DateTimeField(allow_null=True)
    scope = serializers.ChoiceField(choices=["default", "province", "commune"])
    province_code = serializers.CharField(allow_blank=True)
    commune_code = serializers.CharField(allow_blank=True)
    inherited_from = serializers.CharField(allow_blank=True, help_text='"" when the scope has its own policy')
    changes = PolicyChangeSerializer(many=True)


class CellSerializer(serializers.Serializer):
    class_id = serializers.IntegerField()
    class_name = serializers.CharField()
    subject_code = serializers.CharField()
    level = serializers.CharField()
    figure = FigureSerializer()
    pending = serializers.IntegerField(help_text="periods awaiting approval")
    replacing = serializers.IntegerField(help_text="counted periods replacing in-person teaching")


class ClassRowSerializer(serializers.Serializer):
    class_id = serializers.IntegerField()
    class_name = serializers.CharField()
    grade = serializers.IntegerField()
    level = serializers.CharField()
    figure = FigureSerializer()
    pending = serializers.IntegerField()
    cells = CellSerializer(many=True)


class SubjectTotalSerializer(serializers.Serializer):
    subject_code = serializers.CharField()
    figure = FigureSerializer()


class GridSerializer(serializers.Serializer):
    school_code = serializers.CharField()
    school_name = serializers.CharField()
    year = serializers.CharField()
    as_of = serializers.DateField()
    weeks_elapsed = serializers.IntegerField()
    weeks_total = serializers.IntegerField()
    subjects = serializers.ListField(child=serializers.CharField())
    rows = ClassRowSerializer(many=True)
    subject_totals = serializers.SerializerMethodField()

    @extend_schema_field(SubjectTotalSerializer(many=True))
    def get_subject_totals(self, grid):
        return [
            {"subject_code": code, "figure": FigureSerializer(figure).data}
            for code, figure in grid.subject_totals
        ]


class SummarySerializer(serializers.Serializer):
    level = serializers.CharField(allow_null=True)
    figure = FigureSerializer()
    target = TargetSerializer(allow_null=True)
    cap = serializers.DecimalField(max_digits=5, decimal_places=4, allow_null=True)
    replacing = serializers.IntegerField()
    pending = serializers.IntegerField()
    gap_percent = serializers.SerializerMethodField()
    over_cap = serializers.BooleanField()

    @extend_schema_field(NULLABLE_TEXT)
    def get_gap_percent(self, summary):
        return _fraction_percent(summary.gap)


class _Dated(serializers.Serializer):
    year = serializers.CharField()
    as_of = serializers.DateField()
    weeks_elapsed = serializers.IntegerField()
    weeks_total = serializers.IntegerField()
    levels = SummarySerializer(many=True)
    overall = SummarySerializer()


class SchoolSummarySerializer(_Dated):
    school_code = serializers.CharField()
    school_name = serializers.CharField()


class UnitSummarySerializer(_Dated):
    unit_code = serializers.CharField()
    schools = serializers.IntegerField()


class SchoolRowSerializer(serializers.Serializer):
    school_code = serializers.CharField()
    school_name = serializers.CharField()
    commune_code = serializers.CharField()
    commune_name = serializers.CharField()
    reports_to = serializers.CharField()
    levels = SummarySerializer(many=True)
    overall = SummarySerializer()
    gap_percent = serializers.SerializerMethodField()

    @extend_schema_field(NULLABLE_TEXT)
    def get_gap_percent(self, row):
        return _fraction_percent(row.gap)


class TrendPointSerializer(serializers.Serializer):
    week = serializers.IntegerField()
    week_starts_on = serializers.DateField()
    online = serializers.IntegerField()
    planned = serializers.IntegerField()
    percent = serializers.SerializerMethodField()

    @extend_schema_field(NULLABLE_TEXT)
    def get_percent(self, point):
        return _percent(point.percent)


class TeacherRowSerializer(serializers.Serializer):
    school_code = serializers.CharField()
    class_id = serializers.IntegerField()
    class_name = serializers.CharField()
    grade = serializers.IntegerField()
    subject_code = serializers.CharField()
    cell = CellSerializer()
    sessions_by_status = serializers.DictField(child=serializers.IntegerField())


class RecomputeSerializer(serializers.Serializer):
    year = serializers.CharField(required=False)


class QueuedSerializer(serializers.Serializer):
    task_id = serializers.CharField()
    year = serializers.CharField()
