import pytest

from openedx_vn.teaching import api

from .events import COURSE


@pytest.mark.django_db
def test_summary_of_a_course_without_enrolments_is_zero():
    summary = api.get_enrollment_summary(COURSE)
    assert summary == api.EnrollmentSummary(COURSE, None, active=0, total=0)


def test_malformed_course_key_is_refused_with_the_value():
    with pytest.raises(api.TeachingError, match="'not-a-key'"):
        api.get_enrollment_summary("not-a-key")
