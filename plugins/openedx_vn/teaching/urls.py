from django.urls import path

from openedx_vn.teaching import area_views, dashboard_views, policy_views, views
from openedx_vn.teaching.rest import sessions as session_views
from openedx_vn.teaching.rest import shares as share_views

app_name = "vn_teaching"

urlpatterns = [
    # Dashboards (each role's, at the same address) and their actions and exports.
    path("", dashboard_views.home, name="overview"),
    path("my/", dashboard_views.teacher_dashboard, name="teacher-dashboard"),
    path("my/sessions/<int:session_id>/submit/", dashboard_views.submit_session, name="submit-session"),
    path("schools/", dashboard_views.schools_dashboard, name="schools-dashboard"),
    path("schools/export/<str:kind>/", dashboard_views.schools_export, name="schools-export"),
    path("areas/<str:unit_code>/", area_views.area_dashboard, name="area-dashboard"),
    path("areas/<str:unit_code>/export/<str:kind>/", area_views.area_export, name="area-export"),
    path("schools/<str:school_code>/", dashboard_views.school_dashboard, name="school-dashboard"),
    path("schools/<str:school_code>/export/<str:kind>/", dashboard_views.school_export, name="school-export"),
    path(
        "schools/<str:school_code>/classes/<int:class_id>/",
        area_views.class_dashboard,
        name="class-dashboard",
    ),
    path(
        "schools/<str:school_code>/sessions/<int:session_id>/approve/",
        dashboard_views.approve_session,
        name="approve-session",
    ),
    path(
        "schools/<str:school_code>/sessions/<int:session_id>/reject/",
        dashboard_views.reject_session,
        name="reject-session",
    ),
    path(
        "api/v1/courses/<str:course_key>/enrollment-summary/",
        views.EnrollmentSummaryView.as_view(),
        name="enrollment-summary",
    ),
    # The share (issue 5): plans, sessions, imports, policy, figures, recompute.
    path(
        "api/v1/schools/<str:school_code>/plans/",
        session_views.SchoolPlansView.as_view(),
        name="school-plans",
    ),
    path("api/v1/plans/", session_views.PlanView.as_view(), name="plan"),
    path("api/v1/sessions/", session_views.SessionListView.as_view(), name="session-list"),
    path("api/v1/sessions/import/", session_views.ImportView.as_view(), name="session-import"),
    path(
        "api/v1/sessions/import-template.<str:kind>",
        session_views.ImportTemplateView.as_view(),
        name="session-import-template",
    ),
    path("api/v1/sessions/<int:session_id>/", session_views.SessionView.as_view(), name="session"),
    path(
        "api/v1/sessions/<int:session_id>/submit/", session_views.SubmitView.as_view(), name="session-submit"
    ),
    path(
        "api/v1/sessions/<int:session_id>/approve/",
        session_views.ApproveView.as_view(),
        name="session-approve",
    ),
    path(
        "api/v1/sessions/<int:session_id>/reject/", session_views.RejectView.as_view(), name="session-reject"
    ),
    path("policy/", policy_views.policy_page, name="policy-page"),
    path("api/v1/policy/", share_views.PolicyView.as_view(), name="policy-current"),
    path("api/v1/policy/<str:year>/", share_views.PolicyView.as_view(), name="policy"),
    path("api/v1/shares/schools/", share_views.SchoolListView.as_view(), name="share-schools"),
    path("api/v1/shares/schools/<str:school_code>/grid/", share_views.GridView.as_view(), name="share-grid"),
    path(
        "api/v1/shares/schools/<str:school_code>/summary/",
        share_views.SchoolSummaryView.as_view(),
        name="share-school-summary",
    ),
    path("api/v1/shares/units/<str:unit_code>/", share_views.UnitSummaryView.as_view(), name="share-unit"),
    path("api/v1/shares/trend/", share_views.TrendView.as_view(), name="share-trend"),
    path("api/v1/shares/teacher/", share_views.TeacherView.as_view(), name="share-teacher"),
    path("api/v1/recompute/", share_views.RecomputeView.as_view(), name="recompute"),
]
