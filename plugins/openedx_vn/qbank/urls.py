from django.urls import path

from openedx_vn.qbank import views

app_name = "vn_qbank"

urlpatterns = [
    path("", views.home_page, name="home"),
    path("api/v1/question-types/", views.QuestionTypeListView.as_view(), name="question-type-list"),
]
