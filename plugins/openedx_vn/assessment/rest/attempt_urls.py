"""The student's attempt at a test (the ``vn_timed_test`` block's browser code), under
/vn/assessment/api/v1/attempts/<exam uuid>/: state (GET), start, answers, submit, events (POST)."""

from django.urls import path

from openedx_vn.assessment.rest import attempts

urlpatterns = [
    path("<str:exam_uuid>/", attempts.StateView.as_view(), name="student-attempt"),
    path("<str:exam_uuid>/start/", attempts.StartView.as_view(), name="student-attempt-start"),
    path("<str:exam_uuid>/answers/", attempts.AnswersView.as_view(), name="student-attempt-answers"),
    path("<str:exam_uuid>/submit/", attempts.SubmitView.as_view(), name="student-attempt-submit"),
    path("<str:exam_uuid>/events/", attempts.EventsView.as_view(), name="student-attempt-events"),
]
