"""The block as the platform finds it: the ``xblock.v1`` entry point, the dev host's workbench pages, and the
keys of Studio and the LMS."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from opaque_keys.edx.locator import BlockUsageLocator, CourseLocator
from xblock.core import XBlock
from xblock.field_data import DictFieldData
from xblock.fields import ScopeIds
from xblock.test.tools import TestRuntime

from openedx_vn_xblocks.online_lesson import sessions
from openedx_vn_xblocks.online_lesson.block import OnlineLessonBlock


def test_entry_point_loads_the_block():
    assert XBlock.load_class("vn_online_lesson") is OnlineLessonBlock


@pytest.fixture
def scenarios(db):
    """Store the scenarios' content in this test's database (the workbench stores it once per process)."""
    from workbench.scenarios import init_scenarios

    init_scenarios()


@pytest.mark.usefixtures("scenarios")
@pytest.mark.parametrize("scenario", ["vn_online_lesson.0", "vn_online_lesson.1"])
def test_workbench_lists_and_renders_the_scenarios(client, scenario):
    assert f"/workbench/scenario/{scenario}/" in client.get(reverse("workbench_index")).content.decode()
    page = client.get(f"/workbench/scenario/{scenario}/?student=hocsinh_1")
    assert page.status_code == 200
    assert 'class="vn-online-lesson"' in page.content.decode()
    # The Studio view shows every field: staff only.
    client.force_login(get_user_model().objects.create_user("wb_staff", is_staff=True))
    studio = client.get(f"/workbench/scenario/{scenario}/studio_view/")
    assert studio.status_code == 200 and 'data-field-name="periods"' in studio.content.decode()


def test_studio_and_lms_keys_name_the_same_lesson():
    """Studio's keys carry the draft branch and a version; sessions and attendance use the LMS's form."""
    draft = CourseLocator("QuangNinh", "TOAN6", "2025_2026", branch="draft-branch", version_guid="5" * 24)
    usage = BlockUsageLocator(draft, "vn_online_lesson", "on_tap_phan_so")
    runtime = TestRuntime(services={"field-data": DictFieldData({})})
    block = runtime.construct_xblock_from_class(
        OnlineLessonBlock, ScopeIds("teacher", "vn_online_lesson", usage, usage)
    )
    assert block.usage_key == "block-v1:QuangNinh+TOAN6+2025_2026+type@vn_online_lesson+block@on_tap_phan_so"
    assert sessions.course_key_of(block) == "course-v1:QuangNinh+TOAN6+2025_2026"
