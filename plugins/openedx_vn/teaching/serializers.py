from rest_framework import serializers


class EnrollmentSummarySerializer(serializers.Serializer):
    course_key = serializers.CharField()
    course_title = serializers.CharField(allow_null=True)
    active = serializers.IntegerField()
    total = serializers.IntegerField()
