"""Serializers of the teachers' REST API: they describe the shapes (for the schema) and read simple inputs.

A blueprint is read by ``api.blueprint_from_data`` itself, which names every bad field (``rows[2].codes``), so
its serializer documents the shape without validating it. Points are decimals written as text ("0.25") to stay
exact; the pages show them with a decimal comma.
"""

from rest_framework import serializers

from openedx_vn.assessment.blueprint import FORMATS, LEVELS
from openedx_vn.assessment.rest.common import VN_TIME

# --------------------------------------------------------------------------------------------- templates


class BlueprintTemplatePartSerializer(serializers.Serializer):
    questions = serializers.IntegerField(help_text="questions of this format (đúng – sai: clusters of 4)")
    points_each = serializers.CharField(help_text="points of one question (one cluster for đúng – sai)")


class BlueprintTemplateSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    source = serializers.CharField(help_text="the document the figures come from")
    confidence = serializers.CharField(help_text="official | press | third-party | unverified")
    total_points = serializers.CharField()
    points_by_format = serializers.DictField(child=serializers.CharField())
    points_by_level = serializers.DictField(child=serializers.CharField())
    parts = serializers.DictField(
        child=BlueprintTemplatePartSerializer(),
        help_text="exam structures only: format → questions and points each",
    )
    subjects = serializers.ListField(child=serializers.CharField())
    minutes = serializers.IntegerField(allow_null=True)


def template_data(template):
    """A ``blueprint.Template`` in the API's shape (decimals as text)."""
    return {
        "key": template.key,
        "name": template.name,
        "source": template.source,
        "confidence": template.confidence,
        "total_points": str(template.total_points),
        "points_by_format": {fmt: str(value) for fmt, value in template.points_by_format.items()},
        "points_by_level": {level: str(value) for level, value in template.points_by_level.items()},
        "parts": {
            fmt: {"questions": questions, "points_each": str(each)}
            for fmt, (questions, each) in template.parts.items()
        },
        "subjects": list(template.subjects),
        "minutes": template.minutes,
    }


# -------------------------------------------------------------------------------------------- blueprints
class BlueprintRequirementsSerializer(serializers.Serializer):
    biet = serializers.CharField(required=False, allow_blank=True, help_text="- Biết …")
    hieu = serializers.CharField(required=False, allow_blank=True, help_text="- Hiểu …")
    van_dung = serializers.CharField(required=False, allow_blank=True, help_text="- Vận dụng …")


class BlueprintRowSerializer(serializers.Serializer):
    topic = serializers.CharField(required=False, allow_blank=True, help_text="chủ đề / chương")
    label = serializers.CharField(help_text="nội dung / đơn vị kiến thức")
    codes = serializers.ListField(
        child=serializers.CharField(), help_text="curriculum codes; a question matches a code or one under it"
    )
    requirements = BlueprintRequirementsSerializer(
        required=False, help_text="yêu cầu cần đạt by level (bản đặc tả)"
    )


class BlueprintCellSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="index into rows")
    format = serializers.CharField(help_text=" | ".join(FORMATS))
    level = serializers.CharField(help_text=" | ".join(LEVELS))
    count = serializers.IntegerField(help_text="questions; statements for true_false_cluster (4 a question)")
    points = serializers.CharField(help_text='points of the whole cell, e.g. "1.5" or "1,5"')


class BlueprintDataSerializer(serializers.Serializer):
    """What the matrix editor sends and gets back."""

    title = serializers.CharField()
    subject_code = serializers.CharField(required=False, allow_blank=True)
    grade = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=12)
    template = serializers.CharField(required=False, allow_blank=True, help_text="a template key, or empty")
    total_points = serializers.CharField(required=False, default="10")
    rows = BlueprintRowSerializer(many=True)
    cells = BlueprintCellSerializer(many=True)


class BlueprintProblemSerializer(serializers.Serializer):
    """A problem of the blueprint; ``row``/``format``/``level`` say which cell, row or column it is about."""

    message = serializers.CharField()
    blocking = serializers.BooleanField(help_text="false: only a difference from the template")
    row = serializers.IntegerField(allow_null=True)
    format = serializers.CharField(allow_blank=True)
    level = serializers.CharField(allow_blank=True)


def problem_data(problem):
    return {
        "message": problem.message,
        "blocking": problem.blocking,
        "row": problem.row,
        "format": problem.format,
        "level": problem.level,
    }


class BlueprintCheckSerializer(serializers.Serializer):
    problems = BlueprintProblemSerializer(many=True)
    points = serializers.CharField(help_text="the points of all cells")
    points_by_format = serializers.DictField(child=serializers.CharField())
    points_by_level = serializers.DictField(child=serializers.CharField())


class BlueprintSerializer(BlueprintDataSerializer):
    uuid = serializers.CharField()
    problems = BlueprintProblemSerializer(many=True)


class BlueprintSavedSerializer(serializers.Serializer):
    uuid = serializers.CharField()
    problems = BlueprintProblemSerializer(many=True)


class BlueprintListSerializer(serializers.Serializer):
    uuid = serializers.CharField()
    title = serializers.CharField()
    subject_code = serializers.CharField()
    grade = serializers.IntegerField(allow_null=True)
    updated_at = serializers.DateTimeField()


class BlueprintFieldProblemSerializer(serializers.Serializer):
    field = serializers.CharField(help_text='where: "title", "rows[1].codes", "cells[3].points"…')
    message = serializers.CharField()


class InvalidBlueprintSerializer(serializers.Serializer):
    """400: the blueprint could not be read; nothing was stored."""

    detail = serializers.CharField()
    problems = BlueprintFieldProblemSerializer(many=True)


