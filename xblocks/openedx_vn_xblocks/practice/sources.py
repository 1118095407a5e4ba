"""Where a practice block's outcomes and questions come from: its settings, else the course's link."""

from contextlib import suppress

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api as qbank_api


def course_link(course_key):
    if not course_key:
        return None
    with suppress(curriculum_api.CurriculumError, ValueError):
        return curriculum_api.get_course_link(course_key)
    return None


def _outcomes(nodes):
    for node in nodes:
        if node.kind == "outcome":
            yield node.code
        yield from _outcomes(node.children)


def outcomes(chosen, course_key):
    """The block's outcome codes, or every outcome of the linked course's subject × grade, in order."""
    if chosen:
        return list(chosen)
    link = course_link(course_key)
    if link is None:
        return []
    with suppress(curriculum_api.CurriculumError):
        return list(_outcomes(curriculum_api.get_tree(link.subject_code, link.grade)))
    return []


def banks(chosen, course_key):
    """Bank uuids: those chosen, else the banks shared in the course's school and its province's banks.

    Without a course link (the dev host's workbench), every school and province bank.
    """
    if chosen:
        return list(chosen)
    link = course_link(course_key)
    shared = [bank for bank in qbank_api.list_banks() if bank.scope in ("school", "province")]
    if link is None:
        return [bank.uuid for bank in shared]
    return [
        bank.uuid
        for bank in shared
        if (bank.scope == "school" and bank.school_code == link.school_code) or bank.scope == "province"
    ]
