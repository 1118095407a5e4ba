"""Teachers' pages (mounted at /vn/assessment/)."""

from django.urls import path

from openedx_vn.assessment.pages import online, views

urlpatterns = [
    path("", views.home, name="home"),
    path("blueprints/new/", views.new_blueprint, name="blueprint-new"),
    path("blueprints/<str:blueprint_uuid>/", views.blueprint_page, name="blueprint-page"),
    path("blueprints/<str:blueprint_uuid>/generate/", views.generate_page, name="generate-page"),
    path("tests/<str:exam_uuid>/", views.exam_page, name="exam-page"),
    path("tests/<str:exam_uuid>/results/", views.results_page, name="results-page"),
    path("tests/<str:exam_uuid>/online/", views.author_page(online.online_page), name="online-page"),
    path("tests/<str:exam_uuid>/essays/", views.essays_page, name="essays-page"),
]