# ------------------------------------------------------------------------------------------------- tests
class ExamGenerateSerializer(serializers.Serializer):
    banks = serializers.ListField(
        child=serializers.UUIDField(), min_length=1, help_text="question banks you may read"
    )
    versions = serializers.IntegerField(min_value=1, max_value=99, default=4, help_text="codes 101, 102, …")
    seed = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=2**63 - 1,
        help_text="the same seed draws the same test",
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=255)
    kind = serializers.CharField(
        required=False, allow_blank=True, max_length=120, help_text="e.g. Kiểm tra giữa học kì I"
    )
    minutes = serializers.IntegerField(min_value=1, max_value=600, default=45)
    classes = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list, help_text="ids of classes you teach"
    )
    exclude_recent = serializers.IntegerField(
        min_value=0, max_value=50, default=0, help_text="leave out the questions of the classes' last N tests"
    )
    # A time without a zone is the schools' clock, whatever the server's TIME_ZONE (UTC in the LMS).
    opens_at = serializers.DateTimeField(required=False, allow_null=True, default_timezone=VN_TIME)
    closes_at = serializers.DateTimeField(required=False, allow_null=True, default_timezone=VN_TIME)

    def validate(self, attrs):
        opens, closes = attrs.get("opens_at"), attrs.get("closes_at")
        if opens and closes and closes <= opens:
            raise serializers.ValidationError({"closes_at": ["the test must close after it opens"]})
        return attrs


class ExamShortCellSerializer(serializers.Serializer):
    cell = serializers.IntegerField(help_text="index into the blueprint's cells")
    row = serializers.IntegerField(help_text="index into the blueprint's rows")
    row_label = serializers.CharField()
    format = serializers.CharField()
    level = serializers.CharField()
    needed = serializers.IntegerField()
    available = serializers.IntegerField()
    missing = serializers.IntegerField()
    message = serializers.CharField()


class ExamGenerationErrorSerializer(serializers.Serializer):
    """400: the banks cannot fill the blueprint; every short cell is listed."""

    detail = serializers.CharField(required=False)
    short = ExamShortCellSerializer(many=True, required=False, help_text="absent when a field is refused")


class ExamSummarySerializer(serializers.Serializer):
    uuid = serializers.CharField(help_text="paste it into the timed-test block in Studio")
    title = serializers.CharField()
    kind = serializers.CharField()
    subject_code = serializers.CharField()
    grade = serializers.IntegerField(allow_null=True)
    school_code = serializers.CharField()
    school_year = serializers.CharField()
    minutes = serializers.IntegerField()
    opens_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    max_points = serializers.CharField()
    question_count = serializers.IntegerField()
    version_codes = serializers.ListField(child=serializers.CharField())


def exam_data(info):
    return {
        "uuid": info.uuid,
        "title": info.title,
        "kind": info.kind,
        "subject_code": info.subject_code,
        "grade": info.grade,
        "school_code": info.school_code,
        "school_year": info.school_year,
        "minutes": info.minutes,
        "opens_at": info.opens_at,
        "closes_at": info.closes_at,
        "max_points": str(info.max_points),
        "question_count": info.question_count,
        "version_codes": list(info.version_codes),
    }


class ExamKeyEntrySerializer(serializers.Serializer):
    part = serializers.CharField(help_text="multiple_choice | true_false_cluster | short_answer | essay")
    number = serializers.IntegerField(help_text="as printed in its part: Câu 1, Câu 2…")
    key = serializers.CharField(help_text='"B", "ĐSĐS", "-1,5"; empty for an essay')
    points = serializers.CharField()


class ExamVersionKeySerializer(serializers.Serializer):
    code = serializers.CharField()
    keys = ExamKeyEntrySerializer(many=True)


class ExamFileLinkSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField()


class ExamDetailSerializer(ExamSummarySerializer):
    versions = ExamVersionKeySerializer(many=True, help_text="each version's answer key")
    files = ExamFileLinkSerializer(many=True, help_text="papers per version (.docx, .pdf) and the key tables")


class ExamResultSerializer(serializers.Serializer):
    user_id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField(help_text="family and middle names, then the given name")
    version_code = serializers.CharField()
    status = serializers.CharField(help_text="open | submitted | timed_out")
    started_at = serializers.DateTimeField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    points = serializers.CharField(allow_null=True)
    score = serializers.CharField(allow_null=True, help_text="out of 10")
    essays_pending = serializers.IntegerField()


def result_data(row):
    return {
        "user_id": row.user_id,
        "username": row.username,
        "full_name": row.full_name,
        "version_code": row.version_code,
        "status": row.status,
        "started_at": row.started_at,
        "submitted_at": row.submitted_at,
        "points": None if row.points is None else str(row.points),
        "score": None if row.score is None else str(row.score),
        "essays_pending": row.essays_pending,
    }


class ExamEssaySerializer(serializers.Serializer):
    student_id = serializers.IntegerField()
    student = serializers.CharField(help_text="the student's name")
    question_uuid = serializers.CharField()
    text = serializers.CharField(allow_blank=True, help_text="what the student wrote")
    max_points = serializers.CharField()
    points = serializers.CharField(allow_null=True, help_text="null: not graded yet")
    comment = serializers.CharField(allow_blank=True)


class ExamEssayGradeSerializer(serializers.Serializer):
    student_id = serializers.IntegerField()
    question_uuid = serializers.UUIDField()
    points = serializers.CharField(help_text='"1.5" or "1,5"; from 0 to the question\'s points')
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ExamEssayGradedSerializer(serializers.Serializer):
    score = serializers.CharField(allow_null=True, help_text="the attempt's new score out of 10")
