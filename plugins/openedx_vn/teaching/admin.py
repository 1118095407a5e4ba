from django.contrib import admin

from openedx_vn.teaching.models import EnrollmentRecord


@admin.register(EnrollmentRecord)
class EnrollmentRecordAdmin(admin.ModelAdmin):
    list_display = ["username", "course_key", "mode", "is_active", "enrolled_at"]
    list_filter = ["is_active", "mode"]
    search_fields = ["username", "course_key"]
    readonly_fields = ["updated_at"]
