from django.urls import path

from openedx_vn.teaching import views

app_name = "vn_teaching"

urlpatterns = [
    path("", views.overview_page, name="overview"),
    path(
        "api/v1/courses/<str:course_key>/enrollment-summary/",
        views.EnrollmentSummaryView.as_view(),
        name="enrollment-summary",
    ),
]
