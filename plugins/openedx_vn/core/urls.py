from django.urls import path

from openedx_vn.core import views

app_name = "vn_core"

urlpatterns = [
    path("exports/<str:token>/", views.export_download, name="export"),
    # Pictures inside question HTML: the stable address stored in the HTML (core.pictures).
    path("pictures/<str:name>", views.picture, name="picture"),
]
