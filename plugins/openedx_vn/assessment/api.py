"""Public Python API of the assessment app: blueprints, tests and their versions, attempts, results.

Views, REST, the timed-test block and other apps go through these functions; the models stay private.
Who may do what: a teacher (anyone who works with question banks, ``qbank.api.is_bank_user``) makes
blueprints and tests and sees the results of their own tests; the leaders of the test's school see them too;
platform staff see everything. Students only sit tests, through ``start_attempt`` … ``submit_attempt``.
"""

import functools
import hashlib
import json
import random
import uuid
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from openedx_vn.assessment import gradebook, grading, integrity, versions
from openedx_vn.assessment.blueprint import (
    FORMATS,
    LEVELS,
    Blueprint,
    BlueprintRow,
    Cell,
    check,
    load_templates,
)
from openedx_vn.assessment.data import (
    AttemptClosed,
    AttemptView,
    ExamInfo,
    IntegrityEntry,
    NotAllowed,
    ResultRow,
    SaveResult,
)
from openedx_vn.assessment.generator import GenerationError, draw
from openedx_vn.assessment.items import ItemAnalysisRow, analyse_items, item_statistics, start_item_analysis
from openedx_vn.assessment.models import Answer, Attempt, Exam, ExamVersion
from openedx_vn.assessment.models import Blueprint as StoredBlueprint
from openedx_vn.audit import api as audit_api
from openedx_vn.core import compat
from openedx_vn.core.memory import collector_paused
from openedx_vn.core.permissions import is_platform_staff
from openedx_vn.core.queries import Compiled
from openedx_vn.core.vietnamese import person_key
from openedx_vn.qbank import api as qbank_api
from openedx_vn.schools import api as schools_api

__all__ = [
    "online_tests_per_school",
    "shared_test_attempts",
    "AttemptClosed",
    "AttemptView",
    "BlueprintInvalid",
    "ExamInfo",
    "GenerationError",
    "IntegrityEntry",
    "IntegrityLimit",
    "ItemAnalysisRow",
    "NotAllowed",
    "NotInstalled",
    "ResultRow",
    "RulesInvalid",
    "SaveResult",
    "analyse_items",
    "attempt_ticket",
    "attempt_view",
    "blueprint_from_data",
    "blueprint_to_data",
    "can_author",
    "check_ticket",
    "close_expired_attempts",
    "generate_exam",
    "get_blueprint",
    "get_exam",
    "grade_essay",
    "has_attempt",
    "installed",
    "item_statistics",
    "link_gradebook",
    "list_blueprints",
    "list_exams",
    "list_templates",
    "mark_published",
    "online_rules",
    "parse_accommodations",
    "record_integrity",
    "results",
    "record_paper_attempt",
    "save_answer",
    "save_blueprint",
    "set_exam_window",
    "set_online_rules",
    "start_attempt",
    "start_item_analysis",
    "student_scores",
    "submit_attempt",
]

# A save that left the browser before the deadline may arrive a little after it.
SAVE_GRACE = timedelta(seconds=10)
MAX_VERSIONS = 99
MAX_POINTS = Decimal("999.99")  # the columns hold 5 digits, 2 after the point
MAX_SEQ = 2**31 - 1
MAX_CELL_COUNT = 400  # the column's range on every database


class NotInstalled(RuntimeError):
    """The app's tables are missing or older than its code: the operator has not run the migrations."""


class BlueprintInvalid(ValueError):
    """Unreadable blueprint data: ``problems`` names each field (``rows[2].codes``…) and what is wrong."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(f"{where}: {what}" for where, what in self.problems))


# ------------------------------------------------------------------------------------------------ who
def can_author(user):
    """Whether ``user`` reaches the tests' tools: teachers (``schools.api.is_teacher``, ADR 0012: staff
    included) and school leaders, who read their schools' results. Never a student."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return schools_api.is_teacher(user) or bool(schools_api.get_scope(user).led_school_codes)


def _require_author(user):
    if not can_author(user):
        raise NotAllowed(_("Only teachers make blueprints and tests."))


def _can_see(user, owner_id, school_code):
    if not (user and user.is_authenticated):
        return False
    if is_platform_staff(user) or user.id == owner_id:
        return True
    return bool(school_code) and schools_api.can_lead_school(user, school_code)


# ------------------------------------------------------------------------------------------ blueprints
def list_templates():
    """The shipped blueprint templates by key (``blueprint.Template``: name, source, confidence, targets)."""
    return load_templates()


def _decimal(value, where, problems):
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        problems.append((where, _("%(value)r is not a number") % {"value": value}))
        return Decimal(0)
    if not number.is_finite():
        problems.append((where, _("%(value)r is not a number") % {"value": value}))
        return Decimal(0)
    return number


