from django.urls import path, re_path

from openedx_vn.schools import views

app_name = "vn_schools"

urlpatterns = [
    path("api/v1/me/", views.ScopeView.as_view(), name="scope"),
    path("api/v1/units/", views.UnitListView.as_view(), name="unit-list"),
    path("api/v1/school-years/", views.SchoolYearListView.as_view(), name="year-list"),
    path("api/v1/schools/", views.SchoolListView.as_view(), name="school-list"),
    path("api/v1/schools/<str:code>/", views.SchoolDetailView.as_view(), name="school-detail"),
    path("api/v1/import/", views.ImportView.as_view(), name="import"),
    re_path(
        r"^api/v1/import/template(?:\.(?P<kind>xlsx)|-(?P<table>schools|classes|assignments)\.csv)$",
        views.import_template,
        name="import-template",
    ),
]
