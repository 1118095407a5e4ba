"""REST endpoints of the banks (/vn/qbank/api/v1/): banks, their questions and versions, moving and copying,
shares, and imports (one-shot, or the wizard's jobs). Every endpoint asks ``permissions``; users with no role
on any bank (students) get 403 everywhere."""

import uuid

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from openedx_vn.core import uploads
from openedx_vn.core.rest import APIView
from openedx_vn.qbank import api, audit_trail, editing, import_choices, jobs, listing, permissions
from openedx_vn.qbank.data import COGNITIVE_LEVELS, QuestionType
from openedx_vn.qbank.models import BankShare, ImportJob, Question, QuestionBank
from openedx_vn.qbank.serializers import (
    BankSerializer,
    ImportJobSerializer,
    QuestionContentSerializer,
    QuestionDetailSerializer,
    QuestionFileUploadSerializer,
    QuestionPageSerializer,
    QuestionSerializer,
    ShareRoleSerializer,
    ShareSerializer,
    TransferResultSerializer,
    TransferSerializer,
)


# ------------------------------------------------------------------ lookups
def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404(_("{value!r} is not an id").format(value=value)) from exc


def bank_for(user, bank_uuid, need="view"):
    """The ``QuestionBank`` if ``user`` may ``need`` ("view", "edit", "manage") it; 404 / 403 otherwise."""
    bank = QuestionBank.objects.filter(uuid=_uuid(bank_uuid)).first()
    if bank is None:
        raise Http404(_("No question bank {uuid}").format(uuid=bank_uuid))
    allowed = {
        "view": permissions.can_view_bank,
        "edit": permissions.can_edit_bank,
        "manage": permissions.can_manage_bank,
    }[need]
    if not allowed(user, bank):
        raise PermissionDenied
    return bank


def question_for(user, question_uuid, need="view"):
    question = Question.objects.select_related("bank", "current").filter(uuid=_uuid(question_uuid)).first()
    if question is None:
        raise Http404(_("No question {uuid}").format(uuid=question_uuid))
    bank_for(user, question.bank.uuid, need)
    return question


def bank_row(bank, user, count=None):
    """A bank as the list shows it (with the user's role)."""
    count = bank.questions.count() if count is None else count
    return {
        "uuid": str(bank.uuid),
        "name": bank.name,
        "scope": bank.scope,
        "question_count": count,
        "role": permissions.role_on_bank(user, bank),
    }


def visible_bank_rows(user):
    banks = permissions.visible_banks(user).annotate(count=Count("questions")).order_by("name", "id")
    return [bank_row(bank, user, bank.count) for bank in banks]


class BankUserPermission(IsAuthenticated):
    """Signed in, and a role on some bank (students have none: 403)."""

    def has_permission(self, request, view):
        return super().has_permission(request, view) and permissions.is_bank_user(request.user)


