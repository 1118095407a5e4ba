"""Models of the schools app. Private: other apps go through ``api``.

Sized for a province (about 630 schools and 12,000 classes a year): the indexes are the look-ups the scope
checks and the dashboards make (schools of a province or commune by who they report to, classes of a school
in a year, a teacher's assignments).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openedx_vn.schools import levels


class Unit(models.Model):
    """An administrative unit, copied from the `vietnam-provinces` package so foreign keys stay stable.

    Since 01/7/2025: province (tỉnh / thành phố trung ương) → commune-level unit (phường, xã, đặc khu).
    Pre-2025 districts (huyện, quận, thị xã, thành phố thuộc tỉnh) are kept as ``district`` rows under the
    province that now covers them, only to label older school years.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        COMMUNE = "commune", _("commune")
        DISTRICT = "district", _("district (before 2025)")

    # GSO codes, zero-padded: province 2 digits, district 3, commune 5.
    code = models.CharField(_("code"), max_length=8)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    # As the package names it: tỉnh, thành phố trung ương, phường, xã, đặc khu, huyện, quận, thị xã, ...
    kind = models.CharField(_("kind"), max_length=32)
    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "code"]
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="vn_schools_unit_level_code")]
        indexes = [models.Index(fields=["parent", "level"], name="vn_schools_unit_parent")]

    def __str__(self):
        return f"{self.name} ({self.code})"


class School(models.Model):
    """A school or GDTX centre, identified by its MOET code (mã trường in the sector database)."""

    code = models.CharField(_("MOET code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    # A set of levels; one column each keeps filters portable (SQLite, MySQL) and indexable.
    preschool = models.BooleanField(_("preschool"), default=False)
    primary = models.BooleanField(_("primary"), default=False)
    lower_secondary = models.BooleanField(_("lower secondary"), default=False)
    upper_secondary = models.BooleanField(_("upper secondary"), default=False)
    continuing = models.BooleanField(_("continuing education"), default=False)
    commune = models.ForeignKey(
        Unit,
        models.PROTECT,
        related_name="schools",
        verbose_name=_("commune"),
        limit_choices_to={"level": "commune"},
    )
    # Denormalised from the commune, for province-wide queries without a join.
    province = models.ForeignKey(
        Unit,
        models.PROTECT,
        related_name="+",
        verbose_name=_("province"),
        limit_choices_to={"level": "province"},
    )
    # Before 2025 schools rolled up through a district; kept to label older school years.
    legacy_district = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district (before 2025)"),
        limit_choices_to={"level": "district"},
    )
    # Computed from the levels on save (levels.reports_to); stored so roll-ups can filter on it.
    reports_to = models.CharField(
        _("reports to"), max_length=10, choices=list(levels.REPORTS_TO_LABELS.items()), editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["province", "reports_to"], name="vn_schools_school_province"),
            models.Index(fields=["commune", "reports_to"], name="vn_schools_school_commune"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.reports_to = levels.reports_to(self.levels)
        self.province_id = self.commune.parent_id
        super().save(*args, **kwargs)

    @property
    def levels(self):
        return tuple(level for level in levels.LEVELS if getattr(self, level))

    def set_levels(self, values):
        for level in levels.LEVELS:
            setattr(self, level, level in values)


class SchoolYear(models.Model):
    """A school year of the deployment (năm học): its dates, teaching weeks and the start of semester II."""

    name = models.CharField(_("name"), max_length=9, unique=True, help_text=_("e.g. 2025-2026"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    weeks = models.PositiveSmallIntegerField(_("teaching weeks"))
    semester2_starts_on = models.DateField(_("first day of semester II"))

    class Meta:
        verbose_name = _("school year")
        verbose_name_plural = _("school years")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lt=models.F("semester2_starts_on"))
                & Q(semester2_starts_on__lte=models.F("ends_on")),
                name="vn_schools_year_dates_in_order",
            )
        ]

    def __str__(self):
        return self.name


class SchoolClass(models.Model):
    """A class of a school in a school year (lớp 6A1), with its grade and number of students."""

    school = models.ForeignKey(School, models.CASCADE, related_name="classes", verbose_name=_("school"))
    year = models.ForeignKey(
        SchoolYear, models.PROTECT, related_name="classes", verbose_name=_("school year")
    )
    grade = models.PositiveSmallIntegerField(_("grade"))
    name = models.CharField(_("name"), max_length=20)
    size = models.PositiveSmallIntegerField(_("number of students"))

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["school", "grade", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year", "name"], name="vn_schools_class_school_year_name"
            )
        ]
        indexes = [models.Index(fields=["year", "grade"], name="vn_schools_class_year_grade")]

    def __str__(self):
        return f"{self.name} ({self.school.code}, {self.year.name})"


class TeachingAssignment(models.Model):
    """A teacher (platform user) teaches a subject of the curriculum to a class (phân công giảng dạy)."""

    school_class = models.ForeignKey(
        SchoolClass, models.CASCADE, related_name="assignments", verbose_name=_("class")
    )
    subject_code = models.CharField(_("subject"), max_length=20)
    teacher_user_id = models.IntegerField(_("teacher (platform user id)"), db_index=True)

    class Meta:
        verbose_name = _("teaching assignment")
        verbose_name_plural = _("teaching assignments")
        ordering = ["school_class", "subject_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_class", "subject_code", "teacher_user_id"],
                name="vn_schools_assignment_unique",
            )
        ]

    def __str__(self):
        return f"{self.school_class} {self.subject_code} → user {self.teacher_user_id}"


class RoleAssignment(models.Model):
    """A platform user's role and the scope it applies to: a school, a commune, a province, or everything."""

    class Role(models.TextChoices):
        TEACHER = "teacher", _("teacher")
        SCHOOL_LEADER = "school_leader", _("school leader")
        COMMUNE_OFFICER = "commune_officer", _("commune officer")
        PROVINCE_OFFICER = "province_officer", _("province officer")
        OPERATOR = "operator", _("operator")

    user_id = models.IntegerField(_("platform user id"), db_index=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    school = models.ForeignKey(
        School, models.CASCADE, null=True, blank=True, related_name="roles", verbose_name=_("school")
    )
    unit = models.ForeignKey(
        Unit,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("commune or province"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            # School roles name a school, officer roles a unit, operators nothing (checked by the database).
            models.CheckConstraint(
                condition=(
                    Q(role__in=["teacher", "school_leader"], school__isnull=False, unit__isnull=True)
                    | Q(
                        role__in=["commune_officer", "province_officer"],
                        school__isnull=True,
                        unit__isnull=False,
                    )
                    | Q(role="operator", school__isnull=True, unit__isnull=True)
                ),
                name="vn_schools_role_scope_matches_role",
            )
        ]

    def __str__(self):
        target = self.school or self.unit or "*"
        return f"user {self.user_id}: {self.role} @ {target}"
