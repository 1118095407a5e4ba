"""Enrolment events reach our receivers through the plugin signals config, and land in our table."""

import pytest
from openedx_events.learning.signals import (
    COURSE_ENROLLMENT_CHANGED,
    COURSE_ENROLLMENT_CREATED,
    COURSE_UNENROLLMENT_COMPLETED,
)

from openedx_vn.teaching import api
from openedx_vn.teaching.receivers import on_enrollment_created

from .events import COURSE, enrollment


@pytest.mark.django_db
def test_enrollment_created_event_is_recorded():
    responses = COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment())
    assert on_enrollment_created in [receiver for receiver, _ in responses]
    summary = api.get_enrollment_summary(COURSE)
    assert (summary.active, summary.total) == (1, 1)


@pytest.mark.django_db
def test_the_same_event_twice_keeps_one_record():
    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment())
    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment())
    assert api.get_enrollment_summary(COURSE).total == 1


@pytest.mark.django_db
def test_mode_change_and_unenrollment_update_the_record():
    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment(user_id=1, username="a"))
    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment(user_id=2, username="b"))
    COURSE_ENROLLMENT_CHANGED.send_event(enrollment=enrollment(user_id=1, username="a", mode="verified"))
    COURSE_UNENROLLMENT_COMPLETED.send_event(enrollment=enrollment(user_id=2, username="b"))
    summary = api.get_enrollment_summary(COURSE)
    assert (summary.active, summary.total) == (1, 2)