def blueprint_from_data(data):
    """A ``Blueprint`` from the editor's JSON; raise ``BlueprintInvalid`` naming every unreadable field.

    ``data``: {"title", "subject_code", "grade", "template", "total_points", "rows": [{"topic", "label",
    "codes": [...], "requirements": {level: text}}], "cells": [{"row", "format", "level", "count", "points"}]}
    """
    problems = []
    if not isinstance(data, dict):
        raise BlueprintInvalid([("", _("a blueprint is an object with rows and cells"))])
    title = str(data.get("title") or "").strip()
    if not title:
        problems.append(("title", _("a blueprint needs a title")))
    for name, longest in (("title", 255), ("subject_code", 20), ("template", 40)):
        if len(str(data.get(name) or "")) > longest:
            problems.append((name, _("at most %(count)s characters") % {"count": longest}))
    if data.get("template") and data["template"] not in load_templates():
        problems.append(("template", _("unknown template %(value)r") % {"value": data["template"]}))
    rows = []
    for index, raw in enumerate(data.get("rows") or []):
        where = f"rows[{index}]"
        if not isinstance(raw, dict):
            problems.append((where, _("a row is an object with a label and codes")))
            continue
        label = str(raw.get("label") or "").strip()
        if not label:
            problems.append((f"{where}.label", _("a row needs its content (nội dung)")))
        codes = raw.get("codes") or []
        if isinstance(codes, str):
            codes = codes.replace(",", " ").split()
        codes = tuple(str(code).strip().upper() for code in codes if str(code).strip())
        if not codes:
            problems.append((f"{where}.codes", _("a row needs at least one curriculum code")))
        requirements = raw.get("requirements") or {}
        if not isinstance(requirements, dict) or set(requirements) - set(LEVELS):
            problems.append(
                (f"{where}.requirements", _("requirements are given by level: biet, hieu, van_dung"))
            )
            requirements = {}
        rows.append(BlueprintRow(label, codes, str(raw.get("topic") or "").strip(), dict(requirements)))
    if not rows:
        problems.append(("rows", _("a blueprint needs at least one row")))
    cells = []
    for index, raw in enumerate(data.get("cells") or []):
        where = f"cells[{index}]"
        if not isinstance(raw, dict):
            problems.append((where, _("a cell is an object with row, format, level, count and points")))
            continue
        if raw.get("format") not in FORMATS:
            problems.append((f"{where}.format", _("unknown format %(value)r") % {"value": raw.get("format")}))
        if raw.get("level") not in LEVELS:
            problems.append((f"{where}.level", _("unknown level %(value)r") % {"value": raw.get("level")}))
        row, count = raw.get("row"), raw.get("count", 0)
        if isinstance(row, bool) or not isinstance(row, int) or not 0 <= row < len(rows):
            problems.append((f"{where}.row", _("there is no row %(value)r") % {"value": row}))
        if isinstance(count, bool) or not isinstance(count, int):
            problems.append((f"{where}.count", _("%(value)r is not a whole number") % {"value": count}))
            count = 0
        elif count > MAX_CELL_COUNT:
            problems.append((f"{where}.count", _("at most %(count)s in a cell") % {"count": MAX_CELL_COUNT}))
        points = _decimal(raw.get("points", 0), f"{where}.points", problems)
        cells.append(
            Cell(row if isinstance(row, int) else 0, raw.get("format"), raw.get("level"), count, points)
        )
    total = _decimal(data.get("total_points", 10), "total_points", problems)
    if not 0 < total <= MAX_POINTS or total != total.quantize(Decimal("0.01")):
        problems.append(("total_points", _("the total is above 0 and at most 999,99 points, to the cent")))
    for index, cell in enumerate(cells):
        if cell.points > MAX_POINTS or cell.points != cell.points.quantize(Decimal("0.001")):
            problems.append((f"cells[{index}].points", _("at most 999,99 points, to the thousandth")))
    grade = data.get("grade")
    if grade not in (None, "") and (
        isinstance(grade, bool) or not str(grade).isdecimal() or not 1 <= int(grade) <= 12
    ):
        problems.append(("grade", _("the grade is a number from 1 to 12")))
        grade = None
    if problems:
        raise BlueprintInvalid(problems)
    return Blueprint(
        title=title,
        rows=tuple(rows),
        cells=tuple(cell for cell in cells if cell.count or cell.points),
        total_points=total,
        template=str(data.get("template") or ""),
        subject_code=str(data.get("subject_code") or "").strip().upper(),
        grade=int(grade) if grade not in (None, "") else None,
    )


def blueprint_to_data(blueprint):
    """The JSON shape ``blueprint_from_data`` reads (numbers as strings: exact decimals)."""
    return {
        "title": blueprint.title,
        "subject_code": blueprint.subject_code,
        "grade": blueprint.grade,
        "template": blueprint.template,
        "total_points": str(blueprint.total_points),
        "rows": [
            {
                "topic": row.topic,
                "label": row.label,
                "codes": list(row.codes),
                "requirements": row.requirements,
            }
            for row in blueprint.rows
        ],
        "cells": [
            {"row": c.row, "format": c.format, "level": c.level, "count": c.count, "points": str(c.points)}
            for c in blueprint.cells
        ],
    }


def _problems(blueprint):
    template = load_templates().get(blueprint.template)
    return check(blueprint, template)


def save_blueprint(user, data, blueprint_uuid=None, school_code=""):
    """Store a new blueprint or replace one of ``user``'s: ``(uuid, problems)``.

    Unreadable data raises ``BlueprintInvalid`` and stores nothing. A readable blueprint is stored even with
    problems (a draft): ``problems`` lists them (``BlueprintProblem``); tests are drawn only from one without
    blocking problems.
    """
    _require_author(user)
    blueprint = blueprint_from_data(data)
    fields = {
        "title": blueprint.title,
        "subject_code": blueprint.subject_code,
        "grade": blueprint.grade,
        "template_key": blueprint.template,
        "total_points": blueprint.total_points,
        "rows": blueprint_to_data(blueprint)["rows"],
        "cells": blueprint_to_data(blueprint)["cells"],
    }
    if blueprint_uuid:
        stored = _stored_blueprint(user, blueprint_uuid, edit=True)
        for name, value in fields.items():
            setattr(stored, name, value)
        stored.save()
    else:
        stored = StoredBlueprint.objects.create(owner_id=user.id, school_code=school_code, **fields)
    return str(stored.uuid), _problems(blueprint)


def _stored_blueprint(user, blueprint_uuid, edit=False):
    stored = StoredBlueprint.objects.filter(uuid=_uuid(blueprint_uuid)).first()
    if stored is None:
        raise LookupError(_("No blueprint {uuid}").format(uuid=blueprint_uuid))
    allowed = (
        (is_platform_staff(user) or user.id == stored.owner_id)
        if edit
        else _can_see(user, stored.owner_id, stored.school_code)
    )
    if not allowed:
        raise NotAllowed(_("This blueprint belongs to another teacher."))
    return stored


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise LookupError(_("{value!r} is not an id").format(value=value)) from exc


def _blueprint_of(stored):
    data = {
        "title": stored.title,
        "subject_code": stored.subject_code,
        "grade": stored.grade,
        "template": stored.template_key,
        "total_points": str(stored.total_points),
        "rows": stored.rows,
        "cells": stored.cells,
    }
    return blueprint_from_data(data)


def get_blueprint(user, blueprint_uuid):
    """``(Blueprint, problems)`` of a blueprint the user may see."""
    blueprint = _blueprint_of(_stored_blueprint(user, blueprint_uuid))
    return blueprint, _problems(blueprint)


def list_blueprints(user):
    """``[(uuid, title, subject_code, grade, updated_at)]`` of the user's blueprints, newest first."""
    rows = StoredBlueprint.objects.order_by("-updated_at")
    if not is_platform_staff(user):
        rows = rows.filter(owner_id=user.id)
    return list(rows.values_list("uuid", "title", "subject_code", "grade", "updated_at"))


