"""Values the schools app hands to other apps, blocks, views and tasks."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

__all__ = [
    "AssignmentInfo",
    "ClassInfo",
    "ImportReport",
    "Problem",
    "RoleInfo",
    "SchoolInfo",
    "SchoolYearInfo",
    "Scope",
    "UnitInfo",
    "UnitsLoad",
]


@dataclass(frozen=True)
class UnitInfo:
    """An administrative unit: ``level`` is province, commune or district (pre-2025 only)."""

    code: str
    level: str
    kind: str  # as the package names it: tỉnh, thành phố trung ương, phường, xã, đặc khu, huyện, ...
    name: str
    parent_code: str | None


@dataclass(frozen=True)
class SchoolInfo:
    """A school: ``levels`` in schooling order; ``reports_to`` is "commune" or "province" (NĐ 142/2025)."""

    code: str
    name: str
    levels: tuple[str, ...]
    commune_code: str
    commune_name: str
    province_code: str
    province_name: str
    reports_to: str
    legacy_district_code: str | None = None


@dataclass(frozen=True)
class SchoolYearInfo:
    """A school year; ``semester2_starts_on`` is the first day of semester II."""

    name: str
    starts_on: date
    ends_on: date
    weeks: int
    semester2_starts_on: date


@dataclass(frozen=True)
class ClassInfo:
    """A class of a school in a school year. ``id`` is stable while the class exists."""

    id: int
    school_code: str
    year: str
    grade: int
    name: str
    size: int


@dataclass(frozen=True)
class AssignmentInfo:
    """A teacher teaches ``subject_code`` to a class."""

    school_code: str
    year: str
    class_id: int
    class_name: str
    grade: int
    subject_code: str
    teacher_user_id: int
    teacher_username: str | None
    teacher_name: str | None


@dataclass(frozen=True)
class RoleInfo:
    """One role of a user: ``scope_code`` is a school code, a unit code, or None for operators."""

    role: str
    scope_level: str | None  # school | commune | province | None
    scope_code: str | None


@dataclass(frozen=True)
class Scope:
    """What a user may see and do, resolved once (``api.get_scope``).

    ``everything``: operators and platform staff. ``school_codes``: every school the user may see otherwise
    (their own schools, the commune-managed schools of their communes, every school of their provinces).
    The schools seen through units are listed on first use, by ``unit_schools`` (provinces, communes) → codes:
    a province officer's 630 codes cost a query most of their requests never need (lists filter by unit).
    """

    user_id: int | None
    everything: bool = False
    roles: tuple[RoleInfo, ...] = ()
    province_codes: frozenset[str] = frozenset()
    commune_codes: frozenset[str] = frozenset()
    led_school_codes: frozenset[str] = frozenset()
    taught_school_codes: frozenset[str] = frozenset()
    unit_schools: Callable[[frozenset, frozenset], frozenset] | None = field(
        default=None, compare=False, repr=False
    )

    @cached_property
    def school_codes(self):
        own = self.led_school_codes | self.taught_school_codes
        if self.everything or self.unit_schools is None or not (self.province_codes or self.commune_codes):
            return own
        return own | self.unit_schools(self.province_codes, self.commune_codes)

    def sees_school(self, code):
        """True when the user may read this school's data."""
        return (
            self.everything
            or code in self.led_school_codes
            or code in self.taught_school_codes
            or code in self.school_codes
        )

    def leads_school(self, code):
        """True when the user may act as the school's leader (approve sessions, edit plans)."""
        return self.everything or code in self.led_school_codes

    @property
    def is_empty(self):
        return not (
            self.everything
            or self.led_school_codes
            or self.taught_school_codes
            or self.province_codes
            or self.commune_codes
        )


@dataclass(frozen=True)
class UnitsLoad:
    """What ``load_units`` did."""

    provinces: int
    communes: int
    districts: int
    created: int
    updated: int


@dataclass(frozen=True)
class Problem:
    """One problem in an import: where it is (file, sheet, row, field) and what is wrong."""

    file: str
    sheet: str | None
    row: int | None
    field: str | None
    message: str

    def __str__(self):
        where = (
            self.file
            + (f", sheet {self.sheet}" if self.sheet else "")
            + (f", row {self.row}" if self.row else "")
        )
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"


@dataclass(frozen=True)
class ImportReport:
    """What an import stored (or, with ``dry_run``, would store)."""

    dry_run: bool
    schools_created: int = 0
    schools_updated: int = 0
    classes_created: int = 0
    classes_updated: int = 0
    assignments_created: int = 0
    assignments_removed: int = 0
    teachers_added: int = 0
