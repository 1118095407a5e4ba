from django.urls import path

from openedx_vn.reporting import views

app_name = "vn_reporting"

urlpatterns = [
    path("", views.index_page, name="index"),
    path("training/", views.training_page, name="training"),
    path("evidence/", views.evidence_page, name="evidence"),
    path("talent/", views.talent_page, name="talent"),
    path("talent/export.xlsx", views.talent_export, name="talent_export"),
]
