"""Check every row of an organisation import against the file itself, the database and the curriculum.

Returns a ``Plan`` (what to store) or the list of every problem with its place. Nothing here writes.
Look-ups are made in bulk (one query per kind of thing), so a province's 12,000 classes check in seconds.
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from openedx_vn.curriculum import api as curriculum_api
from openedx_vn.schools import levels
from openedx_vn.schools.models import School, SchoolClass, SchoolYear, Unit

SCHOOL_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
MAX_CLASS_SIZE = 200  # a sanity bound, not a legal limit


@dataclass
class Plan:
    schools: dict = field(default_factory=dict)  # code -> {name, levels, commune, district, existing}
    classes: dict = field(default_factory=dict)  # (school code, year name, class name) -> {grade, size}
    assignments: dict = field(default_factory=dict)  # class key -> {(subject, user id)}
    years: dict = field(default_factory=dict)  # name -> SchoolYear
    existing_schools: dict = field(default_factory=dict)  # code -> School


class Checker:
    def __init__(self, tables, scope):
        self.tables = {
            kind: [t for t in tables if t.kind == kind] for kind in ("schools", "classes", "assignments")
        }
        self.scope = scope
        self.plan = Plan()
        self.problems = []
        self.places = {}  # key -> "file, sheet, row" of its first occurrence, to name duplicates
        self.offered = None
        self.level_grades = None
        self.bad_schools, self.bad_classes = set(), set()  # keys of rows refused: named, not "unknown"
        self.users = None  # {username or email: {user ids}}, read at the first assignment

    def run(self):
        self._load_reference()
        for table in self.tables["schools"]:
            for row_number, row in table.rows:
                self._school(table, row_number, row)
        for table in self.tables["classes"]:
            for row_number, row in table.rows:
                self._class(table, row_number, row)
        self._load_classes()
        for table in self.tables["assignments"]:
            for row_number, row in table.rows:
                self._assignment(table, row_number, row)
        return self.plan, self.problems

    # ------------------------------------------------------------ reference data
    def _load_reference(self):
        rows = [row for tables in self.tables.values() for table in tables for _n, row in table.rows]
        school_codes = {row.get("moet_code") or row.get("school_code") for row in rows} - {None, ""}
        self.plan.existing_schools = {
            school.code: school
            for school in School.objects.filter(code__in=school_codes).select_related("commune", "province")
        }
        communes = {_unit_code(row.get("commune_code"), 5) for row in rows if row.get("commune_code")}
        districts = {_unit_code(row.get("district_code"), 3) for row in rows if row.get("district_code")}
        units = Unit.objects.filter(
            Q(level=Unit.Level.COMMUNE, code__in=communes) | Q(level=Unit.Level.DISTRICT, code__in=districts)
        ).select_related("parent")
        self.units = {(unit.level, unit.code): unit for unit in units}
        self.plan.years = {year.name: year for year in SchoolYear.objects.all()}
        if self.tables["classes"] or self.tables["assignments"]:
            try:
                self.offered = {(o.code, o.grade) for o in curriculum_api.get_subjects()}
                self.level_grades = {
                    code: set(curriculum_api.get_level(code).grades) for code in ("TH", "THCS", "THPT")
                }
            except curriculum_api.CurriculumError as exc:
                first = (self.tables["classes"] or self.tables["assignments"])[0]
                self.problems.append(first.problem(None, None, str(exc)))
        self.subject_codes = {code for code, _grade in self.offered or ()}

    def _load_classes(self):
        school_codes = {s for (s, _y, _n) in self.plan.classes}
        years = {y for (_s, y, _n) in self.plan.classes}
        for table in self.tables["assignments"]:
            school_codes |= {row.get("school_code") for _n, row in table.rows}
            years |= {row.get("year") for _n, row in table.rows}
        rows = SchoolClass.objects.filter(school__code__in=school_codes, year__name__in=years)
        self.db_classes = {
            (c.school.code, c.year.name, c.name): c for c in rows.select_related("school", "year")
        }

    def _duplicate(self, table, row_number, column, key, label):
        place = self.places.get(key)
        if place:
            message = _("%(what)s is also on %(place)s") % {"what": label, "place": place}
            self.problems.append(table.problem(row_number, column, message))
            return True
        where = table.file + (f", {table.sheet}" if table.sheet else "") + f", row {row_number}"
        self.places[key] = where
        return False

    def _in_scope(self, school_code=None, province_code=None):
        if self.scope.everything:
            return True
        if province_code is not None:
            return province_code in self.scope.province_codes
        return school_code in self.scope.school_codes

    # ----------------------------------------------------------------- schools
    def _school(self, table, row_number, row):
        problem = _Problems(self.problems, table, row_number)
        code, name = row.get("moet_code", ""), row.get("name", "")
        if not SCHOOL_CODE.match(code):
            problem("moet_code", _("required: 1–32 letters, digits, '.', '_' or '-'"))
        elif self._duplicate(table, row_number, "moet_code", ("school", code), _("MOET code %s") % code):
            code = None
        if not name or len(name) > 255:
            problem("name", _("required, at most 255 characters"))
        school_levels, unknown = levels.parse_levels(row.get("levels", ""))
        if unknown or not school_levels:
            problem(
                "levels",
                _("%(value)r: write levels as MN, TH, THCS, THPT, GDTX, separated by commas")
                % {"value": row.get("levels", "")},
            )
        commune = self.units.get((Unit.Level.COMMUNE, _unit_code(row.get("commune_code"), 5)))
        if commune is None:
            problem(
                "commune_code",
                _(
                    "%(code)r is not a commune-level unit we know: load its province first "
                    "(manage.py load_units)"
                )
                % {"code": row.get("commune_code", "")},
            )
        elif not self._in_scope(province_code=commune.parent.code):
            problem("commune_code", _("%(commune)s is outside your scope") % {"commune": commune.name})
            commune = None
        district = None
        if row.get("district_code"):
            district = self.units.get((Unit.Level.DISTRICT, _unit_code(row["district_code"], 3)))
            if district is None:
                problem(
                    "district_code",
                    _("%(code)r is not a pre-2025 district we know (load_units --districts)")
                    % {"code": row["district_code"]},
                )
            elif commune is not None and district.parent_id != commune.parent_id:
                problem(
                    "district_code",
                    _("%(district)s is not in the province of %(commune)s")
                    % {"district": district.name, "commune": commune.name},
                )
        existing = self.plan.existing_schools.get(code)
        if existing is not None and not self._in_scope(province_code=existing.province.code):
            problem("moet_code", _("school %(code)s exists outside your scope") % {"code": code})
        if problem.found:
            self.bad_schools.add(code)
        elif code:
            self.plan.schools[code] = {
                "name": name,
                "levels": school_levels,
                "commune": commune,
                "district": district,
                "existing": existing,
            }

    def _school_levels(self, code):
        """The levels of a school of the file or the database, or None when it is unknown or out of scope."""
        if code in self.plan.schools:
            return self.plan.schools[code]["levels"]
        school = self.plan.existing_schools.get(code)
        if school is None or not self._in_scope(school_code=code):
            return None
        return school.levels

    def _grades(self, school_levels):
        grades = set()
        for level in school_levels:
            for curriculum_level in levels.CURRICULUM_LEVELS[level]:
                grades |= self.level_grades.get(curriculum_level, set())
        return grades

    def _school_and_year(self, problem, row):
        code, year = row.get("school_code", ""), row.get("year", "")
        school_levels = self._school_levels(code)
        if code in self.bad_schools:
            problem("school_code", _("%(code)s: its row in the schools table has problems") % {"code": code})
        elif school_levels is None:
            problem(
                "school_code", _("%(code)r is not a school of this file or of your scope") % {"code": code}
            )
        if year not in self.plan.years:
            problem(
                "year",
                _("%(year)r is not a school year we know: create it first (manage.py set_school_year)")
                % {"year": year},
            )
        return code, year, school_levels

    # ----------------------------------------------------------------- classes
    def _class(self, table, row_number, row):
        problem = _Problems(self.problems, table, row_number)
        code, year, school_levels = self._school_and_year(problem, row)
        name = row.get("name", "")
        if not name or len(name) > 20:
            problem("name", _("required, at most 20 characters, e.g. 6A1"))
        grade = _int(row.get("grade"))
        if grade is None or not 1 <= grade <= 12:
            problem("grade", _("%(value)r is not a grade 1–12") % {"value": row.get("grade", "")})
        elif (
            school_levels is not None
            and self.level_grades is not None
            and grade not in self._grades(school_levels)
        ):
            taught = ", ".join(str(levels.LABELS[level]) for level in school_levels)
            problem(
                "grade",
                _("grade %(grade)s is not taught at a school of level(s): %(levels)s")
                % {"grade": grade, "levels": taught},
            )
        size = _int(row.get("size"))
        if size is None or not 1 <= size <= MAX_CLASS_SIZE:
            problem(
                "size",
                _("%(value)r is not a number of students from 1 to %(max)s")
                % {"value": row.get("size", ""), "max": MAX_CLASS_SIZE},
            )
        key = (code, year, name)
        if name and self._duplicate(table, row_number, "name", ("class", key), _("class %s") % name):
            return
        if problem.found:
            self.bad_classes.add(key)
        else:
            self.plan.classes[key] = {"grade": grade, "size": size}

    def _class_grade(self, key):
        if key in self.plan.classes:
            return self.plan.classes[key]["grade"]
        found = self.db_classes.get(key)
        return found.grade if found else None

    # ------------------------------------------------------------- assignments
    def _assignment(self, table, row_number, row):
        problem = _Problems(self.problems, table, row_number)
        code, year, school_levels = self._school_and_year(problem, row)
        key = (code, year, row.get("class", ""))
        grade = self._class_grade(key)
        if key in self.bad_classes:
            problem("class", _("%(name)s: its row in the classes table has problems") % {"name": key[2]})
        elif school_levels is not None and year in self.plan.years and grade is None:
            problem(
                "class",
                _("%(name)r is not a class of school %(code)s in %(year)s")
                % {"name": row.get("class", ""), "code": code, "year": year},
            )
        subject = row.get("subject", "").upper()
        if self.offered is not None:
            if subject not in self.subject_codes:
                problem(
                    "subject", _("%(value)r is not a subject code of the curriculum") % {"value": subject}
                )
            elif grade is not None and (subject, grade) not in self.offered:
                problem(
                    "subject",
                    _("%(subject)s is not taught in grade %(grade)s") % {"subject": subject, "grade": grade},
                )
        user_id = self._teacher(problem, row.get("teacher", ""))
        if problem.found:
            return
        if self._duplicate(
            table, row_number, "teacher", ("assignment", key, subject, user_id), _("this assignment")
        ):
            return
        self.plan.assignments.setdefault(key, set()).add((subject, user_id))

    def _teacher(self, problem, value):
        if self.users is None:
            self.users = _users_by_name_or_email(
                {r.get("teacher", "") for t in self.tables["assignments"] for _n, r in t.rows}
            )
        found = self.users.get(value) if value else None
        if not found:
            problem("teacher", _("no active user with username or email %(value)r") % {"value": value})
            return None
        if len(found) > 1:
            problem(
                "teacher", _("%(value)r is the email of several users: use the username") % {"value": value}
            )
            return None
        return next(iter(found))


class _Problems:
    """Collects the problems of one row; ``found`` says whether the row had any."""

    def __init__(self, problems, table, row_number):
        self.problems, self.table, self.row_number, self.found = problems, table, row_number, False

    def __call__(self, column, message):
        self.problems.append(self.table.problem(self.row_number, column, message))
        self.found = True


def _users_by_name_or_email(values):
    """{username or email: {user ids}} of the active users named exactly by ``values`` (the same on MySQL,
    whose collation ignores case, and SQLite)."""
    values = {value for value in values if value}
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(username__in=values) | Q(email__in=values))
        .values_list("id", "username", "email")
    )
    found = {}
    for user_id, username, email in users:
        for value in {username, email} & values:
            found.setdefault(value, set()).add(user_id)
    return found


def _int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _unit_code(value, width):
    value = (value or "").strip()
    return value.zfill(width) if value.isdigit() else value