# --------------------------------------------------------------------------------------------- tests
def _exam_info(exam, codes=None):
    if codes is None:
        codes = tuple(exam.versions.order_by("code").values_list("code", flat=True))
    return ExamInfo(
        str(exam.uuid),
        exam.title,
        exam.kind,
        exam.subject_code,
        exam.grade,
        exam.school_code,
        exam.school_year,
        exam.minutes,
        exam.opens_at,
        exam.closes_at,
        exam.max_points,
        len(exam.items),
        tuple(codes),
        exam.owner_id,
        require_fullscreen=exam.require_fullscreen,
    )


def _recently_used(school_code, subject_code, class_ids, count):
    """Question uuids of the last ``count`` tests of the same classes (same school and subject)."""
    if not count:
        return frozenset()
    exams = Exam.objects.filter(school_code=school_code, subject_code=subject_code).order_by("-created_at")
    wanted = set(class_ids)
    used, taken = set(), 0
    for items, classes in exams.values_list("items", "class_ids")[:500]:
        if wanted and not wanted & set(classes):
            continue
        used.update(item["uuid"] for item in items)
        taken += 1
        if taken == count:
            break
    return frozenset(used)


def _item_points(blueprint, picks):
    """Each drawn question's points: its cell's points shared equally (0,25 each for 12 questions of 3)."""
    per_cell = {}
    for pick in picks:
        per_cell[pick.cell] = per_cell.get(pick.cell, 0) + 1
    return {pick.key: blueprint.cells[pick.cell].points / per_cell[pick.cell] for pick in picks}


