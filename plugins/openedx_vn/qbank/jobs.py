"""The import wizard's jobs: upload → preview (dry run) → confirm (import), inline or in a Celery task.

A file up to ``QBANK_INLINE_IMPORT_BYTES`` runs inside the request; a larger one runs in
``tasks.run_import_job``, which writes its progress (questions checked of questions found) on the job.
A file outside the limits (``importing.limits``: size, zip bomb) is refused at upload, before any task.

A worker can die in the middle (killed, out of memory, redeployed). The import's rows are written in one
transaction, so a dead run leaves none; the task is acknowledged late and sent again when its worker is
lost, and a run claims the job with a token (``result["run"]``) so only the latest run may finish it. A
job still running ``JOB_STALE_SECONDS`` after its run started is marked failed when it is read
(``fail_if_stale``): its worker was killed outright, and the file can be uploaded again.
"""

import logging
import time
import uuid
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openedx_vn.core.conf import vn_setting
from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.qbank import api, import_choices, storing
from openedx_vn.qbank.importing import limits
from openedx_vn.qbank.importing.pipeline import QuestionImportError, preview
from openedx_vn.qbank.models import ImportJob

TEXT_FORMATS = {"gift", "aiken"}  # whose problems can quote their line
_PROGRESS_EVERY = 0.5  # seconds between progress writes
log = logging.getLogger(__name__)


class JobStateError(ValueError):
    """The job is not in a state that allows this (e.g. confirming a preview with problems)."""


class RunSuperseded(RuntimeError):
    """This run no longer owns the job (it was marked failed as stale, or a later delivery took it over)."""


def runs_inline(size):
    return size <= vn_setting("QBANK_INLINE_IMPORT_BYTES")


def start(bank, user_id, upload, fmt=""):
    """Create the preview job of an uploaded file; run it now when small, else queue it. Returns the job."""
    content = upload.read()
    job = ImportJob(bank=bank, user_id=user_id, filename=upload.name[:255], format=fmt or "")
    refusal = limits.before_reading(content)
    if refusal:  # too large or a zip bomb: refused now, nothing stored, no task
        problem = {**_unexpected(job, refusal), "unit": "file"}
        job.status, job.result = ImportJob.Status.DONE, {"problems": [problem]}
        job.finished_at = timezone.now()
        job.save()
        return job
    job.file.save(upload.name, ContentFile(content), save=False)
    job.save()
    _dispatch(job, len(content))
    return job


