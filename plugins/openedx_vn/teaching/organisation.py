"""What the share needs from the schools app, through ``schools.api`` only: a class's organisation keys, class
sizes, school years and their weeks, and who may see what.

Small private adapter: where ``schools.api`` lacks a look-up (a class by id) it composes what exists.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from openedx_vn.schools import api as schools_api

# The grades of each level of general education (Luật Giáo dục 2019, Art. 28: primary 1–5, lower secondary
# 6–9, upper secondary 10–12). A GDTX centre teaches the secondary grades under "continuing".
_GRADE_LEVELS = {**dict.fromkeys(range(1, 6), "primary")}
_GRADE_LEVELS |= dict.fromkeys(range(6, 10), "lower_secondary") | dict.fromkeys(
    range(10, 13), "upper_secondary"
)


class UnknownClass(LookupError):
    """No class with this id."""


class UnknownYear(LookupError):
    """No such school year (or none yet)."""


@dataclass(frozen=True)
class ClassKeys:
    """A class and the organisation keys copied onto plans, sessions and cells."""

    class_id: int
    class_name: str
    year: str
    school_code: str
    commune_code: str
    province_code: str
    reports_to: str
    level: str
    grade: int
    size: int

    def org_fields(self):
        """The ``OrgKeys`` model fields (without the subject)."""
        return {
            "class_id": self.class_id,
            "year": self.year,
            "school_code": self.school_code,
            "commune_code": self.commune_code,
            "province_code": self.province_code,
            "reports_to": self.reports_to,
            "level": self.level,
            "grade": self.grade,
        }


def level_of(grade, school_levels):
    """The school level a class of ``grade`` belongs to in a school teaching ``school_levels``."""
    level = _GRADE_LEVELS.get(grade, "preschool")
    if level not in school_levels and "continuing" in school_levels:
        return "continuing"
    return level


def _keys(info, school):
    return ClassKeys(
        class_id=info.id,
        class_name=info.name,
        year=info.year,
        school_code=school.code,
        commune_code=school.commune_code,
        province_code=school.province_code,
        reports_to=school.reports_to,
        level=level_of(info.grade, school.levels),
        grade=info.grade,
        size=info.size,
    )


def _class_info(class_id):
    getter = getattr(schools_api, "get_class", None)
    if getter is not None:  # asked of the schools app; until it has it, compose what exists (below)
        try:
            return getter(class_id)
        except (LookupError, ValueError):
            return None
    years = schools_api.list_school_years()
    # A class with a teaching assignment (every class a teacher records for) is found in two queries...
    for year in years:
        for assignment in schools_api.list_assignments(year=year.name, class_id=class_id)[:1]:
            return _find(assignment.school_code, year.name, class_id)
    # ...another one by looking through every school's classes (slow at province scale, and rare).
    for year in years:
        for school in schools_api.list_schools():
            found = _find(school.code, year.name, class_id)
            if found:
                return found
    return None


def _find(school_code, year, class_id):
    return next((info for info in schools_api.list_classes(school_code, year) if info.id == class_id), None)


def class_keys(class_id):
    """``ClassKeys`` of a class id; raises ``UnknownClass``."""
    try:
        class_id = int(class_id)
    except (TypeError, ValueError) as exc:
        raise UnknownClass(_("%(value)r is not a class id") % {"value": class_id}) from exc
    info = _class_info(class_id)
    if info is None:
        raise UnknownClass(_("No class %(id)s") % {"id": class_id})
    return _keys(info, schools_api.get_school(info.school_code))


def classes_of_school(school_code, year, school=None):
    """``ClassKeys`` of every class of a school in a year (a name or a ``SchoolYearInfo``), in the schools
    app's order (6A2 before 6A10). ``school``: its ``SchoolInfo`` when the caller has it (one query less)."""
    school = school or schools_api.get_school(school_code)
    return [_keys(info, school) for info in schools_api.list_classes(school_code, year)]


def class_sizes(year):
    """``{class id: number of students}`` of every class in a year (for the counting rules)."""
    return schools_api.class_sizes(year)


def school_keys(year):
    """``{school code: SchoolInfo}`` of every school (to refresh the copied keys in a full recompute)."""
    return {school.code: school for school in schools_api.list_schools()}


# ----------------------------------------------------------------------------------------- school years
def year_info(year=None, on=None):
    """The ``SchoolYearInfo`` named ``year`` (default: the one holding ``on``, or today); raises
    ``UnknownYear``."""
    try:
        if year is None:
            found = schools_api.current_school_year(on)
            if found is None:
                raise UnknownYear(_("No school year yet"))
            return found
        return schools_api.get_school_year(year)
    except schools_api.SchoolsError as exc:
        raise UnknownYear(str(exc)) from exc


def week_of(year, day):
    """Week number of ``day`` in ``year`` (a ``SchoolYearInfo``), or None outside it."""
    return schools_api.week_of(day, year)  # the info itself: no query for the year again


def weeks(year, on=None):
    """``(weeks elapsed, weeks in the year)`` on ``on`` (default today): calendar weeks from the Monday of the
    first day, the week under way not counted; every week once the year is over."""
    day = on or timezone.localdate()
    total = week_of(year, year.ends_on)
    if day < year.starts_on:
        return 0, total
    if day > year.ends_on:
        return total, total
    return week_of(year, day) - 1, total


def week_starts_on(year, week):
    """The Monday of ``week`` of ``year``."""
    first_monday = year.starts_on - timedelta(days=year.starts_on.weekday())
    return first_monday + timedelta(weeks=week - 1)


def local_day(moment):
    """The date of an aware datetime in the site's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


__all__ = [
    "ClassKeys",
    "UnknownClass",
    "UnknownYear",
    "class_keys",
    "class_sizes",
    "classes_of_school",
    "level_of",
    "local_day",
    "school_keys",
    "week_of",
    "week_starts_on",
    "weeks",
    "year_info",
]
