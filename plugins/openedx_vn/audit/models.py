"""Models of the audit trail. Private: other apps go through ``api``.

Entries are append-only: the model refuses updates and deletes, and so does its queryset, so no code path of
ours rewrites history (a database administrator still can: see ADR 0013).
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """Audit entries are never changed or deleted."""


class EntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("audit entries are never changed")

    def delete(self):
        raise AppendOnly("audit entries are never deleted")


class Entry(models.Model):
    """One recorded change: who (platform user id; None for the system), when (UTC), what action on which
    object, in which school/commune/province, and the object's state before and after (JSON)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor_user_id = models.IntegerField(_("who (platform user id)"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=40)
    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.CharField(_("object"), max_length=80)
    school_code = models.CharField(_("school"), max_length=32, blank=True, default="")
    commune_code = models.CharField(_("commune"), max_length=8, blank=True, default="")
    province_code = models.CharField(_("province"), max_length=8, blank=True, default="")
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["province_code", "at"], name="vn_audit_entry_province"),
            models.Index(fields=["commune_code", "at"], name="vn_audit_entry_commune"),
            models.Index(fields=["school_code", "at"], name="vn_audit_entry_school"),
            models.Index(fields=["actor_user_id", "at"], name="vn_audit_entry_actor"),
            models.Index(fields=["object_type", "object_id"], name="vn_audit_entry_object"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_user_id} {self.action} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("audit entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit entries are never deleted")