# ---------------------------------------------------------------------- banks
class BankListView(APIView):
    """Banks you may see (your own, shared with you, your school's; staff: all). Anyone signed in may start a
    personal bank."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="List the question banks you may see", responses=BankSerializer(many=True))
    def get(self, request):
        if not permissions.is_bank_user(request.user):
            raise PermissionDenied
        return Response(BankSerializer(visible_bank_rows(request.user), many=True).data)

    @extend_schema(
        summary="Create a personal question bank", request=BankSerializer, responses=BankSerializer
    )
    def post(self, request):
        if not permissions.can_create_bank(request.user):
            raise PermissionDenied
        data = BankSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        bank = api.create_bank(data.validated_data["name"], owner_id=request.user.id)
        return Response(BankSerializer(bank).data, status=201)


class BankDetailView(APIView):
    permission_classes = [BankUserPermission]

    @extend_schema(summary="A question bank, with your role on it", responses=BankSerializer)
    def get(self, request, bank_uuid):
        return Response(bank_row(bank_for(request.user, bank_uuid), request.user))


# ----------------------------------------------------------------- questions
class QuestionFilterSerializer(serializers.Serializer):
    subject = serializers.CharField(required=False, allow_blank=True, help_text="subject code, e.g. TOAN")
    grade = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=12)
    level = serializers.ChoiceField(choices=list(COGNITIVE_LEVELS), required=False, allow_blank=True)
    type = serializers.ChoiceField(choices=[t.value for t in QuestionType], required=False, allow_blank=True)
    outcome = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="a topic or outcome code: that code and every code under it",
    )
    q = serializers.CharField(required=False, allow_blank=True, help_text="words, with or without diacritics")
    ordering = serializers.ChoiceField(choices=list(listing.ORDERINGS), required=False, default="newest")
    cursor = serializers.CharField(required=False, allow_blank=True, help_text="next or previous from a page")
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)


def read_filters(params):
    """``(Filters, ordering, cursor, page size)`` from query parameters; ``ValidationError`` when wrong."""
    data = QuestionFilterSerializer(data={key: value for key, value in params.items() if value != ""})
    data.is_valid(raise_exception=True)
    values = data.validated_data
    filters = listing.Filters(
        subject=values.get("subject", ""),
        grade=values.get("grade"),
        level=values.get("level", ""),
        type=values.get("type", ""),
        outcome=values.get("outcome", ""),
        q=values.get("q", ""),
    )
    return filters, values["ordering"], values.get("cursor") or None, values["page_size"]


def questions_payload(bank, params):
    """One page of the bank's list as the API returns it."""
    filters, ordering, cursor, size = read_filters(params)
    try:
        found = listing.page(listing.filter_questions(bank.id, filters), filters, ordering, cursor, size)
    except listing.InvalidCursor as exc:
        raise ValidationError({"cursor": [str(exc)]}) from exc
    versions = [question.current for question in found.questions]
    for question, version in zip(found.questions, versions, strict=True):
        version.question = question  # already loaded: no query per row
        question.bank = bank
    return {
        "count": found.count,
        "count_exact": found.count_exact,
        "next": found.next_cursor,
        "previous": found.previous_cursor,
        "results": QuestionSerializer(versions, many=True).data,
    }


class BankQuestionListView(APIView):
    permission_classes = [BankUserPermission]
    parser_classes = [JSONParser]

    @extend_schema(
        summary="Questions of a bank, filtered, newest first (keyset pages)",
        parameters=[QuestionFilterSerializer],
        responses=QuestionPageSerializer,
    )
    def get(self, request, bank_uuid):
        return Response(questions_payload(bank_for(request.user, bank_uuid), request.query_params))

    @extend_schema(
        summary="Add a question (version 1) to a bank",
        request=QuestionContentSerializer,
        responses={201: QuestionDetailSerializer},
    )
    def post(self, request, bank_uuid):
        bank = bank_for(request.user, bank_uuid, "edit")
        content = QuestionContentSerializer(data=request.data)
        content.is_valid(raise_exception=True)
        try:
            question = editing.create_question(bank, content.validated_data, request.user.id)
        except editing.InvalidQuestion as exc:
            raise ValidationError({"problems": exc.problems}) from exc
        return Response(
            QuestionDetailSerializer(question.current, context={"can_edit": True}).data, status=201
        )


class QuestionDetailView(APIView):
    permission_classes = [BankUserPermission]

    @extend_schema(
        summary="A question as its current version (or ?version=N), key included, with its history",
        parameters=[
            OpenApiParameter("version", int, description="a version number; default: the current one")
        ],
        responses=QuestionDetailSerializer,
    )
    def get(self, request, question_uuid):
        question = question_for(request.user, question_uuid)
        version = question.current
        if request.query_params.get("version"):
            version = question.versions.filter(
                number=_version_number(request.query_params["version"])
            ).first()
            if version is None:
                raise Http404(
                    _("No version {version} of this question").format(version=request.query_params["version"])
                )
        if version is None:
            raise Http404(_("The question has no version"))
        version.question = question
        context = {"can_edit": permissions.can_edit_bank(request.user, question.bank)}
        return Response(QuestionDetailSerializer(version, context=context).data)


def _version_number(value):
    try:
        return int(value)
    except ValueError as exc:
        raise ValidationError(
            {"version": [_("%(value)r is not a version number") % {"value": value}]}
        ) from exc


class QuestionVersionView(APIView):
    permission_classes = [BankUserPermission]
    parser_classes = [JSONParser]

    @extend_schema(
        summary="Edit a question: store a new version and make it current (versions never change)",
        request=QuestionContentSerializer,
        responses={201: QuestionDetailSerializer},
    )
    def post(self, request, question_uuid):
        question = question_for(request.user, question_uuid, "edit")
        content = QuestionContentSerializer(data=request.data)
        content.is_valid(raise_exception=True)
        try:
            version = editing.add_version(question, content.validated_data, request.user.id)
        except editing.InvalidQuestion as exc:
            raise ValidationError({"problems": exc.problems}) from exc
        version.question.bank = question.bank
        return Response(QuestionDetailSerializer(version, context={"can_edit": True}).data, status=201)


