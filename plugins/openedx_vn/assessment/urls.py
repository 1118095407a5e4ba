"""URLs of the assessment app (mounted at /vn/assessment/)."""

from django.urls import include, path

app_name = "vn_assessment"

urlpatterns = [
    # The timed-test block's browser code: start, save each answer, submit (session auth, the student).
    path("api/v1/attempts/", include("openedx_vn.assessment.rest.attempt_urls")),
    # Teachers: blueprints, tests, results (REST, with the OpenAPI schema).
    path("api/v1/", include("openedx_vn.assessment.rest.urls")),
    # Answer sheets: print, upload photos or scans, review (issue 17).
    path("tests/<str:exam_uuid>/sheets/", include("openedx_vn.assessment.sheets.urls")),
    # Teachers' pages: the matrix editor, generation, printing, results, essay grading.
    path("", include("openedx_vn.assessment.pages.urls")),
]
