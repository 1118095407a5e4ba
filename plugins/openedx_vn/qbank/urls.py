from django.urls import path

from openedx_vn.qbank import bank_views, views

app_name = "vn_qbank"

urlpatterns = [
    path("", views.home_page, name="home"),
    path("api/v1/question-types/", views.QuestionTypeListView.as_view(), name="question-type-list"),
    path("api/v1/banks/", bank_views.BankListView.as_view(), name="bank-list"),
    path("api/v1/import-template.xlsx", views.import_template, name="import-template"),
    path("api/v1/banks/<str:bank_uuid>/import/", bank_views.BankImportView.as_view(), name="bank-import"),
]
