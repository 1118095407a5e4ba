"""Teachers' REST URLs (mounted at /vn/assessment/api/v1/; the attempts' URLs are in ``attempt_urls``)."""

from django.urls import path

from openedx_vn.assessment.rest import views

urlpatterns = [
    path("templates/", views.TemplateListView.as_view(), name="template-list"),
    path("blueprints/", views.BlueprintListView.as_view(), name="blueprint-list"),
    path("blueprints/check/", views.BlueprintCheckView.as_view(), name="blueprint-check"),
    path("blueprints/<str:blueprint_uuid>/", views.BlueprintDetailView.as_view(), name="blueprint-detail"),
    path(
        "blueprints/<str:blueprint_uuid>/files/<str:name>",
        views.BlueprintFileView.as_view(),
        name="blueprint-file",
    ),
    path(
        "blueprints/<str:blueprint_uuid>/generate/", views.GenerateView.as_view(), name="blueprint-generate"
    ),
    path("tests/", views.ExamListView.as_view(), name="exam-list"),
    path("tests/<str:exam_uuid>/", views.ExamDetailView.as_view(), name="exam-detail"),
    path("tests/<str:exam_uuid>/files/<str:name>", views.ExamFileView.as_view(), name="exam-file"),
    path("tests/<str:exam_uuid>/results/", views.ResultListView.as_view(), name="exam-results"),
    path("tests/<str:exam_uuid>/essays/", views.EssayListView.as_view(), name="exam-essays"),
]
