"""The platform adapter: its fallback outside the LMS, and its platform path with the platform's interface."""

import sys
import types

from django.test import override_settings
from opaque_keys.edx.keys import CourseKey

from openedx_vn.core import compat

KEY = CourseKey.from_string("course-v1:QuangNinh+TOAN6+2025")


def test_course_title_is_none_without_the_platform():
    assert "openedx" not in sys.modules
    assert compat.get_course_title(KEY) is None


def test_course_title_comes_from_the_course_overview_in_the_lms(monkeypatch):
    # edx-platform cannot be installed here; stand in for its CourseOverview with the same interface.
    class CourseOverview:
        class DoesNotExist(Exception):
            pass

        @classmethod
        def get_from_id(cls, course_key):
            if course_key != KEY:
                raise cls.DoesNotExist
            return types.SimpleNamespace(display_name="Toán 6")

    module = types.ModuleType("openedx.core.djangoapps.content.course_overviews.models")
    module.CourseOverview = CourseOverview
    monkeypatch.setitem(sys.modules, "openedx.core.djangoapps.content.course_overviews.models", module)
    assert compat.get_course_title(KEY) == "Toán 6"
    assert compat.get_course_title(CourseKey.from_string("course-v1:X+Y+Z")) is None


def test_platform_url_prefers_our_setting_then_lms_root_url():
    with override_settings(OPENEDX_VN={"PLATFORM_URL": "https://lms.example.invalid"}):
        assert compat.get_platform_url() == "https://lms.example.invalid"
    with override_settings(OPENEDX_VN={}, LMS_ROOT_URL="https://lms2.example.invalid"):
        assert compat.get_platform_url() == "https://lms2.example.invalid"
