"""REST endpoints of the banks: list and create, and import a file (or preview it)."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from openedx_vn.core.permissions import is_platform_staff
from openedx_vn.qbank import api


class BankSerializer(serializers.Serializer):
    uuid = serializers.CharField(read_only=True)
    name = serializers.CharField(max_length=255)
    scope = serializers.CharField(read_only=True)
    question_count = serializers.IntegerField(read_only=True)


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    format = serializers.ChoiceField(choices=api.import_formats(), required=False)
    dry_run = serializers.BooleanField(default=False)


class BankListView(APIView):
    """Your banks (global staff: all banks); create a personal bank."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="List question banks", responses=BankSerializer(many=True))
    def get(self, request):
        owner = None if is_platform_staff(request.user) else request.user.id
        return Response(BankSerializer(api.list_banks(owner_id=owner), many=True).data)

    @extend_schema(
        summary="Create a personal question bank", request=BankSerializer, responses=BankSerializer
    )
    def post(self, request):
        data = BankSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        bank = api.create_bank(data.validated_data["name"], owner_id=request.user.id)
        return Response(BankSerializer(bank).data, status=201)


class BankImportView(APIView):
    """Import a GIFT/Aiken file into a bank: all of it, or nothing and every problem with its place."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Import questions into a bank (dry_run=true: preview only)", request=ImportSerializer
    )
    def post(self, request, bank_uuid):
        try:
            bank = api.get_bank(bank_uuid)
        except LookupError as exc:
            raise NotFound(str(exc)) from exc
        if not api.can_edit_bank(request.user, bank):
            raise PermissionDenied
        data = ImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            result = api.import_questions(
                upload.read(),
                upload.name,
                bank.uuid,
                user_id=request.user.id,
                fmt=data.validated_data.get("format"),
                dry_run=data.validated_data["dry_run"],
            )
        except api.QuestionImportError as exc:
            problems = [
                {"file": p.place.file, "line": p.place.line, "question": p.place.number, "message": p.message}
                for p in exc.problems
            ]
            return Response({"detail": str(exc).splitlines()[0], "problems": problems}, status=400)
        return Response(
            {
                "format": result.format,
                "created": result.created,
                "dry_run": data.validated_data["dry_run"],
                "duplicates": result.duplicates,
                "notes": result.notes,
                "questions": result.question_uuids,
            }
        )
