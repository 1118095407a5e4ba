from django.urls import path

from openedx_vn.practice import views

app_name = "vn_practice"

urlpatterns = [
    path("progress/", views.progress_page, name="progress"),
    path("progress/links/", views.issue_link, name="issue-link"),
    path("progress/links/<uuid:link_uuid>/revoke/", views.revoke_link, name="revoke-link"),
    path("p/<str:token>/", views.parent_page, name="parent"),
    path("courses/<str:course_key>/", views.class_page, name="class"),
    path(
        "courses/<str:course_key>/students/<int:student_id>/link/",
        views.teacher_issue_link,
        name="teacher-link",
    ),
]
