"""Models of the question-bank app. Private: other apps go through ``api``.

A ``Question`` is a stable identity; its content lives in immutable ``QuestionVersion`` rows (editing makes a
new version), so tests built from version N keep showing version N.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class AsciiTextField(models.TextField):
    """Folded ASCII words for ``LIKE`` scans (see ``listing``).

    On MySQL/MariaDB the column is ``ascii_bin``: a single-byte binary collation scans a 200,000-question
    bank about five times faster than ``utf8mb4_unicode_ci`` (measured on MariaDB 10.11). Elsewhere: text.
    """

    def db_parameters(self, connection):
        parameters = super().db_parameters(connection)
        if connection.vendor == "mysql":
            parameters["collation"] = "ascii_bin"
        return parameters


class HasBits(models.Lookup):
    """``field__hasbits=mask``: every bit of ``mask`` is set in the field (``listing``'s Bloom test)."""

    lookup_name = "hasbits"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"({lhs} & {rhs}) = {rhs}", [*lhs_params, *rhs_params, *rhs_params]


class BitsField(models.BigIntegerField):
    """62 bits of a Bloom filter (below the sign bit: SQLite integers are signed), with ``__hasbits``."""


BitsField.register_lookup(HasBits)


class QuestionBank(models.Model):
    class Scope(models.TextChoices):
        PERSONAL = "personal", _("personal")
        SCHOOL = "school", _("school")
        PROVINCE = "province", _("province")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=255)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.PERSONAL)
    owner_id = models.IntegerField(_("owner (platform user id)"), db_index=True)
    school_code = models.CharField(_("school code"), max_length=32, blank=True)
    province_code = models.CharField(_("province code"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")

    def __str__(self):
        return self.name


class Question(models.Model):
    """A question's identity and bank, plus a copy of what the bank's list filters on from its current
    version.

    The copy (type … search_text, written by ``listing.values`` whenever ``current`` changes) keeps the
    filtered list on one narrow table: a 200,000-question bank is filtered without joining the version rows.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bank = models.ForeignKey(QuestionBank, models.CASCADE, related_name="questions")
    current = models.OneToOneField(
        "QuestionVersion",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Copied from the current version (see the class docstring).
    type = models.CharField(_("type"), max_length=20, blank=True)
    subject_code = models.CharField(_("subject"), max_length=20, blank=True)
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    cognitive_level = models.CharField(_("cognitive level"), max_length=20, blank=True)
    # Read with the filter fields when a test is drawn from 100,000 questions (no join to the versions).
    difficulty = models.FloatField(_("estimated difficulty"), null=True, blank=True)
    # " TOAN.6.1.3.2. TOAN.6.1.3.4. ": LIKE "% TOAN.6.1.3.%" finds a topic's outcomes and the code itself.
    outcome_text = AsciiTextField(_("learning outcome codes"), blank=True, default="")
    # " phan so nao bang ": the folded words of title, stem, options and statements, each once.
    search_text = AsciiTextField(_("search text"), blank=True, default="")
    # A Bloom filter of those words and of the outcome codes' prefixes (``listing.bloom``), indexed after the
    # bank: rows whose bits miss a word asked are skipped before the LIKE (most of a rare word's cost).
    word_bits_1 = BitsField(_("word bits (1)"), default=0)
    word_bits_2 = BitsField(_("word bits (2)"), default=0)
    word_bits_3 = BitsField(_("word bits (3)"), default=0)
    word_bits_4 = BitsField(_("word bits (4)"), default=0)
    word_bits_5 = BitsField(_("word bits (5)"), default=0)
    word_bits_6 = BitsField(_("word bits (6)"), default=0)
    code_bits_1 = BitsField(_("outcome code bits (1)"), default=0)
    code_bits_2 = BitsField(_("outcome code bits (2)"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        # The bank's list filters on these (newest first: InnoDB ends every index with the id).
        indexes = [
            models.Index(
                fields=["bank", "subject_code", "grade", "cognitive_level", "type"],
                name="vn_qbank_q_bank_subject",
            ),
            models.Index(fields=["bank", "type"], name="vn_qbank_q_bank_type"),
            models.Index(fields=["bank", "cognitive_level"], name="vn_qbank_q_bank_level"),
            models.Index(
                fields=["bank", "code_bits_1", "code_bits_2", *(f"word_bits_{n}" for n in range(1, 7))],
                name="vn_qbank_q_bank_words",
            ),
        ]

    def __str__(self):
        return str(self.uuid)


class QuestionVersion(models.Model):
    """One immutable version of a question's content."""

    question = models.ForeignKey(Question, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    type = models.CharField(_("type"), max_length=20)
    title = models.CharField(_("title"), max_length=255, blank=True)
    stem = models.TextField(_("stem"))  # sanitised HTML
    body = models.JSONField(_("type-specific content"))  # choices, statements, answer key, rubric
    explanation = models.TextField(_("explanation"), blank=True)  # lời giải, sanitised HTML
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2, default=1)
    cognitive_level = models.CharField(_("cognitive level"), max_length=20, blank=True)
    difficulty = models.FloatField(_("estimated difficulty"), null=True, blank=True)
    subject_code = models.CharField(_("subject"), max_length=20, blank=True, db_index=True)
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    outcome_codes = models.JSONField(_("learning outcomes"), default=list, blank=True)
    category = models.CharField(_("category"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    # Normalised stem + options: equal fingerprints in one bank are duplicates.
    fingerprint = models.CharField(_("fingerprint"), max_length=64, db_index=True)
    created_by = models.IntegerField(_("author (platform user id)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        constraints = [models.UniqueConstraint(fields=["question", "number"], name="vn_qbank_version_number")]

    def __str__(self):
        return f"{self.question_id} v{self.number}"


class BankShare(models.Model):
    """A bank shared with one user: viewers read it (keys included: they are teachers); editors change it.

    The bank's owner and platform staff manage shares. School and province banks get their teachers through
    the organisation (``permissions._organisation_roles``), not through shares.
    """

    class Role(models.TextChoices):
        VIEWER = "viewer", _("can view")
        EDITOR = "editor", _("can edit")

    bank = models.ForeignKey(QuestionBank, models.CASCADE, related_name="shares")
    user_id = models.IntegerField(_("user (platform user id)"), db_index=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_by = models.IntegerField(_("shared by (platform user id)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("bank share")
        verbose_name_plural = _("bank shares")
        constraints = [models.UniqueConstraint(fields=["bank", "user_id"], name="vn_qbank_share_bank_user")]

    def __str__(self):
        return f"{self.bank_id} → {self.user_id} ({self.role})"


class ImportJob(models.Model):
    """One file going through the import wizard: a preview (dry run), then, once confirmed, the import.

    Small files run inside the request; large ones in a Celery task (``tasks.run_import_job``) that reports
    its progress in ``done``/``total``. The uploaded file is kept until the import ran (or the preview
    failed).
    """

    class Stage(models.TextChoices):
        PREVIEW = "preview", _("preview")
        IMPORT = "import", _("import")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bank = models.ForeignKey(QuestionBank, models.CASCADE, related_name="import_jobs")
    user_id = models.IntegerField(_("user (platform user id)"), db_index=True)
    file = models.FileField(
        _("file"), upload_to="openedx_vn/qbank/imports/%Y/%m/", max_length=255, blank=True
    )
    filename = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=20, blank=True)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.PREVIEW)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("questions found"), default=0)
    done = models.PositiveIntegerField(_("questions checked"), default=0)
    # {format, questions, duplicates[], problems[], notes[], sample[], created, question_uuids[]}
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self):
        return f"{self.filename} ({self.stage}, {self.status})"
