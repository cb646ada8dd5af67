"""The audit trail: one row per view or change of clinical data and per account action.

Rows are only ever inserted (`audit.chain.record`). Each carries the SHA-256 of the row before
it, so `manage.py audit_verify` finds any row changed or deleted afterwards. No row holds
clinical text, an email body or a typed password: only who, which object (type and id), when,
from where, and the outcome.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("when"), db_index=True)
    # No foreign-key constraint: the trail outlives the rows it speaks of, and deleting a user
    # must never touch (or be blocked by) the record of what they did.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=40)
    object_type = models.CharField(_("object type"), max_length=40, blank=True)
    object_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    # The round the object belongs to, when it belongs to one: "who has seen my goals" reads it.
    round_id = models.BigIntegerField(_("round id"), null=True, blank=True)
    # The clinic the event concerns, so a clinic admin sees their own clinic's events only.
    clinic_id = models.BigIntegerField(_("clinic id"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=60, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20)
    prev_hash = models.CharField(_("hash of the previous row"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["round_id", "action"], name="audit_round_action"),
            models.Index(fields=["clinic_id", "seq"], name="audit_clinic_seq"),
        ]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class ChainHead(models.Model):
    """One row: the last sequence number and hash. Locking it orders concurrent inserts."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")
