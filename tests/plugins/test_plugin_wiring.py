"""The suite is loaded through edx-django-utils exactly as the LMS and Studio load plugins."""

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from edx_django_utils.plugins import get_plugin_apps, get_plugin_url_patterns

OUR_APPS = ["openedx_vn.core", "openedx_vn.curriculum", "openedx_vn.qbank", "openedx_vn.teaching"]
APP_CONFIGS = [
    "openedx_vn.core.apps.CoreConfig",
    "openedx_vn.curriculum.apps.CurriculumConfig",
    "openedx_vn.qbank.apps.QbankConfig",
    "openedx_vn.teaching.apps.TeachingConfig",
]


@pytest.mark.parametrize("project_type", ["lms.djangoapp", "cms.djangoapp"])
def test_every_app_is_registered_for_lms_and_studio(project_type):
    registered = get_plugin_apps(project_type)
    for app_config in APP_CONFIGS:
        assert app_config in registered, f"{app_config} has no {project_type} entry point"


def test_app_labels_are_final():
    labels = {config.name: config.label for config in apps.get_app_configs()}
    assert [labels[name] for name in OUR_APPS] == ["vn_core", "vn_curriculum", "vn_qbank", "vn_teaching"]
    assert apps.get_model("vn_teaching", "EnrollmentRecord")._meta.db_table == "vn_teaching_enrollmentrecord"


def test_plugin_settings_ran():
    assert settings.OPENEDX_VN["PLATFORM_URL"] == "/"  # set by the host, kept by plugin_settings
    assert settings.OPENEDX_VN["CELERY_QUEUE"] is None  # default filled in by plugin_settings
    assert settings.FORMAT_MODULE_PATH[0] == "openedx_vn.core.formats"


def test_plugin_urls_are_mounted_under_their_namespaces():
    assert reverse("vn_curriculum:program") == "/vn/curriculum/"
    assert reverse("vn_qbank:home") == "/vn/qbank/"
    assert reverse("vn_teaching:overview") == "/vn/teaching/"


def test_studio_gets_the_same_url_configs():
    namespaces = {pattern.namespace for pattern in get_plugin_url_patterns("cms.djangoapp")}
    assert {"vn_curriculum", "vn_qbank", "vn_teaching"} <= namespaces


def test_xblock_entry_point_loads_the_block():
    from xblock.core import XBlock

    from openedx_vn_xblocks.question.block import QuestionBlock

    assert XBlock.load_class("vn_question") is QuestionBlock


@pytest.mark.django_db
def test_migrations_match_the_models():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits 1 when a migration is missing
