"""Private to the practice app: use ``api.py``."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeState(models.Model):
    """What the learner model knows of one student on one learning outcome (ADR 0015)."""

    user_id = models.IntegerField(_("student"))
    outcome_code = models.CharField(_("learning outcome"), max_length=64)
    posterior = models.JSONField(_("ability posterior"))  # weights on learner.GRID
    answered = models.PositiveIntegerField(_("questions answered"), default=0)
    correct = models.PositiveIntegerField(_("right answers"), default=0)
    mastered_at = models.DateTimeField(_("mastered at"), null=True, blank=True)
    review_card = models.JSONField(_("review card"), null=True, blank=True)  # fsrs.Card.to_dict()
    review_due = models.DateTimeField(_("review due"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("outcome state")
        constraints = [
            models.UniqueConstraint(fields=["user_id", "outcome_code"], name="vn_practice_state_once")
        ]
        indexes = [models.Index(fields=["outcome_code", "user_id"], name="vn_practice_state_outcome")]

    def __str__(self):
        return f"{self.user_id} {self.outcome_code}"


class PracticeAnswer(models.Model):
    """One answered practice question (the model's evidence; newest rows keep repeats away)."""

    user_id = models.IntegerField(_("student"))
    outcome_code = models.CharField(_("learning outcome"), max_length=64)
    question_uuid = models.UUIDField(_("question"))
    # The bank's key of the question (qbank.api candidates): recent questions are left out without a lookup.
    question_key = models.BigIntegerField(_("question key"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"))
    correct = models.BooleanField(_("right"))
    review = models.BooleanField(_("spaced review"), default=False)
    mastery_after = models.FloatField(_("mastery after"))
    course_key = models.CharField(_("course"), max_length=255, blank=True, default="")
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("practice answer")
        indexes = [models.Index(fields=["user_id", "outcome_code", "-id"], name="vn_practice_answer_recent")]

    def __str__(self):
        return f"{self.user_id} {self.question_uuid}"


class ProgressLink(models.Model):
    """A read-only link to a student's progress for a parent: signed, expiring, revocable (this row)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student_id = models.IntegerField(_("student"), db_index=True)
    created_by_id = models.IntegerField(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("progress link")

    def __str__(self):
        return str(self.uuid)
