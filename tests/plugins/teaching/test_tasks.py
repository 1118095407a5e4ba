import io
import time

import pytest
from openedx_events.learning.signals import COURSE_ENROLLMENT_CREATED

from openedx_vn.teaching.tasks import summarise_enrollments

from .events import COURSE, enrollment


def logged(log, text, seconds=10):
    """True once the worker's log holds ``text``: it logs "succeeded" just after storing the result."""
    deadline = time.monotonic() + seconds
    while text not in log.read_text():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


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
    assert logged(celery_worker.log, f"summarise_enrollments[{result.id}] succeeded")


# ---------------------------------------------------------------------------------- the share's recompute
def _share_data(org):
    from datetime import date  # noqa: PLC0415

    from openedx_vn.teaching import api  # noqa: PLC0415

    from .conftest import at  # noqa: PLC0415

    api.set_plan(org.classes["A", "6A1"], "TOAN", planned_periods=140)
    session = api.create_session(
        org.users["teacher_a"],
        class_id=org.classes["A", "6A1"],
        subject_code="TOAN",
        starts_at=at(date(2025, 10, 6)),
        periods=3,
    )
    api.submit_session(org.users["teacher_a"], session.id)
    api.approve_session(org.users["leader_a"], session.id)


@pytest.mark.django_db
def test_recompute_runs_eagerly_and_as_a_command(org, settings):
    from django.core.management import CommandError, call_command  # noqa: PLC0415

    from openedx_vn.teaching.tasks import recompute_shares  # noqa: PLC0415

    _share_data(org)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        counts = recompute_shares.delay("2025-2026").get(timeout=5)
        assert (counts["year"], counts["cells"], counts["plans"], counts["sessions"]) == (
            "2025-2026",
            1,
            1,
            1,
        )
    out = io.StringIO()
    call_command("recompute_shares", "--year", "2025-2026", stdout=out)
    assert out.getvalue().startswith("2025-2026: 1 cells from 1 plans and 1 sessions")
    call_command("recompute_shares", stdout=out)  # the current year
    with pytest.raises(CommandError, match="1999-2000"):
        call_command("recompute_shares", "--year", "1999-2000")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_recompute_runs_in_a_real_worker_on_redis(celery_worker, org, settings):
    from openedx_vn.teaching.models import ShareCell  # noqa: PLC0415
    from openedx_vn.teaching.tasks import recompute_shares  # noqa: PLC0415

    _share_data(org)
    ShareCell.objects.all().delete()  # the worker must rebuild what the incremental updates had made
    result = recompute_shares.delay("2025-2026")
    assert result.get(timeout=60)["cells"] == 1
    assert logged(celery_worker.log, f"recompute_shares[{result.id}] succeeded")
    assert ShareCell.objects.get().online == 3


def test_the_nightly_recompute_is_in_the_beat_schedule(settings):
    from types import SimpleNamespace  # noqa: PLC0415

    from openedx_vn.teaching.settings.common import BEAT_ENTRY, plugin_settings  # noqa: PLC0415

    entry = settings.CELERY_BEAT_SCHEDULE[BEAT_ENTRY]  # the dev host (CELERY_ namespace)
    assert entry["task"] == "openedx_vn.teaching.recompute_shares"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})
    lms = SimpleNamespace(CELERYBEAT_SCHEDULE={"platform-task": {"task": "x"}})  # edx-platform's name
    plugin_settings(lms)
    assert set(lms.CELERYBEAT_SCHEDULE) == {"platform-task", BEAT_ENTRY}
    lms.CELERYBEAT_SCHEDULE[BEAT_ENTRY] = {"task": "operator's own"}
    plugin_settings(lms)
    assert lms.CELERYBEAT_SCHEDULE[BEAT_ENTRY] == {"task": "operator's own"}
