"""Scheduled work on Tutor (ADR 0010): one Celery beat, rendered for `tutor local` and `tutor k8s`, and a
worker for our own queue when there is one."""

import types

from openedx_vn.assessment.settings import common as assessment_settings
from openedx_vn.core.settings import common as core_settings
from openedx_vn.teaching.settings import common as teaching_settings
from tests.tutor.conftest import compose_services, k8s_deployments, settings_region

BEAT = [
    "celery",
    "--app=lms.celery",
    "beat",
    "--loglevel=info",
    "--schedule=/tmp/openedx-vn-celerybeat-schedule",
]
SETTINGS_MOUNTS = {
    "../apps/openedx/settings/lms:/openedx/edx-platform/lms/envs/tutor:roz",
    "../apps/openedx/settings/cms:/openedx/edx-platform/cms/envs/tutor:roz",
    "../apps/openedx/config:/openedx/config:roz",
}


def _worker_args(queue):
    return [
        "celery", "--app=lms.celery", "worker", "--loglevel=info", "--hostname=openedx-vn.%h",
        f"--queues={queue}", "--max-tasks-per-child=100", "--prefetch-multiplier=1", "--without-gossip",
        "--without-mingle",
    ]  # fmt: skip


def test_local_runs_one_beat_with_the_lms_celery_app_and_settings(rendered):
    services = compose_services(rendered("default"))
    beat = services["vn-beat"]
    assert beat["command"] == BEAT
    assert beat["image"] == services["lms-worker"]["image"]
    assert beat["environment"] == {
        "SERVICE_VARIANT": "lms",
        "DJANGO_SETTINGS_MODULE": "lms.envs.tutor.production",
    }
    assert set(beat["volumes"]) >= SETTINGS_MOUNTS
    assert beat["restart"] == "unless-stopped"
    assert "deploy" not in beat and "scale" not in beat  # one container: never replicated


def test_k8s_runs_one_beat_that_is_never_two_during_an_update(rendered):
    deployment = k8s_deployments(rendered("default"))["vn-beat"]
    assert deployment["spec"]["replicas"] == 1
    assert deployment["spec"]["strategy"] == {"type": "Recreate"}
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert container["args"] == BEAT
    env = {item["name"]: item["value"] for item in container["env"]}
    assert env == {"SERVICE_VARIANT": "lms", "DJANGO_SETTINGS_MODULE": "lms.envs.tutor.production"}
    mounts = {mount["mountPath"] for mount in container["volumeMounts"]}
    assert mounts == {"/openedx/edx-platform/lms/envs/tutor/", "/openedx/edx-platform/cms/envs/tutor/",
                      "/openedx/config"}  # fmt: skip
    configmaps = {v["configMap"]["name"] for v in deployment["spec"]["template"]["spec"]["volumes"]}
    assert configmaps == {"openedx-settings-lms", "openedx-settings-cms", "openedx-config"}


def test_our_queue_has_its_worker_in_local_and_k8s(rendered):
    root = rendered("default")
    assert compose_services(root)["vn-worker"]["command"] == _worker_args("openedx-vn.long")
    # It shares the LMS's data folder, where files are kept without S3 (tutor local).
    assert "../../data/lms:/openedx/data:z" in compose_services(root)["vn-worker"]["volumes"]
    (container,) = k8s_deployments(root)["vn-worker"]["spec"]["template"]["spec"]["containers"]
    assert container["args"] == _worker_args("openedx-vn.long")


def test_without_a_queue_or_beat_nothing_of_ours_runs(rendered):
    root = rendered("custom")  # VN_RUN_BEAT false, no queue
    assert not {"vn-beat", "vn-worker"} & set(compose_services(root))
    assert not {"vn-beat", "vn-worker"} & set(k8s_deployments(root))


def _host_settings():
    """The beat schedule our apps' plugin_settings give a host (what the LMS has before Tutor's patches)."""
    host = types.SimpleNamespace(FORMAT_MODULE_PATH=[])
    for module in (core_settings, teaching_settings, assessment_settings):
        module.plugin_settings(host)
    return host


def test_the_schedule_holds_the_three_periodic_tasks():
    schedule = _host_settings().CELERYBEAT_SCHEDULE
    tasks = {entry["task"]: entry["schedule"] for entry in schedule.values()}
    assert set(tasks) == {
        "openedx_vn.teaching.recompute_shares",
        "openedx_vn.assessment.close_expired_attempts",
        "openedx_vn.core.purge_exports",
    }
    assert tasks["openedx_vn.assessment.close_expired_attempts"] == 60.0
    assert str(tasks["openedx_vn.core.purge_exports"]) == "<crontab: 15 3 * * * (m/h/dM/MY/d)>"


def test_with_our_queue_the_periodic_tasks_are_sent_to_it(rendered):
    _, ours = settings_region(rendered("default"))
    host = _host_settings()
    namespace = {"CELERYBEAT_SCHEDULE": host.CELERYBEAT_SCHEDULE, "STORAGES": {"default": {}}}
    exec(ours, namespace)  # noqa: S102 - our own rendered settings
    for entry in namespace["CELERYBEAT_SCHEDULE"].values():
        assert entry["options"]["queue"] == "openedx-vn.long"
        assert "expires" in entry["options"]  # the apps' own options are kept


def test_dev_host_celery_app_reads_the_same_schedule():
    from devhost.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert tasks == {entry["task"] for entry in _host_settings().CELERYBEAT_SCHEDULE.values()}
    app.loader.import_default_modules()
    assert tasks <= set(app.tasks)  # every scheduled name is a registered task
