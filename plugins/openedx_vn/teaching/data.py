"""Values the teaching app hands to other apps, blocks, views and tasks."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from openedx_vn.teaching.share import ShareFigure, ShareStatus, Target

__all__ = [
    "AreaReport",
    "AreaRow",
    "ClassRow",
    "EnrollmentChange",
    "EnrollmentSummary",
    "Evidence",
    "ImportProblem",
    "ImportReport",
    "PlanInfo",
    "PolicyChangeInfo",
    "PolicyInfo",
    "RecomputeCounts",
    "SchoolGrid",
    "SchoolShareRow",
    "SchoolSummary",
    "SessionInfo",
    "ShareCellInfo",
    "ShareFigure",
    "ShareStatus",
    "ShareSummary",
    "TeacherRow",
    "TrendPoint",
    "UnitSummary",
]


@dataclass(frozen=True)
class EnrollmentChange:
    """What the platform told us about one enrolment (from an openedx-events payload)."""

    user_id: int
    username: str
    course_key: str
    mode: str
    is_active: bool
    at: datetime


@dataclass(frozen=True)
class EnrollmentSummary:
    """Counts of enrolments in one course run."""

    course_key: str
    course_title: str | None
    active: int
    total: int


# ------------------------------------------------------------------------------------ plans and sessions
@dataclass(frozen=True)
class PlanInfo:
    """The year's plan of one class × subject. ``program_version``: the curriculum version the default
    periods came from ("" when the periods were set by hand)."""

    id: int
    class_id: int
    class_name: str
    school_code: str
    year: str
    grade: int
    level: str
    subject_code: str
    planned_periods: int
    planned_online_periods: int | None
    program_version: str


@dataclass(frozen=True)
class Evidence:
    """What shows a session took place: students present, the meeting link, a recording."""

    attendance: int | None = None
    url: str = ""
    recording: str = ""


@dataclass(frozen=True)
class SessionInfo:
    """An online session of one class. ``starts_at`` is aware (shown in Asia/Ho_Chi_Minh); ``counted``: it
    counts towards the share now (approved, or a block session whose attendance meets the policy)."""

    id: int
    class_id: int
    class_name: str
    school_code: str
    year: str
    week: int
    subject_code: str
    teacher_user_id: int
    starts_at: datetime
    periods: int
    mode: str  # live | self_paced
    form: str  # supporting | replacing
    evidence: Evidence
    source: str  # block | import | manual
    status: str  # draft | submitted | approved | rejected | recorded
    reason: str
    counted: bool
    usage_key: str | None = None
    course_key: str = ""
    created_by_user_id: int | None = None
    decided_by_user_id: int | None = None
    decided_at: datetime | None = None


@dataclass(frozen=True)
class ImportProblem:
    """One problem of a session import, with its place: file, row (as the user sees it), column."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self):
        where = (
            self.file
            + (f", row {self.row}" if self.row else "")
            + (f", {self.column}" if self.column else "")
        )
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ImportReport:
    """What a session import stored (or, with ``dry_run``, would store): every row or none."""

    dry_run: bool
    rows: int
    created: int
    session_ids: tuple[int, ...] = ()


# ------------------------------------------------------------------------------------------ the share
@dataclass(frozen=True)
class PolicyChangeInfo:
    """One saved change of a policy: who, when (aware), the policy before and after."""

    at: datetime
    user_id: int | None
    username: str | None
    before: dict | None
    after: dict


@dataclass(frozen=True)
class PolicyInfo:
    """The policy of a school year in a scope (``scope``: default, province or commune). ``is_default``:
    nobody saved one, the shipped default applies. ``inherited_from``: "" when the scope has its own policy,
    else "province" or "default". ``stale``: the counting rules changed and the recompute has not run yet
    (figures provisional). ``changes``: the scope's saved changes, newest first."""

    year: str
    policy: dict  # policy.Policy.as_dict()
    is_default: bool
    stale: bool = False
    updated_at: datetime | None = None
    updated_by_user_id: int | None = None
    scope: str = "default"
    province_code: str = ""
    commune_code: str = ""
    inherited_from: str = ""
    changes: tuple = ()


@dataclass(frozen=True)
class ShareCellInfo:
    """The share of one class × subject: its figure (status, projection) and the periods awaiting approval."""

    class_id: int
    class_name: str
    grade: int
    level: str
    subject_code: str
    figure: ShareFigure
    pending: int = 0
    replacing: int = 0
    target: Target | None = None

    @property
    def status(self):
        return self.figure.status

    @property
    def percent(self):
        return self.figure.percent()


