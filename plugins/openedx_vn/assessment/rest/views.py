"""Teachers' REST endpoints (/vn/assessment/api/v1/): templates, blueprints (check, save), generation, tests,
results, essay grading and files. Only makers of tests (``api.can_author``) come in; students get 403.

Domain errors answer as HTTP: ``BlueprintInvalid`` 400 with each field, ``GenerationError`` 400 with each
short cell, ``NotAllowed`` 403, an unknown id 404, other bad values 400. Never a 500 for bad input.
"""

from decimal import Decimal

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from openedx_vn.assessment import api
from openedx_vn.assessment.blueprint import check
from openedx_vn.assessment.rest import files
from openedx_vn.assessment.rest import serializers as s
from openedx_vn.assessment.rest.common import (
    AuthorPermission,
    ClassChoiceError,
    field_problems,
    generate,
    is_not_found,
    school_of,
    short_cells,
)
from openedx_vn.core.rest import APIView, DetailAndProblemsMixin

INVALID = OpenApiResponse(s.InvalidBlueprintSerializer, description="unreadable blueprint; nothing stored")
FILE = OpenApiResponse(OpenApiTypes.BINARY, description="the file, as an attachment")


class AuthorView(APIView):
    permission_classes = [AuthorPermission]
    parser_classes = [JSONParser]

    def handle_exception(self, exc):
        if isinstance(exc, api.BlueprintInvalid):
            return Response({"detail": str(exc), "problems": field_problems(exc)}, status=400)
        if isinstance(exc, api.NotAllowed):
            exc = PermissionDenied(str(exc))
        elif is_not_found(exc):
            exc = NotFound(str(exc))
        elif isinstance(exc, ValueError):
            exc = ValidationError({"detail": str(exc)})
        return super().handle_exception(exc)


def _number(value):
    return f"{Decimal(value).normalize():f}"


def check_data(blueprint):
    """The problems and totals of a readable blueprint, against its template."""
    template = api.list_templates().get(blueprint.template)
    return {
        "problems": [s.problem_data(problem) for problem in check(blueprint, template)],
        "points": _number(blueprint.points),
        "points_by_format": {k: _number(v) for k, v in blueprint.points_by("format").items()},
        "points_by_level": {k: _number(v) for k, v in blueprint.points_by("level").items()},
    }


# ------------------------------------------------------------------------------------------ templates
class TemplateListView(AuthorView):
    @extend_schema(
        summary="Blueprint templates (CV 7991 proportions, 2025 exam structures), each with its source",
        responses=s.BlueprintTemplateSerializer(many=True),
    )
    def get(self, request):
        return Response([s.template_data(t) for t in api.list_templates().values()])


# ----------------------------------------------------------------------------------------- blueprints
def _blueprint_data(blueprint_uuid, blueprint, problems):
    return {
        "uuid": str(blueprint_uuid),
        **api.blueprint_to_data(blueprint),
        "problems": [s.problem_data(problem) for problem in problems],
    }


class BlueprintListView(DetailAndProblemsMixin, AuthorView):  # its 400 is INVALID, whatever the cause
    @extend_schema(summary="Your blueprints, newest first", responses=s.BlueprintListSerializer(many=True))
    def get(self, request):
        rows = api.list_blueprints(request.user)
        keys = ("uuid", "title", "subject_code", "grade", "updated_at")
        rows = [dict(zip(keys, row, strict=True)) for row in rows]
        return Response(s.BlueprintListSerializer(rows, many=True).data)

    @extend_schema(
        summary="Store a new blueprint (a draft may have problems: they are listed)",
        request=s.BlueprintDataSerializer,
        responses={201: s.BlueprintSavedSerializer, 400: INVALID},
    )
    def post(self, request):
        key, problems = api.save_blueprint(request.user, request.data, school_code=school_of(request.user))
        return Response({"uuid": key, "problems": [s.problem_data(p) for p in problems]}, status=201)


class BlueprintDetailView(DetailAndProblemsMixin, AuthorView):  # its 400 is INVALID, whatever the cause
    @extend_schema(summary="A blueprint with its problems", responses=s.BlueprintSerializer)
    def get(self, request, blueprint_uuid):
        blueprint, problems = api.get_blueprint(request.user, blueprint_uuid)
        return Response(_blueprint_data(blueprint_uuid, blueprint, problems))

    @extend_schema(
        summary="Replace one of your blueprints",
        request=s.BlueprintDataSerializer,
        responses={200: s.BlueprintSavedSerializer, 400: INVALID},
    )
    def put(self, request, blueprint_uuid):
        key, problems = api.save_blueprint(request.user, request.data, blueprint_uuid=blueprint_uuid)
        return Response({"uuid": key, "problems": [s.problem_data(p) for p in problems]})


class BlueprintCheckView(DetailAndProblemsMixin, AuthorView):  # its 400 is INVALID, whatever the cause
    @extend_schema(
        summary="Check a blueprint without storing it: problems by cell, totals by format and level",
        request=s.BlueprintDataSerializer,
        responses={200: s.BlueprintCheckSerializer, 400: INVALID},
    )
    def post(self, request):
        return Response(check_data(api.blueprint_from_data(request.data)))


