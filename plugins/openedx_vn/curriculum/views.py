from django.shortcuts import render
from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny

from openedx_vn.curriculum import api
from openedx_vn.curriculum.serializers import LevelSerializer


def program_page(request):
    """The program browser: levels and their grades (public reference information)."""
    context = {"levels": api.get_levels()}
    return render(request, "openedx_vn/curriculum/program.html", context)


@extend_schema(summary="Levels of the 2018 General Education Program with their grades")
class LevelListView(ListAPIView):
    # The program is public reference information, like the published TT 32/2018 text.
    permission_classes = [AllowAny]
    serializer_class = LevelSerializer
    pagination_class = None

    def get_queryset(self):
        return api.get_levels()