class _TransferView(APIView):
    permission_classes = [BankUserPermission]
    parser_classes = [JSONParser]
    target_need = "edit"

    def _banks(self, request, bank_uuid, source_need):
        data = TransferSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        source = bank_for(request.user, bank_uuid, source_need)
        target = bank_for(request.user, data.validated_data["target"], "edit")
        if source.pk == target.pk:
            raise ValidationError({"target": [_("The questions are already in this bank.")]})
        return source, target, data.validated_data["questions"]


class BankMoveView(_TransferView):
    @extend_schema(
        summary="Move questions (with their versions) to another bank; you must be able to edit both",
        request=TransferSerializer,
        responses=TransferResultSerializer,
    )
    def post(self, request, bank_uuid):
        source, target, questions = self._banks(request, bank_uuid, "edit")
        try:
            with transaction.atomic():
                moved = editing.move_questions(source, target, questions)
                audit_trail.questions_moved(source, target, questions, request.user)
        except editing.InvalidQuestion as exc:
            raise ValidationError({"questions": exc.problems}) from exc
        return Response({"moved": moved})


class BankCopyView(_TransferView):
    @extend_schema(
        summary="Copy questions into a bank you can edit (questions already there are skipped)",
        request=TransferSerializer,
        responses=TransferResultSerializer,
    )
    def post(self, request, bank_uuid):
        source, target, questions = self._banks(request, bank_uuid, "view")
        try:
            created, skipped = editing.copy_questions(source, target, questions, request.user.id)
        except editing.InvalidQuestion as exc:
            raise ValidationError({"questions": exc.problems}) from exc
        return Response({"created": created, "skipped": skipped})


# --------------------------------------------------------------------- shares
def share_rows(bank):
    shares = list(bank.shares.order_by("id"))
    users = get_user_model().objects.in_bulk([share.user_id for share in shares])
    rows = []
    for share in shares:
        user = users.get(share.user_id)
        rows.append(
            {
                "user_id": share.user_id,
                "username": user.username if user else "",
                "full_name": user.get_full_name() if user else "",
                "role": share.role,
            }
        )
    return rows


def share_bank(bank, username, role, by_user):
    """Share (or change the role); returns the row. ``ValidationError`` for an unknown user or the owner."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise ValidationError({"username": [_("No user %(name)r.") % {"name": username}]})
    if user.id == bank.owner_id:
        raise ValidationError({"username": [_("The owner already has every right on the bank.")]})
    with transaction.atomic():
        before = bank.shares.filter(user_id=user.id).values_list("role", flat=True).first()
        BankShare.objects.update_or_create(
            bank=bank, user_id=user.id, defaults={"role": role, "created_by": by_user.id}
        )
        audit_trail.share_changed(bank, by_user, user.id, before, role)
    return next(row for row in share_rows(bank) if row["user_id"] == user.id)


class BankShareListView(APIView):
    permission_classes = [BankUserPermission]

    @extend_schema(
        summary="Who the bank is shared with (owner and staff)", responses=ShareSerializer(many=True)
    )
    def get(self, request, bank_uuid):
        return Response(share_rows(bank_for(request.user, bank_uuid, "manage")))

    @extend_schema(
        summary="Share the bank with a user as viewer or editor (again: change the role)",
        request=ShareSerializer,
        responses={201: ShareSerializer},
    )
    def post(self, request, bank_uuid):
        bank = bank_for(request.user, bank_uuid, "manage")
        data = ShareSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = share_bank(bank, data.validated_data["username"], data.validated_data["role"], request.user)
        return Response(row, status=201)


class BankShareDetailView(APIView):
    permission_classes = [BankUserPermission]

    def _share(self, request, bank_uuid, user_id):
        bank = bank_for(request.user, bank_uuid, "manage")
        share = bank.shares.filter(user_id=user_id).first()
        if share is None:
            raise Http404(_("The bank is not shared with this user"))
        return bank, share

    @extend_schema(summary="Change a share's role", request=ShareRoleSerializer, responses=ShareSerializer)
    def patch(self, request, bank_uuid, user_id):
        bank, share = self._share(request, bank_uuid, user_id)
        data = ShareRoleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        before, share.role = share.role, data.validated_data["role"]
        with transaction.atomic():
            share.save(update_fields=["role"])
            audit_trail.share_changed(bank, request.user, share.user_id, before, share.role)
        return Response(next(row for row in share_rows(bank) if row["user_id"] == share.user_id))

    @extend_schema(summary="Stop sharing the bank with a user", responses={204: None})
    def delete(self, request, bank_uuid, user_id):
        bank, share = self._share(request, bank_uuid, user_id)
        with transaction.atomic():
            share.delete()
            audit_trail.share_changed(bank, request.user, share.user_id, share.role, None)
        return Response(status=204)


# --------------------------------------------------------------------- import
class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    format = serializers.ChoiceField(choices=api.import_formats(), required=False)
    dry_run = serializers.BooleanField(default=False)


class ImportResultSerializer(serializers.Serializer):
    format = serializers.CharField()
    created = serializers.IntegerField(help_text="questions stored (or, with dry_run, that would be)")
    dry_run = serializers.BooleanField()
    duplicates = serializers.ListField(child=serializers.CharField())
    notes = serializers.ListField(child=serializers.CharField())
    questions = serializers.ListField(child=serializers.CharField(), help_text="uuids of the new questions")


def problem_rows(problems):
    return [
        {"file": p.place.file, "line": p.place.line, "question": p.place.number, "message": p.message}
        for p in problems
    ]


class BankImportView(APIView):
    """Import a file into a bank in one request: all of it, or nothing and every problem with its place."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Import questions into a bank (dry_run=true: preview only)",
        request=ImportSerializer,
        responses=ImportResultSerializer,
    )
    def post(self, request, bank_uuid):
        bank = bank_for(request.user, bank_uuid, "edit")
        uploads.validate_request(request)
        data = ImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        uploads.validate_files([upload])
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
            detail = str(exc).splitlines()[0]
            return Response({"detail": detail, "problems": problem_rows(exc.problems)}, status=400)
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


