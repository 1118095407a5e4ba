from rest_framework import serializers


class LevelSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_vi = serializers.CharField()
    name_en = serializers.CharField()
    grades = serializers.ListField(child=serializers.IntegerField())
    period_minutes = serializers.IntegerField()
