"""REST endpoint that exports a bank as a file: GET /vn/qbank/api/v1/banks/<uuid>/export/?format=…

Whoever may view a bank may export it (the file carries the answer keys, as the bank's own pages do).
"""

import json
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer

from openedx_vn.core.rest import APIView
from openedx_vn.qbank import api, permissions

CONTENT_TYPES = {
    "olx_library": "application/gzip",
    "olx_unit": "application/gzip",
    "qti": "application/zip",
    "gift": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_KEY_PART = r"^[A-Za-z0-9_.-]+$"  # org, library code, course number and run go into Open edX keys


class ExportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=api.export_formats(), default="olx_library")
    question = serializers.ListField(
        child=serializers.UUIDField(), required=False, help_text="question uuids (repeat); default: all"
    )
    title = serializers.CharField(required=False, max_length=255, help_text="default: the bank's name")
    org = serializers.RegexField(
        _KEY_PART, required=False, max_length=64, help_text="OLX: the organisation, e.g. QuangNinh"
    )
    code = serializers.RegexField(
        _KEY_PART, required=False, max_length=64, help_text="olx_library: the library code, e.g. TOAN6"
    )
    number = serializers.RegexField(
        _KEY_PART, required=False, max_length=64, help_text="olx_unit: course number"
    )
    run = serializers.RegexField(_KEY_PART, required=False, max_length=64, help_text="olx_unit: course run")
    explanations = serializers.ChoiceField(
        choices=("end", "inline"),
        required=False,
        help_text="docx: explanations after the key, or under each question",
    )


class BankExportView(APIView):
    """Download a bank's questions: OLX library or unit (Studio), QTI 2.1 package, GIFT, or a Word paper."""

    permission_classes = [IsAuthenticated]

    def perform_content_negotiation(self, request, force=False):
        # ``?format=`` names the export format here, not one of DRF's renderers; errors are JSON.
        return JSONRenderer(), JSONRenderer.media_type

    @extend_schema(
        summary="Export a bank's questions as a file (OLX, QTI 2.1, GIFT or Word)",
        parameters=[ExportQuerySerializer],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The file, as an attachment. Header X-Export-Notes: what the format could not "
                "keep, as a percent-encoded JSON list.",
            ),
            400: OpenApiResponse(description="Unknown format, option or question"),
            403: OpenApiResponse(description="Not allowed to view this bank"),
            404: OpenApiResponse(description="No such bank"),
        },
    )
    def get(self, request, bank_uuid):
        try:
            bank = api.get_bank(bank_uuid)
        except LookupError as exc:
            raise NotFound(str(exc)) from exc
        if not permissions.can_view_bank(request.user, bank):
            raise PermissionDenied
        query = ExportQuerySerializer(data=_query(request))
        query.is_valid(raise_exception=True)
        options = dict(query.validated_data)
        fmt, questions = options.pop("format"), options.pop("question", None)
        try:
            content, filename, notes = api.export_questions(
                bank.uuid, fmt, question_uuids=questions, **options
            )
        except (LookupError, ValueError) as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["X-Export-Notes"] = quote(json.dumps(notes, ensure_ascii=False))
        return response


def _query(request):
    data = {key: request.query_params.get(key) for key in request.query_params if key != "question"}
    if "question" in request.query_params:
        data["question"] = request.query_params.getlist("question")
    return data
