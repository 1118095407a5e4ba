"""A school with classes, a course linked to two of them, and the users of the workbench: built through the
public APIs (units from the real `vietnam-provinces` package, the real program), no mocks.

The workbench names its student by the ``?student=`` string; the block takes it as a username of the host.
"""

from types import SimpleNamespace

import pytest

from openedx_vn.curriculum import api as curriculum_api
from tests.xblocks.online_lesson.blocks import link_workbench_course, make_school, make_user


@pytest.fixture
def program(db):
    return curriculum_api.load_program()[0]


@pytest.fixture
def school(program):
    """School 22000101 with classes 6A1 (4 students), 6A2 (3) and 6A3 (40) in 2025-2026."""
    return make_school()


@pytest.fixture
def linked(school):
    """The workbench course linked to 6A1 and 6A2 (written "6a2 " as people type it), Toán 6."""
    link_workbench_course(["6A1", "6a2 "])
    return SimpleNamespace(classes=school, ids=[school["6A1"].id, school["6A2"].id])


@pytest.fixture
def people(db):
    return SimpleNamespace(
        teacher=make_user("giaovien_toan", is_staff=True),
        students=[make_user(f"hocsinh_{i}") for i in range(1, 6)],
    )
