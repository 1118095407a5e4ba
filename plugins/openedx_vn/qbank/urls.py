from django.urls import path

from openedx_vn.qbank import bank_views, export_views, views

app_name = "vn_qbank"

urlpatterns = [
    path("", views.home_page, name="home"),
    path("api/v1/question-types/", views.QuestionTypeListView.as_view(), name="question-type-list"),
    path("api/v1/banks/", bank_views.BankListView.as_view(), name="bank-list"),
    path("api/v1/import-template.xlsx", views.import_template, name="import-template"),
    path("api/v1/banks/<str:bank_uuid>/import/", bank_views.BankImportView.as_view(), name="bank-import"),
    path("api/v1/banks/<str:bank_uuid>/export/", export_views.BankExportView.as_view(), name="bank-export"),
    # Teachers' pages
    path("banks/", views.banks_page, name="banks-page"),
    path("banks/<str:bank_uuid>/", views.bank_page, name="bank-page"),
    path("banks/<str:bank_uuid>/new/", views.new_question_page, name="new-question-page"),
    path("banks/<str:bank_uuid>/import/", views.import_page, name="import-page"),
    path("questions/<str:question_uuid>/", views.question_page, name="question-page"),
    # Banks, questions, versions, moving and copying, shares
    path("api/v1/banks/<str:bank_uuid>/", bank_views.BankDetailView.as_view(), name="bank-detail"),
    path(
        "api/v1/banks/<str:bank_uuid>/questions/",
        bank_views.BankQuestionListView.as_view(),
        name="bank-question-list",
    ),
    path("api/v1/banks/<str:bank_uuid>/move/", bank_views.BankMoveView.as_view(), name="bank-move"),
    path("api/v1/banks/<str:bank_uuid>/copy/", bank_views.BankCopyView.as_view(), name="bank-copy"),
    path(
        "api/v1/banks/<str:bank_uuid>/shares/", bank_views.BankShareListView.as_view(), name="bank-share-list"
    ),
    path(
        "api/v1/banks/<str:bank_uuid>/shares/<int:user_id>/",
        bank_views.BankShareDetailView.as_view(),
        name="bank-share-detail",
    ),
    path(
        "api/v1/questions/<str:question_uuid>/",
        bank_views.QuestionDetailView.as_view(),
        name="question-detail",
    ),
    path(
        "api/v1/questions/<str:question_uuid>/versions/",
        bank_views.QuestionVersionView.as_view(),
        name="question-versions",
    ),
    # The import wizard's jobs
    path(
        "api/v1/banks/<str:bank_uuid>/imports/",
        bank_views.ImportJobCreateView.as_view(),
        name="import-job-create",
    ),
    path("api/v1/imports/<str:job_uuid>/", bank_views.ImportJobView.as_view(), name="import-job"),
    path(
        "api/v1/imports/<str:job_uuid>/confirm/",
        bank_views.ImportJobConfirmView.as_view(),
        name="import-job-confirm",
    ),
]
