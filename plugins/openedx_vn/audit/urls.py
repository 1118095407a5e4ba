from django.urls import path

from openedx_vn.audit import views

app_name = "vn_audit"

urlpatterns = [
    path("", views.trail_page, name="trail"),
    path("api/v1/entries/", views.EntryListView.as_view(), name="entry-list"),
]
