from django.contrib import admin

from openedx_vn.curriculum.models import CourseLink, CurriculumNode, ProgramVersion


@admin.register(ProgramVersion)
class ProgramVersionAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "is_current", "loaded_at"]
    readonly_fields = ["key", "name", "checksum", "data", "is_current", "loaded_at"]

    def has_add_permission(self, request):
        return False  # versions come from `load_curriculum`, never typed in


@admin.register(CurriculumNode)
class CurriculumNodeAdmin(admin.ModelAdmin):
    list_display = ["code", "subject_code", "grade", "kind", "title"]
    list_filter = ["kind", "subject_code", "grade"]
    search_fields = ["code", "search_text"]
    raw_id_fields = ["parent"]


@admin.register(CourseLink)
class CourseLinkAdmin(admin.ModelAdmin):
    list_display = ["course_key", "school_code", "school_year", "grade", "subject_code"]
    search_fields = ["course_key", "school_code"]
