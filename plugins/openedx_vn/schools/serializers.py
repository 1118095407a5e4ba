from rest_framework import serializers


class UnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    level = serializers.CharField()
    kind = serializers.CharField()
    name = serializers.CharField()
    parent_code = serializers.CharField(allow_null=True)


class SchoolSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    levels = serializers.ListField(child=serializers.CharField())
    commune_code = serializers.CharField()
    commune_name = serializers.CharField()
    province_code = serializers.CharField()
    province_name = serializers.CharField()
    reports_to = serializers.CharField()
    legacy_district_code = serializers.CharField(allow_null=True)


class SchoolYearSerializer(serializers.Serializer):
    name = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    weeks = serializers.IntegerField()
    semester2_starts_on = serializers.DateField()


class ClassSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.CharField()
    grade = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()


class AssignmentSerializer(serializers.Serializer):
    class_id = serializers.IntegerField()
    class_name = serializers.CharField()
    grade = serializers.IntegerField()
    subject_code = serializers.CharField()
    teacher_user_id = serializers.IntegerField()
    teacher_username = serializers.CharField(allow_null=True)
    teacher_name = serializers.CharField(allow_null=True)


class TeacherSerializer(serializers.Serializer):
    user_id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()


class SchoolDetailSerializer(serializers.Serializer):
    school = SchoolSerializer()
    year = serializers.CharField(allow_null=True)
    can_lead = serializers.BooleanField()
    classes = ClassSerializer(many=True)
    assignments = AssignmentSerializer(many=True)
    teachers = TeacherSerializer(many=True)


class RoleSerializer(serializers.Serializer):
    role = serializers.CharField()
    scope_level = serializers.CharField(allow_null=True)
    scope_code = serializers.CharField(allow_null=True)


class ScopeSerializer(serializers.Serializer):
    everything = serializers.BooleanField()
    roles = RoleSerializer(many=True)
    school_count = serializers.IntegerField(allow_null=True)
    can_import = serializers.BooleanField()


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.ListField(child=serializers.FileField(), help_text="one .xlsx, or one .csv per table")
    dry_run = serializers.BooleanField(default=False)


class ImportReportSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    schools_created = serializers.IntegerField()
    schools_updated = serializers.IntegerField()
    classes_created = serializers.IntegerField()
    classes_updated = serializers.IntegerField()
    assignments_created = serializers.IntegerField()
    assignments_removed = serializers.IntegerField()
    teachers_added = serializers.IntegerField()
