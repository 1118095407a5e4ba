from rest_framework import serializers


class LevelSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_vi = serializers.CharField()
    name_en = serializers.CharField()
    grades = serializers.ListField(child=serializers.IntegerField())
    period_minutes = serializers.IntegerField()


class VersionSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    loaded_at = serializers.DateTimeField()
    is_current = serializers.BooleanField()
    weeks_per_year = serializers.IntegerField()
    semester_weeks = serializers.ListField(child=serializers.IntegerField())


class SubjectOfferingSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_vi = serializers.CharField()
    name_en = serializers.CharField()
    grade = serializers.IntegerField()
    periods_per_year = serializers.IntegerField()
    kind = serializers.CharField()
    source = serializers.CharField()
    confidence = serializers.CharField()


class NodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    subject_code = serializers.CharField()
    grade = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    periods = serializers.IntegerField(allow_null=True)
    parent_code = serializers.CharField(allow_null=True)
    children = serializers.SerializerMethodField()

    def get_children(self, node) -> list[dict]:
        return NodeSerializer(node.children, many=True).data


class SearchHitSerializer(serializers.Serializer):
    code = serializers.CharField()
    subject_code = serializers.CharField()
    grade = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    parent_code = serializers.CharField(allow_null=True)


class TopicsUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
