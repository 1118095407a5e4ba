from django.contrib import admin

from openedx_vn.teaching.models import EnrollmentRecord, OnlineSession, PolicyVersion, ShareCell, TeachingPlan


@admin.register(EnrollmentRecord)
class EnrollmentRecordAdmin(admin.ModelAdmin):
    list_display = ["username", "course_key", "mode", "is_active", "enrolled_at"]
    list_filter = ["is_active", "mode"]
    search_fields = ["username", "course_key"]
    readonly_fields = ["updated_at"]


class _ReadOnly(admin.ModelAdmin):
    """Shown for support, changed only through ``teaching.api`` (which keeps the share cells right)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TeachingPlan)
class TeachingPlanAdmin(_ReadOnly):
    list_display = [
        "school_code",
        "class_name",
        "subject_code",
        "year",
        "planned_periods",
        "planned_online_periods",
    ]
    list_filter = ["year", "level"]
    search_fields = ["school_code", "class_name", "subject_code"]


@admin.register(OnlineSession)
class OnlineSessionAdmin(_ReadOnly):
    list_display = [
        "school_code",
        "class_name",
        "subject_code",
        "starts_at",
        "periods",
        "source",
        "status",
        "counted",
    ]
    list_filter = ["year", "source", "status", "counted"]
    search_fields = ["school_code", "class_name", "subject_code", "usage_key"]


@admin.register(ShareCell)
class ShareCellAdmin(_ReadOnly):
    list_display = [
        "school_code",
        "class_id",
        "subject_code",
        "year",
        "planned",
        "online",
        "pending",
        "complete",
    ]
    list_filter = ["year", "level", "complete"]
    search_fields = ["school_code", "subject_code"]


@admin.register(PolicyVersion)
class PolicyVersionAdmin(_ReadOnly):
    list_display = ["year", "updated_at", "updated_by_user_id", "stale"]
