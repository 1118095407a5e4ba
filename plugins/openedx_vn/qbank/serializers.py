from rest_framework import serializers


class QuestionTypeSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