def job_for(user, job_uuid):
    job = ImportJob.objects.select_related("bank").filter(uuid=_uuid(job_uuid)).first()
    if job is None:
        raise Http404(_("No import {uuid}").format(uuid=job_uuid))
    bank_for(user, job.bank.uuid, "edit")
    if job.user_id != user.id and not permissions.can_manage_bank(user, job.bank):
        raise PermissionDenied
    return jobs.fail_if_stale(job)  # its worker was killed: say so rather than "running" for ever


class ImportJobCreateView(APIView):
    permission_classes = [BankUserPermission]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Upload a file for the import wizard: its preview runs now (small file) or in a task",
        description="Returns the job: `status` done with `result` (problems with their places, duplicates, a "
        "sample) when the file was small; otherwise `queued` — poll GET /imports/{uuid}/ for `done`/`total`.",
        request=QuestionFileUploadSerializer,
        responses={201: ImportJobSerializer, 202: ImportJobSerializer},
    )
    def post(self, request, bank_uuid):
        bank = bank_for(request.user, bank_uuid, "edit")
        uploads.validate_request(request)
        data = QuestionFileUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        uploads.validate_files([data.validated_data["file"]])
        job = jobs.start(
            bank, request.user.id, data.validated_data["file"], data.validated_data.get("format", "")
        )
        return Response(
            ImportJobSerializer(job).data, status=202 if job.status == ImportJob.Status.QUEUED else 201
        )


class ImportJobView(APIView):
    permission_classes = [BankUserPermission]

    @extend_schema(summary="An import job: stage, status, progress and result", responses=ImportJobSerializer)
    def get(self, request, job_uuid):
        return Response(ImportJobSerializer(job_for(request.user, job_uuid)).data)


class ImportJobConfirmView(APIView):
    permission_classes = [BankUserPermission]

    @extend_schema(
        summary="Confirm a previewed import: store its questions (now, or in a task for a large file)",
        description="The body may set subject, grade, level and outcomes for all questions (`all`) or for "
        "one (`questions`, by the preview's `key`); they are stored with the questions.",
        request=import_choices.ChoicesSerializer,
        responses={200: ImportJobSerializer, 202: ImportJobSerializer},
    )
    def post(self, request, job_uuid):
        job = job_for(request.user, job_uuid)
        choices = import_choices.ChoicesSerializer(data=request.data or {})
        choices.is_valid(raise_exception=True)
        try:
            job = jobs.confirm(job, choices.validated_data)
        except jobs.JobStateError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        job.refresh_from_db()
        return Response(
            ImportJobSerializer(job).data, status=202 if job.status == ImportJob.Status.QUEUED else 200
        )