def generate_exam(
    user,
    blueprint_uuid,
    bank_uuids,
    version_count=4,
    seed=None,
    title="",
    kind="",
    minutes=45,
    class_ids=(),
    exclude_recent=0,
    school_code="",
    school_year="",
    opens_at=None,
    closes_at=None,
    exam_uuid=None,
):
    """Draw a test from ``bank_uuids`` for a stored blueprint, and make ``version_count`` versions (101…).

    Raises ``GenerationError`` listing every cell the banks cannot fill (and how many questions are missing),
    ``ValueError`` when the blueprint has blocking problems, ``NotAllowed`` for a bank the user may not read.
    Seeded and reproducible: the same blueprint, banks and seed draw the same questions and versions.
    ``exam_uuid``: the new test's id when the caller needs a known one (demo data a block points at).
    """
    _require_author(user)
    if not 1 <= int(version_count) <= MAX_VERSIONS:
        raise ValueError(_("between 1 and %(max)s versions") % {"max": MAX_VERSIONS})
    stored = _stored_blueprint(user, blueprint_uuid)
    blueprint = _blueprint_of(stored)
    blocking = [problem for problem in _problems(blueprint) if problem.blocking]
    if blocking:
        raise ValueError("; ".join(str(problem) for problem in blocking))
    if not bank_uuids:
        raise ValueError(_("choose at least one question bank"))
    for bank_uuid in bank_uuids:
        if not qbank_api.can_view_bank(user, qbank_api.get_bank(bank_uuid, count=False)):
            raise NotAllowed(_("You may not draw questions from bank %(bank)s.") % {"bank": bank_uuid})
    seed = random.SystemRandom().randrange(1, 2**31) if seed is None else int(seed)
    if not 0 <= seed < 2**63:
        raise ValueError(_("the seed is a whole number from 0 to 2^63 − 1"))
    school_code = school_code or stored.school_code
    recent = _recently_used(school_code, blueprint.subject_code, class_ids, exclude_recent)
    exclude = qbank_api.question_keys(recent) if recent else frozenset()
    with collector_paused():  # up to 100,000 candidates and the draw's pools: no cycles among them
        candidates = qbank_api.list_candidates(
            bank_uuids,
            types={cell.format for cell in blueprint.cells},
            levels={cell.level for cell in blueprint.cells},
            outcome_prefixes=[code for row in blueprint.rows for code in row.codes],
            subject_code=blueprint.subject_code,
            grade=blueprint.grade,
        )
        # The bank's rows go to the draw as they are (same attribute names): no copy of 100,000 of them.
        picks = draw(blueprint, candidates, seed, exclude=exclude)
        del candidates  # freed here by reference counting, before the collector runs again
    points = _item_points(blueprint, picks)
    pinned = qbank_api.pin_questions([pick.key for pick in picks])
    items = [
        {
            "cell": pick.cell,
            "uuid": pinned[pick.key][0],
            "version": pinned[pick.key][1],
            "type": blueprint.cells[pick.cell].format,  # a cell's pool holds questions of its format
            "points": str(points[pick.key]),
        }
        for pick in picks
    ]
    contents = qbank_api.get_question_contents([(item["uuid"], item["version"]) for item in items])
    test_items = [
        versions.TestItem(item["uuid"], item["type"], contents[item["uuid"]].body) for item in items
    ]
    made = versions.make_versions(test_items, int(version_count), seed)
    with transaction.atomic():
        exam = Exam.objects.create(
            **({"uuid": _uuid(exam_uuid)} if exam_uuid else {}),
            blueprint=stored,
            blueprint_data=blueprint_to_data(blueprint),
            title=title or blueprint.title,
            kind=kind,
            owner_id=user.id,
            school_code=school_code,
            subject_code=blueprint.subject_code,
            grade=blueprint.grade,
            school_year=school_year,
            class_ids=list(class_ids),
            bank_uuids=[str(key) for key in bank_uuids],
            seed=seed,
            exclude_recent=exclude_recent,
            items=items,
            max_points=sum((Decimal(item["points"]) for item in items), Decimal(0)),
            minutes=minutes,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        ExamVersion.objects.bulk_create(
            ExamVersion(exam=exam, code=version.code, parts=_version_parts(version)) for version in made
        )
    return _exam_info(exam, [version.code for version in made])


def _version_parts(version):
    return {
        part: [{"uuid": item.uuid, "options": list(item.option_order)} for item in items]
        for part, items in version.parts.items()
    }


def _exam(exam_uuid):
    exam = Exam.objects.filter(uuid=_uuid(exam_uuid)).first()
    if exam is None:
        raise LookupError(_("No test {uuid}").format(uuid=exam_uuid))
    return exam


def _exam_for(user, exam_uuid):
    exam = _exam(exam_uuid)
    if not _can_see(user, exam.owner_id, exam.school_code):
        raise NotAllowed(_("This test belongs to another teacher."))
    return exam


def get_exam(user, exam_uuid):
    """The ``ExamInfo`` of a test ``user`` may see (its teacher, the school's leaders, staff)."""
    return _exam_info(_exam_for(user, exam_uuid))


def set_exam_window(user, exam_uuid, opens_at, closes_at):
    """Change when a test may be sat online (None: no limit on that side); its teacher or staff only.

    Attempts already running keep their deadline, cut to the new close date if that comes first: closing a
    test early ends it for everyone. Raises ``ValueError`` when it would close before it opens.
    """
    exam = _exam(exam_uuid)
    if not (is_platform_staff(user) or user.id == exam.owner_id):
        raise NotAllowed(_("Only the test's teacher changes when it is open."))
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValueError(_("The test must close after it opens."))
    with transaction.atomic():
        exam.opens_at, exam.closes_at = opens_at, closes_at
        exam.save(update_fields=["opens_at", "closes_at"])
        if closes_at is not None:
            exam.attempts.filter(status=Attempt.Status.OPEN, deadline_at__gt=closes_at).update(
                deadline_at=closes_at
            )
    return _exam_info(exam)


def exam_summary(exam_uuid):
    """The ``ExamInfo`` of a test for anyone who sits it (title, time, window): no questions, no keys.

    Raises ``LookupError`` when there is no such test, ``NotInstalled`` when the app's tables are missing or
    behind its code (``./manage.py lms migrate`` not run).
    """
    try:
        return _exam_info(_exam(exam_uuid))
    except DatabaseError as exc:
        if not installed():
            raise NotInstalled(_("The tests' tables are missing: run ./manage.py lms migrate")) from exc
        raise


def installed():
    """Whether every table of this app exists and all its migrations are applied."""
    config = apps.get_app_config("vn_assessment")
    tables = {model._meta.db_table for model in config.get_models()}
    if tables - set(connection.introspection.table_names()):
        return False
    loader = MigrationLoader(connection)
    wanted = {key for key in loader.graph.nodes if key[0] == config.label}
    return wanted <= set(loader.applied_migrations)


def list_exams(user):
    """``ExamInfo`` of the tests ``user`` made (staff: all), newest first."""
    exams = Exam.objects.order_by("-created_at")
    if not is_platform_staff(user):
        exams = exams.filter(owner_id=user.id)
    return [_exam_info(exam) for exam in exams[:200]]


def exam_versions(user, exam_uuid):
    """``(paper questions, [versions.TestVersion])`` of a test, keys included: for its teacher's printing.

    ``paper questions``: {uuid: QuestionContent}; points per question in ``exam_points``.
    """
    exam = _exam_for(user, exam_uuid)
    contents = qbank_api.get_question_contents([(item["uuid"], item["version"]) for item in exam.items])
    made = []
    for row in exam.versions.order_by("code"):
        parts = {}
        for part, items in row.parts.items():
            printed = []
            for number, item in enumerate(items, start=1):
                test_item = versions.TestItem(item["uuid"], part, contents[item["uuid"]].body)
                order = tuple(item["options"])
                printed.append(
                    versions.VersionItem(number, item["uuid"], part, order, versions.key_of(test_item, order))
                )
            parts[part] = tuple(printed)
        made.append(versions.TestVersion(row.code, parts))
    points = {item["uuid"]: Decimal(item["points"]) for item in exam.items}
    return contents, made, points


# ------------------------------------------------------------------------------------------- attempts
def _now(now):
    return now or timezone.now()


def _seconds_left(attempt, now):
    if attempt.status != Attempt.Status.OPEN:
        return 0
    return max(0, int((attempt.deadline_at - now).total_seconds()))


def _is_open(exam, now):
    return (exam.opens_at is None or exam.opens_at <= now) and (
        exam.closes_at is None or now < exam.closes_at
    )


def _version_for(exam, user_id):
    codes = sorted(exam.versions.values_list("code", flat=True))
    # Reproducible per student: a reload, or a second device, lands on the same version.
    return codes[random.Random(f"{exam.seed}:{user_id}").randrange(len(codes))]  # noqa: S311


_TICKET_SALT = "openedx_vn.assessment.attempt-ticket"
TICKET_SECONDS = 24 * 3600


def attempt_ticket(exam_uuid, user_id, place=None):
    """A signed ticket letting ``user_id`` start the test: the block hands it to the page it shows that user.

    The LMS shows the block only to those it lets into the course unit, so a test is started only from its
    course; knowing a test's id is not enough. Valid for a day (a page left open overnight is reloaded).
    ``place``: where the score goes ({"course", "usage", "weight"}: ``link_gradebook``), signed with it.
    """
    data = {"exam": str(exam_uuid), "user": user_id}
    if place:
        data["place"] = place
    return signing.dumps(data, salt=_TICKET_SALT, compress=True)


def check_ticket(ticket, exam_uuid, user_id):
    """Raise ``NotAllowed`` unless ``ticket`` was given to ``user_id`` for this test within a day; returns
    the place the ticket names for the score ({} when none)."""
    try:
        data = signing.loads(ticket or "", salt=_TICKET_SALT, max_age=TICKET_SECONDS)
    except signing.BadSignature as exc:  # also SignatureExpired
        raise NotAllowed(_("Open the test from its course page to start it.")) from exc
    if data.get("exam") != str(exam_uuid) or data.get("user") != user_id:
        raise NotAllowed(_("Open the test from its course page to start it."))
    return data.get("place") or {}


def start_attempt(exam_uuid, user_id, now=None):
    """Start (or resume) ``user_id``'s attempt: returns its ``AttemptView``. The deadline is set once, here:
    the test's minutes from now, or the close date if that comes first."""
    now = _now(now)
    exam = _exam(exam_uuid)
    attempt = Attempt.objects.filter(exam=exam, user_id=user_id).first()
    if attempt is None:
        if not _is_open(exam, now):
            raise AttemptClosed(_("This test is not open now."))
        late = integrity.late_start_refusal(exam, now)
        if late:
            raise AttemptClosed(late)
        deadline = integrity.deadline_for(exam, user_id, now)  # with the student's extra time
        try:
            with transaction.atomic():
                attempt = Attempt.objects.create(
                    exam=exam,
                    user_id=user_id,
                    version_code=_version_for(exam, user_id),
                    started_at=now,
                    deadline_at=deadline,
                )
        except IntegrityError:  # the same student started on two devices at once
            attempt = Attempt.objects.get(exam=exam, user_id=user_id)
    return attempt_view(exam_uuid, user_id, now=now)


def _attempt(exam_uuid, user_id):
    # The blueprint copy is never needed here; every save reads this row.
    rows = Attempt.objects.select_related("exam").defer("exam__blueprint_data")
    attempt = rows.filter(exam__uuid=_uuid(exam_uuid), user_id=user_id).first()
    if attempt is None:
        raise LookupError(_("No attempt of user {user} at test {uuid}").format(user=user_id, uuid=exam_uuid))
    return attempt


def _close_if_due(attempt, now):
    """Submit an open attempt whose deadline has passed (with the answers saved so far)."""
    if attempt.status == Attempt.Status.OPEN and now >= attempt.deadline_at + SAVE_GRACE:
        _submit(attempt, Attempt.Status.TIMED_OUT, attempt.deadline_at)
        return True
    return False


def _layout(attempt):
    """The version's parts: {part: [{"uuid", "options"}]} (cached per process: versions never change)."""
    return _layout_of(attempt.exam.uuid, attempt.exam_id, attempt.version_code)


def _layout_of(exam_uuid, exam_id, version_code):
    if len(_LAYOUTS) > 2000:
        _LAYOUTS.clear()
    key = (exam_uuid, version_code)
    if key not in _LAYOUTS:
        _LAYOUTS[key] = ExamVersion.objects.values_list("parts", flat=True).get(
            exam_id=exam_id, code=version_code
        )
    return _LAYOUTS[key]


_LAYOUTS = {}
_CONTENTS = {}


def _contents(exam):
    """The questions of a test, keys included (cached per process: a test pins its question versions)."""
    return _contents_of(exam.uuid, lambda: exam.items)


def _contents_of(exam_uuid, read_items):
    if exam_uuid not in _CONTENTS:
        if len(_CONTENTS) > 200:
            _CONTENTS.clear()
        _CONTENTS[exam_uuid] = qbank_api.get_question_contents(
            [(i["uuid"], i["version"]) for i in read_items()]
        )
    return _CONTENTS[exam_uuid]


def _options_of(layout, question_uuid):
    for part, items in layout.items():
        for item in items:
            if item["uuid"] == question_uuid:
                return part, tuple(item["options"])
    return None, ()


def save_answer(exam_uuid, user_id, question_uuid, value, seq, now=None):
    """Save one answer as it is given. ``seq`` (a number the browser increases with every change) orders
    the saves: a retried or late save whose ``seq`` is not above the stored one changes nothing.

    Raises ``AttemptClosed`` after submission or the deadline, ``ValueError`` for a question not in the
    attempt or an answer of the wrong shape (``grading.AnswerError``).
    """
    now = _now(now)
    attempt = _saving(exam_uuid, user_id)
    if attempt.status != Attempt.Status.OPEN or now >= attempt.deadline_at + SAVE_GRACE:
        _close_if_due(_attempt(exam_uuid, user_id), now)
        raise AttemptClosed(_("The test is over: this answer was not saved."))
    if isinstance(seq, bool) or not isinstance(seq, int) or not 1 <= seq <= MAX_SEQ:
        raise ValueError(f"seq must be a whole number from 1 to {MAX_SEQ}")
    part, options = _options_of(
        _layout_of(attempt.exam_uuid, attempt.exam_id, attempt.version_code), str(question_uuid)
    )
    if part is None:
        raise ValueError(f"question {question_uuid} is not in this test")
    items = functools.partial(Exam.objects.values_list("items", flat=True).get, pk=attempt.exam_id)
    content = _contents_of(attempt.exam_uuid, items)[str(question_uuid)]
    stored = grading.read_answer(content.question_type, content.body, value, options)
    answers = Answer.objects.filter(attempt_id=attempt.pk, question_uuid=question_uuid)
    with transaction.atomic():
        # The attempt's row lock orders this save with a submit or the time-out sweep (which take it too):
        # an answer is stored only while the attempt is open, so every stored answer is graded.
        if _LOCKED_STATUS(pk=attempt.pk) != [(Attempt.Status.OPEN,)]:
            raise AttemptClosed(_("The test is over: this answer was not saved."))
        changed = _store_newer(attempt.pk, question_uuid, stored, seq, now)
        if not changed:
            try:
                with transaction.atomic():
                    Answer.objects.create(
                        attempt_id=attempt.pk,
                        question_uuid=question_uuid,
                        value=stored,
                        seq=seq,
                        saved_at=now,
                    )
                changed = 1
            except IntegrityError:  # a save of this question was stored meanwhile: keep the newer one
                changed = _store_newer(attempt.pk, question_uuid, stored, seq, now)
    current = seq if changed else (answers.values_list("seq", flat=True).first() or seq)
    return SaveResult(bool(changed), current, _seconds_left(attempt, now))


class _Saving(NamedTuple):
    """What a save reads of its attempt (every autosave: no model objects, the SQL compiled once)."""

    pk: int
    status: str
    deadline_at: object  # datetime
    version_code: str
    exam_id: int
    exam_uuid: uuid.UUID


_SAVING = Compiled(
    lambda exam, user: Attempt.objects.filter(exam__uuid=exam, user_id=user).values_list(
        "pk", "status", "deadline_at", "version_code", "exam_id", "exam__uuid"
    )[:1]
)
_LOCKED_STATUS = Compiled(lambda pk: Attempt.objects.select_for_update().filter(pk=pk).values_list("status"))


def _store_newer(attempt_id, question_uuid, value, seq, now):
    """``UPDATE`` the stored answer to a question if its ``seq`` is older; returns the rows changed (0 or 1).

    The same statement the ORM's ``filter(seq__lt=seq).update(…)`` writes, with the values prepared by the
    fields themselves; written once because building it took longer than running it, on every autosave.
    """
    fields = {field.name: field for field in Answer._meta.concrete_fields}
    name = connection.ops.quote_name
    columns = {key: name(field.column) for key, field in fields.items()}
    sql = (
        f"UPDATE {name(Answer._meta.db_table)} SET {columns['value']} = %s, {columns['seq']} = %s, "  # noqa: S608
        f"{columns['saved_at']} = %s WHERE {columns['attempt']} = %s AND {columns['question_uuid']} = %s "
        f"AND {columns['seq']} < %s"
    )
    params = [
        fields["value"].get_db_prep_save(value, connection),
        seq,
        fields["saved_at"].get_db_prep_save(now, connection),
        attempt_id,
        fields["question_uuid"].get_db_prep_save(str(question_uuid), connection),
        seq,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _saving(exam_uuid, user_id):
    rows = _SAVING(exam=_uuid(exam_uuid), user=int(user_id))
    if not rows:
        raise LookupError(_("No attempt of user {user} at test {uuid}").format(user=user_id, uuid=exam_uuid))
    return _Saving(*rows[0])


def submit_attempt(exam_uuid, user_id, now=None):
    """Submit and grade an open attempt (a second submit changes nothing); returns its ``AttemptView``."""
    now = _now(now)
    attempt = _attempt(exam_uuid, user_id)
    if not _close_if_due(attempt, now) and attempt.status == Attempt.Status.OPEN:
        _submit(attempt, Attempt.Status.SUBMITTED, now)
    return attempt_view(exam_uuid, user_id, now=now)


def _grade(attempt):
    answers = {
        row["question_uuid"]: (row["value"], row["essay_points"])
        for row in attempt.answers.values("question_uuid", "value", "essay_points")
    }
    exam = attempt.exam
    return grading.grade_answers(exam.items, _contents(exam), answers, exam.grade)


def _submit(attempt, status, when):
    with transaction.atomic():
        # Only one of a racing submit and time-out sweep grades the attempt.
        taken = Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.OPEN).update(
            status=status, submitted_at=when
        )
        if not taken:
            attempt.refresh_from_db()
            return
        attempt.status, attempt.submitted_at = status, when
        integrity.close_open_events(attempt, when)
        _store_grade(attempt, _grade(attempt))


def _store_grade(attempt, graded):
    attempt.points, attempt.score = graded.points, graded.score
    attempt.essays_pending = graded.essays_pending
    attempt.earned = {key: str(value) for key, value in graded.earned.items()}
    attempt.save(update_fields=["points", "score", "essays_pending", "earned"])
    if gradebook.needs_push(attempt):  # to the LMS gradebook once this commits (ADR 0019)
        gradebook.schedule(attempt.pk)


def close_expired_attempts(now=None):
    """Submit every open attempt whose deadline has passed, with its saved answers (the Celery beat sweep).
    Returns how many were closed."""
    now = _now(now)
    closed = 0
    due = Attempt.objects.select_related("exam").filter(
        status=Attempt.Status.OPEN, deadline_at__lte=now - SAVE_GRACE
    )
    for attempt in due.iterator():
        closed += _close_if_due(attempt, now)
    return closed


def mark_published(exam_uuid, user_id, score):
    """Record the score the LMS gradebook was given (the block publishes; see ``attempt_view``)."""
    Attempt.objects.filter(exam__uuid=_uuid(exam_uuid), user_id=user_id).update(published_score=score)


def _review_open(exam, attempt, now):
    """Keys and explanations only once nobody can still answer: after the close date (and the grace for
    saves in flight). A test without a close date shows scores only: its review would reach students who
    finished early while classmates are still sitting it."""
    opens = integrity.review_opens_at(exam)  # the review date, after every accommodated student's time
    if attempt.status == Attempt.Status.OPEN or opens is None:
        return False
    return now >= opens + SAVE_GRACE


def attempt_view(exam_uuid, user_id, now=None, render=str):
    """The student's ``AttemptView``: questions of their version without keys, their saved answers, time
    left; after submission the score; after the close date the review (keys, explanations, points).

    ``render`` turns the bank's HTML texts into what the page shows (the block's math/picture handling).
    An attempt whose deadline has passed is submitted here first.
    """
    now = _now(now)
    attempt = _attempt(exam_uuid, user_id)
    _close_if_due(attempt, now)
    exam = attempt.exam
    contents = _contents(exam)
    points = {item["uuid"]: Decimal(item["points"]) for item in exam.items}
    saved = {row.question_uuid: row for row in attempt.answers.all()}
    review_open = _review_open(exam, attempt, now)
    parts, answers, review = [], {}, {}
    for part, items in _layout(attempt).items():
        questions = []
        for number, item in enumerate(items, start=1):
            content = contents[item["uuid"]]
            options = tuple(item["options"])
            question = {
                "uuid": item["uuid"],
                "number": number,
                "type": content.question_type,
                "stem": render(content.stem),
                "points": str(points[item["uuid"]]),
            }
            if content.question_type == "multiple_choice":
                question["choices"] = [render(content.body["choices"][index]["text"]) for index in options]
            elif content.question_type == "true_false_cluster":
                question["statements"] = [
                    render(statement["text"]) for statement in content.body["statements"]
                ]
            elif content.question_type == "short_answer":
                question["numeric"] = content.body.get("kind") == "numeric"
            questions.append(question)
            row = saved.get(item["uuid"])
            if row is not None:
                answers[item["uuid"]] = {
                    "value": grading.shown_answer(content.question_type, row.value, options),
                    "seq": row.seq,
                }
            if review_open:
                key = versions.key_of(
                    versions.TestItem(item["uuid"], content.question_type, content.body), options
                )
                earned = attempt.earned.get(item["uuid"])
                review[item["uuid"]] = {
                    "key": key,
                    "explanation": render(content.explanation or ""),
                    "earned": earned,
                    "points": str(points[item["uuid"]]),
                    "comment": row.essay_comment if row is not None else "",
                }
        parts.append({"part": part, "questions": questions})
    return AttemptView(
        str(exam.uuid),
        attempt.version_code,
        attempt.status,
        _seconds_left(attempt, now),
        parts,
        answers,
        attempt.score,
        attempt.points,
        attempt.essays_pending,
        review,
        _part_scores(attempt, points, saved),
        integrity.review_opens_at(exam),
        _student_log(attempt, exam),
    )


def _part_scores(attempt, points, saved):
    """After submission, per part of the student's version: points earned of the part's points, and its
    essays the teacher has not graded yet (an unanswered essay waits for nobody)."""
    if attempt.status == Attempt.Status.OPEN:
        return []
    found = []
    for part, items in _layout(attempt).items():
        uuids = [item["uuid"] for item in items]
        earned = sum((Decimal(attempt.earned.get(u, 0)) for u in uuids), Decimal(0))
        waiting = sum(
            1
            for u in uuids
            if part == "essay" and u not in attempt.earned and saved.get(u) is not None and saved[u].value
        )
        total = sum((points[u] for u in uuids), Decimal(0))
        found.append({"part": part, "earned": earned, "points": total, "essays_pending": waiting})
    return found


def _student_log(attempt, exam):
    events = integrity.log_of([attempt.pk]).get(attempt.pk, [])
    return {
        "require_fullscreen": exam.require_fullscreen,
        "events": [
            {"kind": kind, "from": start.isoformat(), "to": end and end.isoformat(), "seconds": seconds}
            for kind, start, end, seconds in events
        ],
    }


def has_attempt(exam_uuid, user_id):
    """Whether ``user_id`` has started the test."""
    try:
        key = _uuid(exam_uuid)
    except LookupError:
        return False
    return Attempt.objects.filter(exam__uuid=key, user_id=user_id).exists()


def attempt_status(exam_uuid, user_id):
    """``(status, score, published_score)`` of a student's attempt, or None when there is none."""
    row = Attempt.objects.filter(exam__uuid=_uuid(exam_uuid), user_id=user_id).values_list(
        "status", "score", "published_score"
    )
    return row.first()


# ------------------------------------------------------------------------------ paper answer sheets
def record_paper_attempt(exam_uuid, user_id, version_code, answers, when=None):
    """Store the answers read from ``user_id``'s paper sheet as a submitted attempt of ``version_code`` and
    grade it by the online tests' rules; the block hands the score to the LMS gradebook as for an online
    attempt. ``answers``: {question uuid: value in the printed shape (an option's printed index, đúng–sai
    list, short-answer text, essay text)}. A second sheet of the same student replaces the first one's
    answers. Returns the attempt's id. Raises ``ValueError`` when the student sat the test online.
    """
    when = _now(when)
    exam = _exam(exam_uuid)
    layout = ExamVersion.objects.values_list("parts", flat=True).get(exam=exam, code=version_code)
    options = {
        item["uuid"]: (part, tuple(item["options"])) for part, items in layout.items() for item in items
    }
    contents = _contents(exam)
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().filter(exam=exam, user_id=user_id).first()
        if attempt is not None and not attempt.sheets.exists():
            raise ValueError(_("this student sat the test online"))
        if attempt is None:
            attempt = Attempt(exam=exam, user_id=user_id, started_at=when)
        attempt.version_code, attempt.status = version_code, Attempt.Status.SUBMITTED
        attempt.deadline_at = attempt.submitted_at = when
        attempt.save()
        attempt.answers.all().delete()
        Answer.objects.bulk_create(
            Answer(
                attempt=attempt,
                question_uuid=uuid_,
                value=grading.read_answer(
                    contents[uuid_].question_type, contents[uuid_].body, value, options[uuid_][1]
                ),
                seq=1,
                saved_at=when,
            )
            for uuid_, value in answers.items()
            if value is not None and uuid_ in options
        )
        _store_grade(attempt, _grade(attempt))
    return attempt.pk


# -------------------------------------------------------------------------------------------- results
def results(user, exam_uuid):
    """``ResultRow``s of a test, sorted the Vietnamese way (given name, then family name)."""
    exam = _exam_for(user, exam_uuid)
    attempts = list(exam.attempts.all())
    logs = integrity.log_of(attempt.pk for attempt in attempts)
    paper = set(exam.scanned_sheets.filter(attempt__isnull=False).values_list("attempt_id", flat=True))
    people = {u.pk: u for u in get_user_model().objects.filter(pk__in=[a.user_id for a in attempts])}
    rows = []
    for attempt in attempts:
        person = people.get(attempt.user_id)
        first, last = (person.first_name, person.last_name) if person else ("", "")
        username = person.username if person else str(attempt.user_id)
        full_name = " ".join(part for part in (last, first) if part) or username
        rows.append(
            (
                person_key(first, last, username),
                ResultRow(
                    attempt.user_id,
                    username,
                    full_name,
                    attempt.version_code,
                    attempt.status,
                    attempt.started_at,
                    attempt.submitted_at,
                    attempt.points,
                    attempt.score,
                    attempt.essays_pending,
                    tuple(IntegrityEntry(*entry) for entry in logs.get(attempt.pk, ())),
                    paper=attempt.pk in paper,
                ),
            )
        )
    return [row for _key, row in sorted(rows, key=lambda pair: pair[0])]


def grade_essay(user, exam_uuid, student_id, question_uuid, points, comment=""):
    """The teacher's points (with the rubric) for a student's essay; the attempt's score is recomputed.

    Raises ``NotAllowed`` unless ``user`` is the test's teacher or staff, ``ValueError`` for points outside
    0…the question's points or a question that is not an essay of the test.
    """
    exam = _exam(exam_uuid)
    if not (is_platform_staff(user) or user.id == exam.owner_id):
        raise NotAllowed(_("Only the test's teacher grades its essays."))
    item = next((i for i in exam.items if i["uuid"] == str(question_uuid)), None)
    if item is None or item["type"] != "essay":
        raise ValueError(_("question %(uuid)s is not an essay of this test") % {"uuid": question_uuid})
    try:
        given = Decimal(str(points).replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(_("%(value)r is not a number") % {"value": points}) from exc
    if not given.is_finite() or not 0 <= given <= Decimal(item["points"]):
        raise ValueError(
            _("an essay earns from 0 to %(max)s points")
            % {"max": str(Decimal(item["points"])).replace(".", ",")}
        )
    attempt = Attempt.objects.select_related("exam").filter(exam=exam, user_id=student_id).first()
    if attempt is None or attempt.status == Attempt.Status.OPEN:
        raise ValueError(_("this student has not submitted the test"))
    with transaction.atomic():
        answer, _created = Answer.objects.get_or_create(
            attempt=attempt,
            question_uuid=str(question_uuid),
            defaults={"value": None, "seq": 1, "saved_at": timezone.now()},
        )
        before = None if answer.essay_points is None else _essay_state(answer, attempt)
        answer.essay_points, answer.essay_comment, answer.graded_by = given, comment, user.id
        answer.save(update_fields=["essay_points", "essay_comment", "graded_by"])
        _store_grade(attempt, _grade(attempt))
        audit_api.record(  # same transaction: the grade and its entry together
            user,
            "essay.regraded" if before else "essay.graded",
            "essay",
            f"{exam.uuid}/{student_id}/{question_uuid}",
            school_code=exam.school_code,
            before=before,
            after=_essay_state(answer, attempt),
        )
    return attempt.score


def _essay_state(answer, attempt):
    score = attempt.score
    return {
        "points": str(answer.essay_points),
        "comment": answer.essay_comment,
        "score": None if score is None else str(score),
    }


def essays_to_grade(user, exam_uuid):
    """``[(student id, question uuid, text, points given or None, comment)]`` of the test's essays."""
    exam = _exam_for(user, exam_uuid)
    essays = {item["uuid"] for item in exam.items if item["type"] == "essay"}
    rows = Answer.objects.filter(attempt__exam=exam, question_uuid__in=essays).exclude(
        attempt__status=Attempt.Status.OPEN
    )
    return list(
        rows.order_by("attempt__user_id", "question_uuid").values_list(
            "attempt__user_id", "question_uuid", "value", "essay_points", "essay_comment"
        )
    )


# ------------------------------------------------------------------------- online rules and integrity
IntegrityLimit = integrity.IntegrityLimit
RulesInvalid = integrity.RulesInvalid
LONG_OFFLINE_SECONDS = integrity.LONG_OFFLINE_SECONDS  # shorter disconnections are not logged
parse_accommodations = integrity.parse_accommodations  # "username: minutes" lines, for forms


def online_rules(user, exam_uuid):
    """The test's ``integrity.Rules`` (full screen, late start, extra time by username, review date)."""
    return integrity.rules_of(_exam_for(user, exam_uuid))


def set_online_rules(user, exam_uuid, require_fullscreen, late_start_minutes, extra, review_at):
    """Set how the test is sat online; its teacher or staff only. ``extra``: {username: minutes}.

    Raises ``NotAllowed``, or ``RulesInvalid`` naming each field's problem (nothing stored then).
    """
    exam = _exam(exam_uuid)
    if not (is_platform_staff(user) or user.id == exam.owner_id):
        raise NotAllowed(_("Only the test's teacher changes how it is sat online."))
    integrity.set_rules(exam, require_fullscreen, late_start_minutes, extra, review_at)
    return integrity.rules_of(exam)


def record_integrity(exam_uuid, user_id, kind, phase, seconds=None, now=None):
    """Record what ``user_id``'s browser reported during their open attempt (server times); returns whether
    the log changed. Raises ``LookupError`` (no attempt), ``AttemptClosed``, ``ValueError`` (kind, phase),
    ``IntegrityLimit``."""
    now = _now(now)
    attempt = _attempt(exam_uuid, user_id)
    if attempt.status != Attempt.Status.OPEN or now >= attempt.deadline_at + SAVE_GRACE:
        raise AttemptClosed(_("The test is over: nothing more is recorded."))
    return integrity.record(attempt, kind, phase, seconds, now)


def link_gradebook(exam_uuid, user, course_key, usage_key, weight):
    """Where the student's score goes in the LMS gradebook (the block calls this when it shows the test):
    the course, the block's usage key, the student's anonymous id for the course, the block's weight (None:
    10). The score is sent now if the gradebook lacks it, else whenever it changes (ADR 0019)."""
    attempt = Attempt.objects.filter(exam__uuid=_uuid(exam_uuid), user_id=user.pk).first()
    if attempt is not None:
        learner = compat.anonymous_user_id(user, course_key)
        gradebook.link(attempt, course_key, usage_key, learner, weight)


def student_scores(user_id):
    """A student's graded online tests, oldest first: ``(submitted_at, subject_code, title, kind, score)``
    (score of 10, a ``Decimal``), for the student's and parents' progress pages (practice app)."""
    rows = Attempt.objects.filter(user_id=int(user_id), score__isnull=False, submitted_at__isnull=False)
    rows = rows.order_by("submitted_at").values_list(
        "submitted_at", "exam__subject_code", "exam__title", "exam__kind", "score"
    )
    return list(rows)


def online_tests_per_school(school_codes, school_year):
    """``{school code: (online tests held, students who sat one)}`` in ``school_year`` (reports, QĐ 4725
    evidence): a test counts once a student submitted an online attempt of it (paper sheets do not count)."""
    done = Attempt.objects.filter(
        exam__school_code__in=list(school_codes),
        exam__school_year=school_year,
        status__in=[Attempt.Status.SUBMITTED, Attempt.Status.TIMED_OUT],
        sheets__isnull=True,  # answers read from paper sheets are not online testing
    )
    out = {}
    for code, exams, students in (
        done.values_list("exam__school_code")
        .annotate(exams=Count("exam_id", distinct=True), students=Count("user_id", distinct=True))
        .values_list("exam__school_code", "exams", "students")
    ):
        out[code] = (exams, students)
    return out


def shared_test_attempts(school_codes, school_year):
    """Plain rows of the submitted, fully graded attempts (online or paper) of tests held in ``school_year``
    by several of ``school_codes`` from one stored blueprint (the same test given to each school is drawn
    from one too): ``(blueprint uuid, subject code, title, exam uuid, version code, version key, student
    user id, school code, score of 10, submitted_at)``. The student's school is the school of the test.
    ``version key`` is the same for versions holding the same questions in the same order with the same
    options (a test drawn again with the same banks and seed), so a version sat in several schools compares
    across them; versions with other questions never share a key. Talent reports (vn_reporting) read this."""
    attempts = Attempt.objects.filter(
        exam__school_code__in=list(school_codes),
        exam__school_year=school_year,
        exam__blueprint__isnull=False,
        status__in=[Attempt.Status.SUBMITTED, Attempt.Status.TIMED_OUT],
        score__isnull=False,
        essays_pending=0,  # a score waiting for essay points would rank the student too low
    )
    shared = (
        attempts.values("exam__blueprint_id")
        .annotate(schools=Count("exam__school_code", distinct=True))
        .filter(schools__gte=2)
        .values_list("exam__blueprint_id", flat=True)
    )
    rows = list(
        attempts.filter(exam__blueprint_id__in=list(shared))
        .order_by("exam_id", "version_code", "user_id")
        .values_list(
            "exam_id",
            "exam__blueprint__uuid",
            "exam__subject_code",
            "exam__title",
            "exam__uuid",
            "version_code",
            "user_id",
            "exam__school_code",
            "score",
            "submitted_at",
        )
    )
    keys = _version_keys({(row[0], row[5]) for row in rows})
    return [(str(r[1]), r[2], r[3], str(r[4]), r[5], keys[r[0], r[5]], r[6], r[7], r[8], r[9]) for r in rows]


def _version_keys(pairs):
    """``{(exam id, code): digest}`` of each version's printed layout with its pinned question versions."""
    exam_ids = {exam_id for exam_id, _code in pairs}
    pins = {
        exam_id: {item["uuid"]: item["version"] for item in items}
        for exam_id, items in Exam.objects.filter(pk__in=exam_ids).values_list("pk", "items")
    }
    out = {}
    layouts = ExamVersion.objects.filter(exam_id__in=exam_ids).values_list("exam_id", "code", "parts")
    for exam_id, code, parts in layouts:
        if (exam_id, code) not in pairs:
            continue
        layout = [
            [part, [[item["uuid"], pins[exam_id].get(item["uuid"]), item["options"]] for item in items]]
            for part, items in sorted(parts.items())
        ]
        text = json.dumps(layout, separators=(",", ":"))
        out[exam_id, code] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return out
