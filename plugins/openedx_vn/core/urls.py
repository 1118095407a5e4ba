from django.urls import path

from openedx_vn.core import views

app_name = "vn_core"

urlpatterns = [
    # The role home page: what this user can open, one card per app (core.shell, ADR 0018).
    path("", views.home, name="home"),
    path("exports/<str:token>/", views.export_download, name="export"),
    # Pictures inside question HTML: the stable address stored in the HTML (core.pictures).
    path("pictures/<str:name>", views.picture, name="picture"),
]