class BlueprintFileView(AuthorView):
    @extend_schema(
        summary="The matrix or the specification as Word or Excel (matrix.docx, matrix.xlsx, "
        "specification.docx, specification.xlsx)",
        responses={(200, "application/octet-stream"): FILE},
    )
    def get(self, request, blueprint_uuid, name):
        return files.attachment(*files.blueprint_file(request.user, blueprint_uuid, name))


# -------------------------------------------------------------------------------------------- generate
class GenerateView(AuthorView):
    @extend_schema(
        summary="Draw a test from question banks for a blueprint, with its versions",
        request=s.ExamGenerateSerializer,
        responses={
            201: s.ExamSummarySerializer,
            400: OpenApiResponse(s.ExamGenerationErrorSerializer, description="short cells, or a bad field"),
        },
    )
    def post(self, request, blueprint_uuid):
        form = s.ExamGenerateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            info = generate(request.user, blueprint_uuid, form.validated_data)
        except ClassChoiceError as exc:
            raise ValidationError({"classes": [str(exc)]}) from exc
        except api.GenerationError as exc:
            blueprint, _problems = api.get_blueprint(request.user, blueprint_uuid)
            return Response({"detail": str(exc), "short": short_cells(exc, blueprint)}, status=400)
        return Response(s.exam_data(info), status=201)


# ----------------------------------------------------------------------------------------------- tests
def version_keys(user, exam_uuid):
    """Each version's answer key: [{"code", "keys": [{"part", "number", "key", "points"}]}]."""
    _contents, versions, points = api.exam_versions(user, exam_uuid)
    return [
        {
            "code": version.code,
            "keys": [
                {"part": part, "number": item.number, "key": item.key, "points": _number(points[item.uuid])}
                for part, items in version.parts.items()
                for item in items
            ],
        }
        for version in versions
    ]


class ExamListView(AuthorView):
    @extend_schema(summary="Tests you made, newest first", responses=s.ExamSummarySerializer(many=True))
    def get(self, request):
        return Response([s.exam_data(info) for info in api.list_exams(request.user)])


class ExamDetailView(AuthorView):
    @extend_schema(
        summary="A test: its versions with their answer keys, and its files", responses=s.ExamDetailSerializer
    )
    def get(self, request, exam_uuid):
        info = api.get_exam(request.user, exam_uuid)
        links = [
            {"name": name, "url": reverse("vn_assessment:exam-file", args=[info.uuid, name])}
            for name in files.exam_file_names(info)
        ]
        return Response(
            {**s.exam_data(info), "versions": version_keys(request.user, exam_uuid), "files": links}
        )


class ExamFileView(AuthorView):
    @extend_schema(
        summary="A test's files: version-101.docx, version-101.pdf, …, keys.docx, keys.xlsx, results.xlsx",
        responses={(200, "application/octet-stream"): FILE},
    )
    def get(self, request, exam_uuid, name):
        return files.attachment(*files.exam_file(request.user, exam_uuid, name))


class ResultListView(AuthorView):
    @extend_schema(
        summary="Results of a test, by given name then family name (its teacher, school leaders, staff)",
        responses=s.ExamResultSerializer(many=True),
    )
    def get(self, request, exam_uuid):
        return Response([s.result_data(row) for row in api.results(request.user, exam_uuid)])


def essay_rows(user, exam_uuid):
    """The test's submitted essays with the student's name and the question's points."""
    info = api.get_exam(user, exam_uuid)
    _contents, _versions, points = api.exam_versions(user, info.uuid)
    names = {row.user_id: row.full_name for row in api.results(user, info.uuid)}
    return [
        {
            "student_id": student_id,
            "student": names.get(student_id, str(student_id)),
            "question_uuid": question_uuid,
            "text": text or "",
            "max_points": _number(points[question_uuid]),
            "points": None if given is None else _number(given),
            "comment": comment or "",
        }
        for student_id, question_uuid, text, given, comment in api.essays_to_grade(user, info.uuid)
    ]


class EssayListView(AuthorView):
    @extend_schema(
        summary="The test's submitted essays, graded or not", responses=s.ExamEssaySerializer(many=True)
    )
    def get(self, request, exam_uuid):
        return Response(essay_rows(request.user, exam_uuid))

    @extend_schema(
        summary="Grade a student's essay with the rubric (the test's teacher); the score is recomputed",
        request=s.ExamEssayGradeSerializer,
        responses=s.ExamEssayGradedSerializer,
    )
    def post(self, request, exam_uuid):
        form = s.ExamEssayGradeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        values = form.validated_data
        score = api.grade_essay(
            request.user,
            exam_uuid,
            values["student_id"],
            str(values["question_uuid"]),
            values["points"],
            values["comment"],
        )
        return Response({"score": None if score is None else str(score)})