def confirm(job, choices=None):
    """Import the previewed file for real (same inline/queued rule); returns the job. ``choices``: subject,
    grade, level and outcomes the teacher set (``import_choices``), validated."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.stage != ImportJob.Stage.PREVIEW or job.status != ImportJob.Status.DONE:
            raise JobStateError(_("Only a finished preview can be confirmed."))
        if job.result.get("problems") or not job.file:
            raise JobStateError(_("The preview found problems: correct the file and upload it again."))
        if choices:
            job.result = {**job.result, "choices": choices}
        job.stage, job.status, job.done, job.finished_at = (
            ImportJob.Stage.IMPORT,
            ImportJob.Status.QUEUED,
            0,
            None,
        )
        job.save()
    _dispatch(job, job.file.size)
    return job


def _dispatch(job, size):
    if runs_inline(size):
        run(job.uuid)
        job.refresh_from_db()
        return
    from openedx_vn.qbank.tasks import run_import_job  # noqa: PLC0415 - tasks imports this module

    queue = vn_setting("CELERY_QUEUE")
    options = {"queue": queue} if queue else {}
    # After the commit, so the worker finds the job (the LMS wraps requests in a transaction).
    transaction.on_commit(lambda: run_import_job.apply_async((str(job.uuid),), **options))


def _progress(job, token):
    last = [0.0]

    def report(done, total):
        now = time.monotonic()
        if done == total or now - last[0] >= _PROGRESS_EVERY:
            last[0] = now
            ImportJob.objects.filter(pk=job.pk).update(done=done, total=total)
        if done == total:  # the rows are written next: only while this run still owns the job
            _check_owner(job, token)

    return report


def _claim(job_uuid, redelivered):
    """Take the job for this run: a queued one, or (``redelivered``: the earlier delivery's worker was lost)
    one left running. Returns ``(job, token)``, or ``(job, None)`` when it is not this run's to do."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("bank").get(uuid=job_uuid)
        running = job.status == ImportJob.Status.RUNNING
        if job.status != ImportJob.Status.QUEUED and not (running and redelivered):
            return job, None  # done, failed, or running elsewhere: a task delivered twice runs once
        token = uuid.uuid4().hex
        job.status = ImportJob.Status.RUNNING
        job.result = {
            **_without_run(job.result),
            "run": {"token": token, "since": timezone.now().isoformat()},
        }
        job.save(update_fields=["status", "result"])
    return job, token


def _check_owner(job, token):
    current = ImportJob.objects.filter(pk=job.pk).values_list("status", "result").first()
    if not current or current[0] != ImportJob.Status.RUNNING or _run(current[1]).get("token") != token:
        raise RunSuperseded(f"import job {job.uuid}: another run owns it now")


def _run(result):
    return (result or {}).get("run") or {}


def _without_run(result):
    return {key: value for key, value in (result or {}).items() if key != "run"}


def run(job_uuid, redelivered=False):
    """Run a queued job's stage (called inline or by the task). Never raises for a bad file: the job says.
    ``redelivered``: Celery sent the task again because the worker running it was lost."""
    job, token = _claim(job_uuid, redelivered)
    if token is None:
        return job
    try:
        with job.file.open("rb") as handle:
            content = handle.read()
        preview_stage = job.stage == ImportJob.Stage.PREVIEW
        result = _preview(job, content, token) if preview_stage else _import(job, content, token)
    except RunSuperseded:
        log.warning("Import job %s: this run was superseded, nothing stored", job.uuid)
        return job
    except Exception as exc:  # a bug, not a bad file: the job fails with the message, the log has the rest
        log.exception("Import job %s failed", job.uuid)
        _finish(job, token, ImportJob.Status.FAILED, {"problems": [_unexpected(job, exc)]}, drop_file=True)
        return job
    failed = job.stage == ImportJob.Stage.IMPORT and bool(result.get("problems"))
    status = ImportJob.Status.FAILED if failed else ImportJob.Status.DONE
    keep = job.stage == ImportJob.Stage.PREVIEW and not result.get("problems")
    _finish(job, token, status, result, drop_file=not keep)
    return job


def _finish(job, token, status, result, drop_file):
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != ImportJob.Status.RUNNING or _run(locked.result).get("token") != token:
            return  # superseded: the job says what the later run (or the stale check) found
        locked.status, locked.result, locked.finished_at = status, _without_run(result), timezone.now()
        if drop_file and locked.file:
            locked.file.delete(save=False)
        locked.save()


def fail_if_stale(job):
    """Mark ``job`` failed when it has been running longer than ``JOB_STALE_SECONDS`` (its worker was killed
    outright: nothing was stored, the import is all or nothing). Returns the job as it now is."""
    if job.status != ImportJob.Status.RUNNING:
        return job
    since = _run(job.result).get("since")
    limit = timedelta(seconds=int(vn_setting("JOB_STALE_SECONDS")))
    if since and timezone.now() - datetime.fromisoformat(since) <= limit:
        return job
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().select_related("bank").get(pk=job.pk)
        if locked.status != ImportJob.Status.RUNNING or _run(locked.result) != _run(job.result):
            return locked
        message = _(
            "The import stopped: the server running it was restarted. Nothing was stored; upload the file "
            "again."
        )
        locked.status, locked.finished_at = ImportJob.Status.FAILED, timezone.now()
        locked.result = {**_without_run(locked.result), "problems": [_unexpected(locked, message)]}
        if locked.file:
            locked.file.delete(save=False)
        locked.save()
    return locked


def _unexpected(job, exc):
    return {"file": job.filename, "line": None, "unit": "line", "question": None, "message": str(exc)}


def _problem(problem, lines):
    place = problem.place
    entry = {
        "file": place.file,
        "line": place.line,
        "unit": place.unit,
        "question": place.number,
        "message": problem.message,
    }
    if lines and place.unit == "line" and place.line and place.line <= len(lines):
        entry["excerpt"] = lines[place.line - 1][:300]
    return entry


def _source_lines(content, fmt):
    if fmt not in TEXT_FORMATS:
        return None
    try:
        return content.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        return None


def _preview(job, content, token):
    try:
        found = preview(
            content,
            job.filename,
            job.format or None,
            storing.bank_fingerprints(job.bank),
            curriculum_api.existing_codes,
            progress=_progress(job, token),
        )
    except QuestionImportError as exc:  # the file could not be read at all (encoding, format)
        return {"format": job.format, "questions": 0, "problems": [_problem(p, None) for p in exc.problems]}
    lines = _source_lines(content, found.format)
    ImportJob.objects.filter(pk=job.pk).update(format=found.format)
    job.format = found.format
    return {
        "format": found.format,
        "questions": len(found.drafts),
        "problems": [_problem(problem, lines) for problem in found.problems],
        "duplicates": [
            {
                "place": str(draft.place),
                "line": draft.place.line,
                "question": draft.place.number,
                "of": draft.duplicate_of,
            }
            for draft in found.duplicates
        ],
        "notes": [str(note) for note in found.notes]
        + [f"{draft.place}: {note}" for draft in found.drafts for note in draft.notes],
        "sample": import_choices.sample(found.drafts),
    }


def _import(job, content, token):
    try:
        done = api.import_questions(
            content,
            job.filename,
            job.bank.uuid,
            job.user_id,
            job.format or None,
            progress=_progress(job, token),
            adjust=lambda drafts: import_choices.apply(drafts, job.result.get("choices") or {}),
        )
    except QuestionImportError as exc:  # the bank changed since the preview, or the file did
        return {
            **_without_run(job.result),
            "problems": [_problem(p, _source_lines(content, job.format)) for p in exc.problems],
        }
    return {
        **_without_run(job.result),
        "created": done.created,
        "question_uuids": list(done.question_uuids),
        "duplicates_skipped": list(done.duplicates),
    }