@dataclass(frozen=True)
class ClassRow:
    """One class of a school grid: its cells by subject and its overall figure."""

    class_id: int
    class_name: str
    grade: int
    level: str
    figure: ShareFigure
    cells: tuple[ShareCellInfo, ...]
    pending: int = 0


@dataclass(frozen=True)
class SchoolGrid:
    """Classes × subjects of a school in a year, as of a day (weeks elapsed of the year's weeks)."""

    school_code: str
    school_name: str
    year: str
    as_of: date
    weeks_elapsed: int
    weeks_total: int
    subjects: tuple[str, ...]
    rows: tuple[ClassRow, ...]
    subject_totals: tuple[tuple[str, ShareFigure], ...] = ()


@dataclass(frozen=True)
class ShareSummary:
    """The share of one school level (or ``level`` None: every level together) of a school or unit."""

    level: str | None
    figure: ShareFigure
    target: Target | None
    cap: Decimal | None = None
    replacing: int = 0
    pending: int = 0

    @cached_property  # sorting hundreds of schools asks for it often
    def gap(self):
        """Target minus share (positive: short of it); None without a target or a plan."""
        if self.target is None or self.figure.share is None:
            return None
        return Fraction(self.target.min_share) - self.figure.share

    @property
    def over_cap(self):
        """True when the periods replacing in-person teaching exceed the cap's share of the plan."""
        if self.cap is None or not self.figure.planned:
            return False
        return Fraction(self.replacing, self.figure.planned) > Fraction(self.cap)


@dataclass(frozen=True)
class SchoolSummary:
    """A school's share per level, and overall (status: the worst of its levels')."""

    school_code: str
    school_name: str
    year: str
    as_of: date
    weeks_elapsed: int
    weeks_total: int
    levels: tuple[ShareSummary, ...]
    overall: ShareSummary


@dataclass(frozen=True)
class SchoolShareRow:
    """A school in an officer's list, with its gap to the target (the largest of its levels')."""

    school_code: str
    school_name: str
    commune_code: str
    commune_name: str
    reports_to: str
    levels: tuple[ShareSummary, ...]
    overall: ShareSummary

    @cached_property
    def gap(self):
        """The largest gap of the school's levels (None when no level has a target and a plan)."""
        gaps = [s.gap for s in self.levels if s.gap is not None]
        return max(gaps) if gaps else None


@dataclass(frozen=True)
class UnitSummary:
    """A commune's or province's share per level and overall (its schools in the user's scope)."""

    unit_code: str
    year: str
    as_of: date
    weeks_elapsed: int
    weeks_total: int
    schools: int
    levels: tuple[ShareSummary, ...]
    overall: ShareSummary


@dataclass(frozen=True)
class AreaRow:
    """A commune or ward in its province's report: its schools reporting to it, added up per level."""

    code: str
    name: str
    schools: int
    levels: tuple[ShareSummary, ...]
    overall: ShareSummary
    behind: int = 0  # schools whose status is "behind"

    @cached_property
    def gap(self):
        """The largest gap of its levels (None when no level has a target and a plan)."""
        gaps = [s.gap for s in self.levels if s.gap is not None]
        return max(gaps) if gaps else None


@dataclass(frozen=True)
class AreaReport:
    """A commune's or province's report (``unit_level``: commune or province): totals per level and
    overall, its communes (province), the schools reporting to the province directly, every school furthest
    behind first, status counts ``{level or None: {status: schools}}`` and the trend ``{level: points}``."""

    unit_code: str
    unit_name: str
    unit_level: str
    parent_code: str
    parent_name: str
    year: str
    as_of: date
    weeks_elapsed: int
    weeks_total: int
    provisional: bool
    levels: tuple[ShareSummary, ...]
    overall: ShareSummary
    communes: tuple[AreaRow, ...]
    direct: tuple[SchoolShareRow, ...]
    schools: tuple[SchoolShareRow, ...]
    furthest_behind: tuple[SchoolShareRow, ...]
    status_counts: dict
    trend: dict


@dataclass(frozen=True)
class TrendPoint:
    """The cumulative share at the end of a week of the school year."""

    week: int
    week_starts_on: date
    online: int
    planned: int
    share: Fraction | None

    @property
    def percent(self):
        if self.share is None:
            return None
        return (Decimal(self.share.numerator * 100) / self.share.denominator).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class TeacherRow:
    """One class × subject a teacher teaches: its share and their sessions by status."""

    school_code: str
    class_id: int
    class_name: str
    grade: int
    subject_code: str
    cell: ShareCellInfo
    sessions_by_status: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RecomputeCounts:
    """What a full recompute did for a year."""

    year: str
    cells: int
    plans: int
    sessions: int
    recounted: int
    org_keys_refreshed: int
    seconds: float
