"""Answer sheets of a test (mounted at /vn/assessment/tests/<exam_uuid>/sheets/, names in vn_assessment)."""

from django.urls import path

from openedx_vn.assessment.sheets import views

urlpatterns = [
    path("", views.sheets_page, name="sheets-page"),
    path("print/", views.print_sheets, name="sheets-print"),
    path("students/", views.save_students, name="sheets-students"),
    path("upload/", views.upload, name="sheets-upload"),
    path("batches/", views.new_batch, name="sheets-batch-new"),
    path("batches/<str:batch_uuid>/", views.batch_status, name="sheets-batch"),
    path("batches/<str:batch_uuid>/parts/", views.batch_part, name="sheets-batch-part"),
    path("batches/<str:batch_uuid>/start/", views.batch_start, name="sheets-batch-start"),
    path("review/", views.review_next, name="sheets-review"),
    path("<str:sheet_uuid>/", views.sheet_review, name="sheet-review"),
    path("<str:sheet_uuid>/image.jpg", views.sheet_image, name="sheet-image"),
]
