"""Online-lesson blocks in a unit, read through the SDK workbench runtime as a given user; the school, classes
and course link they count for, built through the public APIs (also used by the browser test)."""

import csv
import io
from datetime import date

from django.contrib.auth import get_user_model
from workbench.runtime import WorkbenchRuntime

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.schools import api as schools_api

# The workbench sets this course run on every block it renders or handles (its ``_patch_xblock``); the LMS
# sets the block's own course. Tests set it on the blocks they build, as those runtimes do.
WORKBENCH_COURSE = "course-v1:edX+Demo+2020"


def lesson(olx_attributes="", user="author", siblings=""):
    """A ``vn_online_lesson`` in a unit (``vertical_demo``), read through a workbench runtime for ``user``."""
    runtime = WorkbenchRuntime(user)
    olx = f"<vertical_demo><vn_online_lesson {olx_attributes}/>{siblings}</vertical_demo>"
    unit = runtime.get_block(runtime.parse_xml_string(olx))
    block = runtime.get_block(unit.children[0])
    block.course_id = WORKBENCH_COURSE  # what the LMS (and the workbench, when it renders) sets on a block
    return block


def as_user(block, user):
    """The same block seen by another workbench student (their own user state)."""
    again = WorkbenchRuntime(user).get_block(block.scope_ids.usage_id)
    again.course_id = WORKBENCH_COURSE
    return again


SCHOOL = "22000101"
HA_LONG = "06688"  # Phường Hạ Long, Quảng Ninh
CLASSES = [("6A1", 4), ("6A2", 3), ("6A3", 40)]  # small classes: a few visits reach the attendance share


def _csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def make_user(username, **extra):
    return get_user_model().objects.create_user(username, email=f"{username}@example.invalid", **extra)


def make_school():
    """School 22000101 (units from the real `vietnam-provinces` package) with classes 6A1 (4 students),
    6A2 (3) and 6A3 (40) in 2025-2026; returns {name: ClassInfo}."""
    schools_api.load_units(["22"])
    schools_api.set_school_year("2025-2026", date(2025, 9, 5), date(2026, 5, 31), 35, date(2026, 1, 19))
    files = [
        (
            "schools.csv",
            _csv(
                ["moet_code", "name", "levels", "commune_code"], [(SCHOOL, "THCS Hạ Long", "THCS", HA_LONG)]
            ),
        ),
        (
            "classes.csv",
            _csv(
                ["school_code", "year", "grade", "name", "size"],
                [(SCHOOL, "2025-2026", 6, n, s) for n, s in CLASSES],
            ),
        ),
    ]
    schools_api.import_organisation(files, schools_api.SYSTEM_SCOPE)
    return {c.name: c for c in schools_api.list_classes(SCHOOL, "2025-2026")}


def link_workbench_course(class_names):
    """The workbench's course run linked to ``class_names`` of the school, Toán 6."""
    return curriculum_api.link_course(WORKBENCH_COURSE, SCHOOL, "2025-2026", 6, "TOAN", class_names)
