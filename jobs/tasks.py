"""Background jobs: deliver queued email with retries, and keep the database tidy.

Logs name an email by its id only: never its address, subject or body.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from jobs.models import OutgoingEmail

logger = logging.getLogger(__name__)

DELIVER_MAILER = "deliver"


class DeliveryFailed(Exception):
    """The mail server refused or never answered, for the last allowed time."""


def retry_delay(attempt):
    """Seconds to wait after failed attempt number `attempt` (1, 2, ...): doubling, capped."""
    base = settings.SAMEPAGE_EMAIL_RETRY_BASE
    return min(base * 2 ** (attempt - 1), settings.SAMEPAGE_EMAIL_RETRY_CAP)


def _as_message(email):
    message = EmailMultiAlternatives(
        email.subject,
        email.body,
        email.from_email,
        email.to,
        cc=email.cc,
        bcc=email.bcc,
        reply_to=email.reply_to,
    )
    for content, mimetype in email.alternatives:
        message.attach_alternative(content, mimetype)
    return message


@task
def deliver_email(email_id):
    """Hand one queued email to the mail server; on failure try again later, with backoff."""
    email = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.PENDING).first()
    if email is None:
        return "nothing to send"
    try:
        mailers[DELIVER_MAILER].send_messages([_as_message(email)])
    except Exception as error:  # any failure of the mail server or its connection
        _record_failure(email, error)
        if email.status == OutgoingEmail.Status.FAILED:
            raise DeliveryFailed(f"email {email.pk}: {type(error).__name__}") from None
        return f"attempt {email.attempts} failed; retrying"
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.attempts += 1
    # Once delivered, the body (which may hold a one-time link) is not kept.
    email.body = ""
    email.alternatives = []
    email.save(update_fields=["status", "sent_at", "attempts", "body", "alternatives"])
    return "sent"


def _record_failure(email, error):
    with transaction.atomic():
        email.attempts += 1
        email.last_error = type(error).__name__[:200]
        if email.attempts >= settings.SAMEPAGE_EMAIL_MAX_ATTEMPTS:
            email.status = OutgoingEmail.Status.FAILED
            logger.error(
                "Email %s failed for good after %s attempts (%s); retry it from the admin",
                email.pk,
                email.attempts,
                email.last_error,
            )
        else:
            email.next_attempt_at = timezone.now() + timedelta(seconds=retry_delay(email.attempts))
            deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
            logger.warning(
                "Email %s: attempt %s failed (%s); next try at %s",
                email.pk,
                email.attempts,
                email.last_error,
                email.next_attempt_at.isoformat(timespec="seconds"),
            )
        email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])


def email_retry(email_ids):
    """Send failed emails again from the start (the operator's admin action)."""
    with transaction.atomic():
        emails = OutgoingEmail.objects.filter(pk__in=email_ids).exclude(
            status=OutgoingEmail.Status.SENT
        )
        for email in emails:
            email.status = OutgoingEmail.Status.PENDING
            email.attempts = 0
            email.next_attempt_at = timezone.now()
            email.save(update_fields=["status", "attempts", "next_attempt_at"])
            deliver_email.enqueue(email.pk)


STALLED_AFTER = timedelta(hours=1)


@task
def requeue_stalled_email():
    """Enqueue again emails whose job vanished (a worker killed mid-send): never lost.

    Sending is at least once: an email whose worker died after the server took it may go twice.
    """
    stalled = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, next_attempt_at__lt=timezone.now() - STALLED_AFTER
    ).values_list("pk", flat=True)[:500]
    count = 0
    with transaction.atomic():
        for pk in stalled:
            OutgoingEmail.objects.filter(pk=pk).update(next_attempt_at=timezone.now())
            deliver_email.enqueue(pk)
            count += 1
    return count


@task
def clear_expired_sessions():
    """Delete sessions past their expiry (what `manage.py clearsessions` does)."""
    from importlib import import_module

    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
    return "done"


KEEP_FINISHED = timedelta(days=7)


@task
def prune_finished_jobs():
    """Delete records of jobs finished and emails sent more than a week ago (failures stay)."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - KEEP_FINISHED
    jobs, _ = DBTaskResult.objects.successful().filter(finished_at__lt=cutoff).delete()
    emails, _ = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENT, sent_at__lt=cutoff
    ).delete()
    return {"jobs": jobs, "emails": emails}
