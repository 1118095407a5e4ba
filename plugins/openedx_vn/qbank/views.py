from django.http import HttpResponse
from django.shortcuts import render
from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated

from openedx_vn.qbank import api
from openedx_vn.qbank.serializers import QuestionTypeSerializer


def home_page(request):
    """What the question bank holds: the question types (no bank content, so public)."""
    context = {"question_types": api.get_question_types()}
    return render(request, "openedx_vn/qbank/home.html", context)


@extend_schema(summary="Question types the bank supports, with their labels in the request's language")
class QuestionTypeListView(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = QuestionTypeSerializer
    pagination_class = None

    def get_queryset(self):
        return api.get_question_types()


def import_template(request):
    """The Excel template for question imports."""
    response = HttpResponse(
        api.import_template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="ngan-hang-cau-hoi-mau.xlsx"'
    return response
