from django.contrib import admin

from openedx_vn.schools.models import (
    RoleAssignment,
    School,
    SchoolClass,
    SchoolYear,
    TeachingAssignment,
    Unit,
)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "kind", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "level", "kind", "name", "parent"]

    def has_add_permission(self, request):
        return False  # units come from `load_units` (the vietnam-provinces package), never typed in


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "commune", "reports_to"]
    list_filter = ["reports_to", "primary", "lower_secondary", "upper_secondary", "continuing", "preschool"]
    search_fields = ["code", "name"]
    raw_id_fields = ["commune", "legacy_district"]
    readonly_fields = ["province", "reports_to"]


@admin.register(SchoolYear)
class SchoolYearAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "semester2_starts_on", "ends_on", "weeks"]


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "year", "grade", "size"]
    list_filter = ["year", "grade"]
    search_fields = ["name", "school__code", "school__name"]
    raw_id_fields = ["school"]


@admin.register(TeachingAssignment)
class TeachingAssignmentAdmin(admin.ModelAdmin):
    list_display = ["school_class", "subject_code", "teacher_user_id"]
    search_fields = ["school_class__school__code", "subject_code"]
    raw_id_fields = ["school_class"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user_id", "role", "school", "unit", "granted_at"]
    list_filter = ["role"]
    search_fields = ["school__code", "unit__code"]
    raw_id_fields = ["school", "unit"]
