from django.urls import path, re_path

from openedx_vn.curriculum import course_views, views

app_name = "vn_curriculum"

urlpatterns = [
    path("", views.program_page, name="program"),
    path("<str:subject_code>/<int:grade>/", views.subject_page, name="subject"),
    path("courses/<str:course_key>/link/", course_views.course_link_page, name="course-link"),
    path(
        "api/v1/courses/<str:course_key>/link/", course_views.CourseLinkView.as_view(), name="course-link-api"
    ),
    path("api/v1/levels/", views.LevelListView.as_view(), name="level-list"),
    path("api/v1/versions/", views.VersionListView.as_view(), name="version-list"),
    path("api/v1/subjects/", views.SubjectListView.as_view(), name="subject-list"),
    path("api/v1/subjects/<str:subject_code>/<int:grade>/tree/", views.TreeView.as_view(), name="tree"),
    path("api/v1/nodes/", views.NodeSearchView.as_view(), name="node-search"),
    path("api/v1/topics/import/", views.TopicsImportView.as_view(), name="topics-import"),
    re_path(
        r"^api/v1/topics/template\.(?P<extension>csv|xlsx)$", views.topics_template, name="topics-template"
    ),
]
