from django.urls import path

from openedx_vn.curriculum import views

app_name = "vn_curriculum"

urlpatterns = [
    path("", views.program_page, name="program"),
    path("api/v1/levels/", views.LevelListView.as_view(), name="level-list"),
]
