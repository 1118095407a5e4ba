"""The audit trail's page (/vn/audit/) and REST (/vn/audit/api/v1/entries/). Both read ``api.list_entries``,
which keeps each user to their scope; users with no role of ours get 403."""

import json
from zoneinfo import ZoneInfo

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from openedx_vn.audit import api

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PAGE_SIZE = 100


def local_time(at):
    """``at`` (aware, UTC) in Vietnam time, dd/mm/yyyy HH:MM."""
    return at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")


class FilterSerializer(serializers.Serializer):
    school = serializers.CharField(required=False, allow_blank=True, max_length=32)
    commune = serializers.CharField(required=False, allow_blank=True, max_length=8)
    province = serializers.CharField(required=False, allow_blank=True, max_length=8)
    action = serializers.ChoiceField(choices=list(api.ACTIONS), required=False, allow_blank=True)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=api.MAX_LIMIT, default=PAGE_SIZE)
    offset = serializers.IntegerField(required=False, min_value=0, max_value=10**9, default=0)


class EntrySerializer(serializers.Serializer):
    uuid = serializers.CharField()
    at = serializers.DateTimeField(help_text="in Asia/Ho_Chi_Minh")
    at_display = serializers.CharField(help_text="dd/mm/yyyy HH:MM, Vietnam time")
    actor_user_id = serializers.IntegerField(allow_null=True)
    actor_username = serializers.CharField(allow_null=True)
    actor_name = serializers.CharField(allow_null=True)
    action = serializers.CharField()
    action_label = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    school_code = serializers.CharField()
    commune_code = serializers.CharField()
    province_code = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)


def _entries(user, data):
    return api.list_entries(
        user,
        school_code=data.get("school") or None,
        commune_code=data.get("commune") or None,
        province_code=data.get("province") or None,
        action=data.get("action") or None,
        limit=data.get("limit", PAGE_SIZE),
        offset=data.get("offset", 0),
    )


def _row(entry):
    return {**entry.__dict__, "at": entry.at.astimezone(VIETNAM), "at_display": local_time(entry.at)}


class EntryListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The audit trail of your scope, newest first",
        parameters=[
            OpenApiParameter("school", str),
            OpenApiParameter("commune", str),
            OpenApiParameter("province", str),
            OpenApiParameter("action", str, enum=list(api.ACTIONS)),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
        responses=EntrySerializer(many=True),
    )
    def get(self, request):
        if not api.can_read_trail(request.user):
            raise ApiPermissionDenied(_("The audit trail is for school leaders, officers and teachers."))
        filters = FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        try:
            entries = _entries(request.user, filters.validated_data)
        except api.AuditError as exc:
            raise ValidationError({"detail": [str(exc)]}) from exc
        return Response(EntrySerializer([_row(e) for e in entries], many=True).data)


def trail_page(request):
    """The trail as a table, filtered by action, school, commune or province."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not api.can_read_trail(request.user):
        raise PermissionDenied(_("The audit trail is for school leaders, officers and teachers."))
    filters = FilterSerializer(data=request.GET)
    status = 200
    if filters.is_valid():
        entries = _entries(request.user, filters.validated_data)
        error = ""
    else:
        entries, status = [], 400
        error = "; ".join(f"{name}: {' '.join(map(str, msgs))}" for name, msgs in filters.errors.items())
    rows = [
        {
            **_row(entry),
            "before_text": _json(entry.before),
            "after_text": _json(entry.after),
        }
        for entry in entries
    ]
    context = {
        "rows": rows,
        "actions": [(code, str(label)) for code, label in api.ACTIONS.items()],
        "chosen": request.GET.get("action", ""),
        "error": error,
    }
    return render(request, "openedx_vn/audit/trail.html", context, status=status)


def _json(value):
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
