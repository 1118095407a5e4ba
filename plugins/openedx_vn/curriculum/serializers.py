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


class TopicsImportSerializer(serializers.Serializer):
    """What a topic file import did (``api.TopicsLoad``)."""

    replaced = serializers.ListField(
        child=serializers.ListField(), help_text="[subject code, grade] of each tree replaced"
    )
    unchanged = serializers.ListField(
        child=serializers.ListField(), help_text="[subject code, grade] of each tree the file left as it was"
    )
    nodes = serializers.IntegerField(help_text="strands, topics and outcomes read from the file")


class FileProblemSerializer(serializers.Serializer):
    """One problem of a refused file: where it is (file, line, field) and what is wrong."""

    file = serializers.CharField()
    line = serializers.IntegerField(allow_null=True)
    field = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class FileRefusedSerializer(serializers.Serializer):
    """A refused file: nothing was stored."""

    detail = serializers.CharField()
    problems = FileProblemSerializer(many=True)
