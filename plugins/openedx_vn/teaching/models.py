"""Models of the teaching app. Private: other apps go through ``api``."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from opaque_keys.edx.django.models import CourseKeyField


class EnrollmentRecord(models.Model):
    """A learner's enrolment in a course run, kept from the platform's enrolment events.

    Attendance rates of online lessons are computed against it, without reading platform tables.
    """

    user_id = models.IntegerField(_("platform user id"), db_index=True)
    username = models.CharField(_("username"), max_length=150)
    course_key = CourseKeyField(_("course run"), max_length=255, db_index=True)
    mode = models.CharField(_("mode"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)
    enrolled_at = models.DateTimeField(_("enrolled at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("enrolment record")
        verbose_name_plural = _("enrolment records")
        constraints = [
            models.UniqueConstraint(
                fields=["user_id", "course_key"], name="vn_teaching_enrollment_user_course"
            )
        ]

    def __str__(self):
        return f"{self.username} @ {self.course_key}"


# ---------------------------------------------------------------------------------------------- the share
# Plans, sessions and cells carry the organisation keys of their class (school, commune, province, level,
# grade, school year), copied from schools.api when they are written: roll-ups group and filter one table
# and never join another app's tables (ADR 0008).
class OrgKeys(models.Model):
    class_id = models.BigIntegerField(_("class"))
    year = models.CharField(_("school year"), max_length=9)
    school_code = models.CharField(_("school"), max_length=32)
    commune_code = models.CharField(_("commune"), max_length=8)
    province_code = models.CharField(_("province"), max_length=8)
    # "commune" or "province": who the school reports to (NĐ 142/2025), so a commune's roll-up leaves out the
    # upper-secondary schools on its ground.
    reports_to = models.CharField(_("reports to"), max_length=10)
    level = models.CharField(_("school level"), max_length=20)
    grade = models.PositiveSmallIntegerField(_("grade"))
    subject_code = models.CharField(_("subject"), max_length=20)

    class Meta:
        abstract = True


class TeachingPlan(OrgKeys):
    """The year's plan of one class × subject: periods planned, and how many of them are planned online."""

    class_name = models.CharField(_("class name"), max_length=20)
    planned_periods = models.PositiveIntegerField(_("planned periods"))
    planned_online_periods = models.PositiveIntegerField(_("planned online periods"), null=True, blank=True)
    # The curriculum version the default periods came from (curriculum.api version key), "" if set by hand.
    program_version = models.CharField(_("program version"), max_length=64, blank=True)
    updated_by_user_id = models.IntegerField(_("updated by (platform user id)"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("teaching plan")
        verbose_name_plural = _("teaching plans")
        constraints = [
            models.UniqueConstraint(
                fields=["class_id", "subject_code"], name="vn_teaching_plan_class_subject"
            )
        ]
        indexes = [models.Index(fields=["year", "school_code"], name="vn_teaching_plan_school")]

    def __str__(self):
        return f"{self.school_code} {self.class_name} {self.subject_code}: {self.planned_periods}"


class OnlineSession(OrgKeys):
    """An online lesson taught to one class: recorded by the online-lesson block, imported, or entered by
    hand.

    Two unique constraints make "recorded twice" impossible in the database: (usage key, class) for the
    block's sessions, and (class, subject, start) for the others through ``slot``, which holds the start
    time of imported and manual sessions and is NULL for block sessions (MariaDB has no partial unique
    indexes, and NULLs never collide in a unique index on either database).
    """

    class Mode(models.TextChoices):
        LIVE = "live", _("live")
        SELF_PACED = "self_paced", _("self-paced")

    class Form(models.TextChoices):
        SUPPORTING = "supporting", _("supporting in-person teaching")
        REPLACING = "replacing", _("replacing in-person teaching")

    class Source(models.TextChoices):
        BLOCK = "block", _("online-lesson block")
        IMPORT = "import", _("imported file")
        MANUAL = "manual", _("entered by hand")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        RECORDED = "recorded", _("recorded by the lesson block")

    class_name = models.CharField(_("class name"), max_length=20)
    teacher_user_id = models.IntegerField(_("teacher (platform user id)"), db_index=True)
    starts_at = models.DateTimeField(_("starts at"))
    week = models.PositiveSmallIntegerField(_("week of the school year"))
    periods = models.PositiveSmallIntegerField(_("periods"))
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)
    form = models.CharField(_("form"), max_length=12, choices=Form.choices)
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    # Block sessions: the visits needed before it counts (the policy's share of the class, at least one), set
    # when recorded and refreshed by the full recompute; 0 for the other sources.
    required_attendance = models.PositiveSmallIntegerField(_("attendance needed"), default=0)
    url = models.URLField(_("link"), max_length=500, blank=True)
    recording = models.URLField(_("recording"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    reason = models.TextField(_("reason for rejection"), blank=True)
    counted = models.BooleanField(_("counted"), default=False)
    # NULL (not "") for manual and imported sessions, so the (usage key, class) constraint leaves them out.
    usage_key = models.CharField(_("lesson block"), max_length=255, null=True, blank=True)  # noqa: DJ001
    course_key = models.CharField(_("course run"), max_length=255, blank=True)
    slot = models.DateTimeField(
        _("start (imported and manual sessions)"), null=True, blank=True, editable=False
    )
    created_by_user_id = models.IntegerField(_("created by (platform user id)"), null=True, blank=True)
    decided_by_user_id = models.IntegerField(_("decided by (platform user id)"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("online session")
        verbose_name_plural = _("online sessions")
        constraints = [
            models.UniqueConstraint(fields=["usage_key", "class_id"], name="vn_teaching_session_block_class"),
            models.UniqueConstraint(
                fields=["class_id", "subject_code", "slot"], name="vn_teaching_session_class_subject_slot"
            ),
            models.CheckConstraint(condition=models.Q(periods__gte=1), name="vn_teaching_session_periods"),
        ]
        indexes = [
            models.Index(fields=["year", "school_code", "starts_at"], name="vn_teaching_session_school"),
            models.Index(fields=["class_id", "subject_code", "starts_at"], name="vn_teaching_session_class"),
            models.Index(fields=["year", "status"], name="vn_teaching_session_status"),
            # Covers the full recompute's look at the block sessions' counting thresholds (no table scan).
            models.Index(
                fields=["year", "source", "class_id", "required_attendance"], name="vn_teaching_session_rule"
            ),
        ]

    def __str__(self):
        return f"{self.school_code} {self.class_name} {self.subject_code} {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        self.slot = None if self.source == self.Source.BLOCK else self.starts_at
        super().save(*args, **kwargs)


class SessionAttendance(models.Model):
    """A student's visit to a block session (one per lesson block and student, whatever the class)."""

    session = models.ForeignKey(
        OnlineSession, models.CASCADE, related_name="visits", verbose_name=_("online session")
    )
    usage_key = models.CharField(_("lesson block"), max_length=255)
    user_id = models.IntegerField(_("platform user id"))
    visited_at = models.DateTimeField(_("visited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["usage_key", "user_id"], name="vn_teaching_attendance_block_user")
        ]

    def __str__(self):
        return f"user {self.user_id} @ {self.usage_key}"


class PolicyVersion(models.Model):
    """The online-teaching policy (``policy.Policy.as_dict()``) of one school year in one scope: the
    deployment default (no province, no commune), a province, or a commune's override (province and
    commune). A school reads its commune's override (when it reports to the commune), else its province's,
    else the default. A year gets a copy of the shipped default when first read. ``updated_by_user_id`` is
    None until someone edits it."""

    year = models.CharField(_("school year"), max_length=9)
    province_code = models.CharField(_("province"), max_length=8, blank=True, default="")
    commune_code = models.CharField(_("commune"), max_length=8, blank=True, default="")
    data = models.JSONField(_("policy"))
    # The counting rules changed and the recompute has not run yet: the year's figures are provisional.
    stale = models.BooleanField(_("figures being recomputed"), default=False)
    updated_by_user_id = models.IntegerField(_("updated by (platform user id)"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("online-teaching policy")
        verbose_name_plural = _("online-teaching policies")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "province_code", "commune_code"], name="vn_teaching_policy_year_scope"
            ),
            # A commune override belongs to a province.
            models.CheckConstraint(
                condition=Q(commune_code="") | ~Q(province_code=""),
                name="vn_teaching_policy_commune_in_province",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.province_code or '*'}/{self.commune_code or '*'}"


class PolicyChange(models.Model):
    """One saved change of a policy: who, when, the policy before and after (kept for the policy page)."""

    policy = models.ForeignKey(PolicyVersion, models.CASCADE, related_name="changes")
    at = models.DateTimeField(_("when"), default=timezone.now)
    user_id = models.IntegerField(_("who (platform user id)"), null=True, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"))

    class Meta:
        verbose_name = _("policy change")
        verbose_name_plural = _("policy changes")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.policy} {self.at:%Y-%m-%d %H:%M}"


class ShareCell(OrgKeys):
    """Materialised figures of one class × subject × school year, which every dashboard reads.

    ``online``: periods of counted sessions (not capped: roll-ups cap each cell at its plan); ``replacing``:
    of those, periods replacing in-person teaching (for caps); ``pending``: periods awaiting approval.
    ``complete`` is False while the cell has no plan. Updated in the transaction that changes a session or a
    plan; rebuilt by the full recompute, which must give the same rows.
    """

    planned = models.PositiveIntegerField(_("planned periods"), default=0)
    online = models.PositiveIntegerField(_("counted online periods"), default=0)
    replacing = models.PositiveIntegerField(_("counted periods replacing in-person teaching"), default=0)
    pending = models.PositiveIntegerField(_("periods awaiting approval"), default=0)
    complete = models.BooleanField(_("complete"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("share cell")
        verbose_name_plural = _("share cells")
        constraints = [
            models.UniqueConstraint(
                fields=["class_id", "subject_code"], name="vn_teaching_cell_class_subject"
            )
        ]
        indexes = [
            # Covering: a province's roll-up (630 schools, ~150,000 cells) reads the index alone.
            models.Index(
                fields=[
                    "year",
                    "province_code",
                    "school_code",
                    "level",
                    "planned",
                    "online",
                    "replacing",
                    "pending",
                    "complete",
                ],
                name="vn_teaching_cell_province",
            ),
            models.Index(fields=["year", "commune_code", "level"], name="vn_teaching_cell_commune"),
            models.Index(fields=["year", "school_code"], name="vn_teaching_cell_school"),
        ]

    def __str__(self):
        return f"{self.school_code} class {self.class_id} {self.subject_code}: {self.online}/{self.planned}"


class ShareRollup(models.Model):
    """Stored totals of the cells of one school × level × school year (ADR 0016): an area's figures add up
    these rows (O(schools), not O(cells)). ``online`` is capped per cell at its plan, as ``share.combine``
    does; ``incomplete`` counts the cells without a plan. Changed with the cells, in their transaction;
    rebuilt from the cells by the full recompute."""

    year = models.CharField(_("school year"), max_length=9)
    school_code = models.CharField(_("school"), max_length=32)
    level = models.CharField(_("school level"), max_length=20)
    commune_code = models.CharField(_("commune"), max_length=8)
    province_code = models.CharField(_("province"), max_length=8)
    reports_to = models.CharField(_("reports to"), max_length=10)
    planned = models.BigIntegerField(_("planned periods"), default=0)
    online = models.BigIntegerField(_("counted online periods, capped at the plan"), default=0)
    replacing = models.BigIntegerField(_("counted periods replacing in-person teaching"), default=0)
    pending = models.BigIntegerField(_("periods awaiting approval"), default=0)
    incomplete = models.IntegerField(_("cells without a plan"), default=0)
    cells = models.IntegerField(_("cells"), default=0)

    class Meta:
        verbose_name = _("share roll-up")
        verbose_name_plural = _("share roll-ups")
        constraints = [
            models.UniqueConstraint(fields=["year", "school_code", "level"], name="vn_teaching_rollup_school")
        ]
        indexes = [
            models.Index(fields=["year", "province_code"], name="vn_teaching_rollup_province"),
            models.Index(fields=["year", "commune_code"], name="vn_teaching_rollup_commune"),
        ]

    def __str__(self):
        return f"{self.year} {self.school_code} {self.level}: {self.online}/{self.planned}"


class ShareWeek(models.Model):
    """Counted online periods of one school × level in one week of the school year (the area trend),
    changed with the sessions and rebuilt by the full recompute."""

    year = models.CharField(_("school year"), max_length=9)
    school_code = models.CharField(_("school"), max_length=32)
    level = models.CharField(_("school level"), max_length=20)
    week = models.PositiveSmallIntegerField(_("week of the school year"))
    commune_code = models.CharField(_("commune"), max_length=8)
    province_code = models.CharField(_("province"), max_length=8)
    reports_to = models.CharField(_("reports to"), max_length=10)
    online = models.BigIntegerField(_("counted online periods"), default=0)

    class Meta:
        verbose_name = _("weekly share roll-up")
        verbose_name_plural = _("weekly share roll-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "school_code", "level", "week"], name="vn_teaching_week_school"
            )
        ]
        # Covering: a province's trend (~25,000 rows) is read from the index alone.
        indexes = [
            models.Index(
                fields=["year", "province_code", "level", "week", "online"], name="vn_teaching_week_province"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.school_code} {self.level} week {self.week}: {self.online}"
