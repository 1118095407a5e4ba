"""What the teachers' REST views and pages share: who may come in, how domain errors answer, labels, numbers
and dates the Vietnamese way, and the school a teacher works for."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from rest_framework.permissions import IsAuthenticated

from openedx_vn.assessment import api
from openedx_vn.assessment.blueprint import FORMATS, LEVELS
from openedx_vn.qbank import api as qbank_api
from openedx_vn.qbank.data import COGNITIVE_LEVELS
from openedx_vn.schools import api as schools_api

VN_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


class AuthorPermission(IsAuthenticated):
    """Signed in, and a maker of tests (``api.can_author``: teachers, leaders, staff). Students: 403."""

    def has_permission(self, request, view):
        return super().has_permission(request, view) and api.can_author(request.user)


def is_not_found(exc):
    """A missing blueprint/test/bank (``LookupError`` from the API), not a programming slip."""
    return isinstance(exc, LookupError) and not isinstance(exc, (KeyError, IndexError))


def format_labels():
    """Question format → its label in the request's language (the bank's type names)."""
    labels = {info.code: info.label for info in qbank_api.get_question_types()}
    return {fmt: labels.get(fmt, fmt) for fmt in FORMATS}


def level_labels():
    return {level: str(COGNITIVE_LEVELS.get(level, level)) for level in LEVELS}


def decimal_comma(value):
    """``Decimal("1.50")`` → "1,5"; None → ""."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).normalize()
    return f"{number:f}".replace(".", ",")


def local_time(value):
    """dd/mm/yyyy HH:MM in Asia/Ho_Chi_Minh (schools' clock, whatever the server's TIME_ZONE)."""
    if not isinstance(value, datetime):
        return ""
    return value.astimezone(VN_TIME).strftime("%d/%m/%Y %H:%M")


def school_of(user):
    """The school a new blueprint or test belongs to: the one school the user teaches at or leads ("" for
    several or none: the user then picks classes, which give the school)."""
    codes = sorted(schools_api.user_school_codes(user))
    return codes[0] if len(codes) == 1 else ""


def readable_banks(user):
    """``BankInfo`` of the banks ``user`` may draw questions from, by name."""
    return [bank for bank in qbank_api.list_banks() if qbank_api.can_view_bank(user, bank)]


def teacher_classes(user):
    """``ClassInfo`` of the classes ``user`` teaches this school year ([] before the first year exists)."""
    try:
        return schools_api.classes_of_teacher(user)
    except schools_api.SchoolsError:
        return []


class ClassChoiceError(ValueError):
    """Classes the teacher does not teach, or of several schools."""


def class_choice(user, class_ids):
    """``(school code, school year)`` of the chosen classes, which must be classes ``user`` teaches."""
    if not class_ids:
        return "", ""
    taught = {info.id: info for info in teacher_classes(user)}
    for class_id in class_ids:
        if class_id not in taught:
            raise ClassChoiceError(_("Class %(id)s is not a class you teach this year.") % {"id": class_id})
    schools = {taught[class_id].school_code for class_id in class_ids}
    if len(schools) > 1:
        raise ClassChoiceError(_("Choose classes of one school."))
    return schools.pop(), taught[class_ids[0]].year


def generate(user, blueprint_uuid, values):
    """Draw a test with the form's ``values`` (banks, versions, seed, title, kind, minutes, classes,
    exclude_recent, opens_at, closes_at). Raises ``ClassChoiceError``, and the API's errors
    (``GenerationError``, ``NotAllowed``, ``ValueError``, ``LookupError``)."""
    classes = [int(class_id) for class_id in values.get("classes") or ()]
    school_code, year = class_choice(user, classes)
    if not year:
        current = schools_api.current_school_year()
        year = current.name if current else ""
    return api.generate_exam(
        user,
        blueprint_uuid,
        [str(key) for key in values["banks"]],
        version_count=values["versions"],
        seed=values.get("seed"),
        title=values.get("title") or "",
        kind=values.get("kind") or "",
        minutes=values["minutes"],
        class_ids=classes,
        exclude_recent=values.get("exclude_recent") or 0,
        school_code=school_code or school_of(user),
        school_year=year,
        opens_at=values.get("opens_at"),
        closes_at=values.get("closes_at"),
    )


def short_cells(error, blueprint):
    """Each cell a ``GenerationError`` lists, with its row and a sentence a teacher can act on."""
    formats, levels = format_labels(), level_labels()
    cells = []
    for short in error.short:
        row = blueprint.cells[short.cell].row if short.cell < len(blueprint.cells) else 0
        values = {
            "row": row + 1,
            "label": short.row_label,
            "format": formats.get(short.format, short.format),
            "level": levels.get(short.level, short.level),
            "missing": short.missing,
            "available": short.available,
            "needed": short.needed,
        }
        message = _(
            "Row %(row)s (%(label)s), %(format)s, %(level)s: %(missing)s question(s) missing — the banks "
            "have %(available)s of the %(needed)s needed"
        )
        cells.append(
            {
                "cell": short.cell,
                "row": row,
                "row_label": short.row_label,
                "format": short.format,
                "level": short.level,
                "needed": short.needed,
                "available": short.available,
                "missing": short.missing,
                "message": message % values,
            }
        )
    return cells


def field_problems(error):
    """The ``BlueprintInvalid`` problems as [{"field", "message"}]."""
    return [{"field": where, "message": str(what)} for where, what in error.problems]
