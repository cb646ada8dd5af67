"""What the background worker keeps: emails waiting to go out and when periodic jobs last ran."""

from django.db import models
from django.utils import timezone


class OutgoingEmail(models.Model):
    """One email, kept until the mail server has taken it, so that no email is ever lost.

    Written in the same transaction as the change that caused it: rolled back together.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "waiting to be sent"
        SENT = "sent", "sent"
        FAILED = "failed", "failed for good (retry from the admin)"

    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    subject = models.CharField(max_length=998)
    body = models.TextField()
    from_email = models.CharField(max_length=320)
    to = models.JSONField()
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    alternatives = models.JSONField(default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The exception's class only: a server's reply may quote the message back.
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"email {self.pk} ({self.get_status_display()})"


class ScheduledRun(models.Model):
    """When a periodic job was last enqueued: shared by every worker, so it runs once per period."""

    task_path = models.CharField(max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField()

    def __str__(self):
        return self.task_path
