"""The app is wired like the others (LMS and Studio), and `make dev`'s demo data shows the organisation."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from edx_django_utils.plugins import get_plugin_apps, get_plugin_url_patterns

from devhost import demo_year
from openedx_vn.schools import api


@pytest.mark.parametrize("project_type", ["lms.djangoapp", "cms.djangoapp"])
def test_registered_for_lms_and_studio(project_type):
    assert "openedx_vn.schools.apps.SchoolsConfig" in get_plugin_apps(project_type)
    assert "vn_schools" in {pattern.namespace for pattern in get_plugin_url_patterns(project_type)}


def test_label_tables_and_urls():
    assert apps.get_app_config("vn_schools").name == "openedx_vn.schools"
    assert apps.get_model("vn_schools", "School")._meta.db_table == "vn_schools_school"
    assert reverse("vn_schools:school-list") == "/vn/schools/api/v1/schools/"


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "vn_schools", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_api_schema_documents_the_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/vn/schools/api/v1/schools/",
        "/vn/schools/api/v1/schools/{code}/",
        "/vn/schools/api/v1/import/",
    ):
        assert path in schema


@pytest.mark.django_db
def test_demo_data_has_a_commune_with_three_schools_and_runs_twice():
    call_command("load_curriculum", verbosity=0)  # as setup_devhost does first: the demo bank cites outcomes
    call_command("load_demo_data")
    call_command("load_demo_data")
    users = {u.username: u for u in get_user_model().objects.all()}
    assert [s.code for s in api.schools_in_scope(users["canboxa"])] == ["22000100", "22000101"]
    assert [s.reports_to for s in api.schools_in_scope(users["canbotinh"])] == [
        "commune",
        "commune",
        "province",
    ]
    assert api.can_lead_school(users["hieutruong"], "22000101")
    assert not api.can_view_school(users["hieutruong"], "22000100")
    demo = demo_year.current()  # the school year under way today: the demo shows a year in progress
    classes = api.classes_of_teacher(users["giaovien"], demo.name)
    assert [c.name for c in classes] == ["6A1", "6A2", "9A1"]  # the demo course's classes among them
    assert [c.name for c in api.list_classes("22000101", demo.name, grade=6)] == ["6A1", "6A2"]
    assert len(api.list_assignments(year=demo.name)) == 3
    assert users["canbotinh"].check_password("canbotinh")
    year = api.get_school_year(demo.name)
    assert api.current_school_year().name == demo.name
    assert (year.weeks, year.starts_on.weekday(), year.starts_on.month, year.ends_on.month) == (35, 4, 9, 5)
