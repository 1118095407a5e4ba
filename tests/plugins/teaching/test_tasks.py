import pytest
from openedx_events.learning.signals import COURSE_ENROLLMENT_CREATED

from openedx_vn.teaching.tasks import summarise_enrollments

from .events import COURSE, enrollment


@pytest.mark.django_db
def test_task_runs_eagerly_on_the_dev_host_default(settings):
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("a broker is configured: the worker test covers this")
    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment())
    assert summarise_enrollments.delay(COURSE).get(timeout=5)["active"] == 1


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_task_runs_in_a_real_worker_on_redis(celery_worker, settings):
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment(user_id=1, username="a"))
    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment(user_id=2, username="b", is_active=False))
    result = summarise_enrollments.delay(COURSE)
    assert result.get(timeout=30) == {"course_key": COURSE, "course_title": None, "active": 1, "total": 2}
    # The worker process, not this one, ran it.
    assert f"summarise_enrollments[{result.id}] succeeded" in celery_worker.log.read_text()
