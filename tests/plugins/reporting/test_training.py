"""Teachers' digital-skills training: marking courses, completions from real openedx-events, the report."""

import pytest
from openedx_events.learning.signals import CERTIFICATE_CREATED, COURSE_PASSING_STATUS_UPDATED

from openedx_vn.reporting import api
from openedx_vn.reporting.receivers import on_certificate_created, on_passing_status_updated
from tests.plugins.teaching.conftest import HA_LONG, HA_TU

from .events import TRAINING, certificate, passing, when


@pytest.fixture
def marked(org):
    api.mark_training_course(org.users["province"], TRAINING, "Kĩ năng số cho giáo viên")
    return org


def _trained(user, year="2025-2026", commune=None):
    schools, communes, total = api.training_report(user, commune=commune, year=year)
    return {r.school_code: (r.trained, r.teachers) for r in schools}, communes, total


def test_a_passing_grade_counts_the_teacher_once_this_year(marked):
    org = marked
    responses = COURSE_PASSING_STATUS_UPDATED.send_event(
        course_passing_status=passing(org.users["teacher_a"]), time=when(2025, 10, 10)
    )
    assert on_passing_status_updated in [receiver for receiver, _ in responses]
    # The certificate of the same pass does not count twice.
    responses = CERTIFICATE_CREATED.send_event(
        certificate=certificate(org.users["teacher_a"]), time=when(2025, 10, 11)
    )
    assert on_certificate_created in [receiver for receiver, _ in responses]
    schools, _communes, total = _trained(org.users["province"])
    assert schools[org.codes["A"]] == (1, 2)  # gv_a trained, gv_c not yet
    assert schools[org.codes["B"]] == (0, 1)
    assert (total.trained, total.teachers) == (1, 4)
    assert total.share.numerator * 4 == total.share.denominator  # 25 %


def test_a_certificate_alone_counts(marked):
    org = marked
    CERTIFICATE_CREATED.send_event(certificate=certificate(org.users["teacher_b"]), time=when(2026, 3, 2))
    schools, _communes, _total = _trained(org.users["province"])
    assert schools[org.codes["B"]] == (1, 1)


@pytest.mark.parametrize(
    "send",
    [
        lambda u: COURSE_PASSING_STATUS_UPDATED.send_event(
            course_passing_status=passing(u, is_passing=False), time=when(2025, 10, 10)
        ),
        lambda u: CERTIFICATE_CREATED.send_event(
            certificate=certificate(u, status="notpassing"), time=when(2025, 10, 10)
        ),
        lambda u: COURSE_PASSING_STATUS_UPDATED.send_event(
            course_passing_status=passing(u, course="course-v1:SoGDQN+TOAN6+2025"), time=when(2025, 10, 10)
        ),
    ],
    ids=["not-passing", "certificate-not-issued", "not-a-training-course"],
)
def test_what_does_not_count(marked, send):
    send(marked.users["teacher_a"])
    _schools, _communes, total = _trained(marked.users["province"])
    assert total.trained == 0


def test_summer_training_counts_for_the_coming_year(marked):
    org = marked
    COURSE_PASSING_STATUS_UPDATED.send_event(
        course_passing_status=passing(org.users["teacher_t"]), time=when(2026, 7, 20)
    )
    assert _trained(org.users["province"])[2].trained == 0
    schools, _communes, _total = _trained(org.users["province"], year="2026-2027")
    assert schools[org.codes["T"]] == (1, 1)


def test_the_province_report_rolls_up_by_commune(marked):
    org = marked
    for who in ("teacher_a", "teacher_t"):
        COURSE_PASSING_STATUS_UPDATED.send_event(
            course_passing_status=passing(org.users[who]), time=when(2025, 11, 1)
        )
    _schools, communes, _total = _trained(org.users["province"])
    by_commune = {c.commune_code: (c.trained, c.teachers) for c in communes}
    # Hạ Long's commune schools (A, P); Hà Tu (B); THPT T reports to the province on its own line.
    assert by_commune == {HA_LONG: (1, 2), HA_TU: (0, 1), "": (1, 1)}


def test_each_role_sees_its_own_schools(marked):
    org = marked
    assert set(_trained(org.users["commune_x"])[0]) == {org.codes["A"], org.codes["P"]}
    assert set(_trained(org.users["leader_a"])[0]) == {org.codes["A"]}
    assert set(_trained(org.users["operator"])[0]) == set(org.codes.values())
    assert set(_trained(org.users["province"], commune=HA_TU)[0]) == {org.codes["B"]}
    # A commune's report holds the schools it manages: THPT T, in Hạ Long, reports to the province.
    assert set(_trained(org.users["province"], commune=HA_LONG)[0]) == {org.codes["A"], org.codes["P"]}
    for who in ("teacher_a", "student"):
        with pytest.raises(api.ReportingScopeError):
            api.training_report(org.users[who])


def test_only_province_officers_and_operators_mark_courses(org):
    for who in ("commune_x", "leader_a", "teacher_a"):
        with pytest.raises(api.ReportingScopeError):
            api.mark_training_course(org.users[who], TRAINING)
    with pytest.raises(api.ReportingError, match="not a course key"):
        api.mark_training_course(org.users["operator"], "KNS01")
    api.mark_training_course(org.users["operator"], TRAINING, "Kĩ năng số")
    assert [c.course_key for c in api.list_training_courses()] == [TRAINING]
    assert api.unmark_training_course(org.users["province"], TRAINING) is True
    assert api.list_training_courses() == []
