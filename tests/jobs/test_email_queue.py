"""Every email is queued with the change that caused it and sent by the worker, with retries."""

import io
import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from jobs.models import OutgoingEmail
from jobs.tasks import retry_delay
from tests.conftest import make_user

LINK = "https://samepage.example.org/rounds/1234/" + "x" * 120 + "/"
QUEUED = {
    "default": {"BACKEND": "jobs.mail.QueuedEmailBackend"},
    "deliver": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}


class FlakyBackend(LocmemBackend):
    """A mail server that fails the first `failures` times it is asked (class-wide count)."""

    failures = 0
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    FlakyBackend.calls = 0
    settings.MAILERS = {**QUEUED, "deliver": {"BACKEND": f"{__name__}.FlakyBackend"}}
    return FlakyBackend


def send_one():
    send_mail("SamePage: something changed", f"See {LINK}", None, ["maya@harbor.test"])


@pytest.mark.django_db(transaction=True)
@override_settings(MAILERS=QUEUED)
def test_an_email_sent_in_a_rolled_back_transaction_never_exists():
    with pytest.raises(RuntimeError), transaction.atomic():
        send_one()
        raise RuntimeError("the change failed")
    assert OutgoingEmail.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
@override_settings(MAILERS=QUEUED)
def test_an_email_sent_in_a_committed_transaction_is_queued_not_sent(run_jobs):
    with transaction.atomic():
        send_one()
    assert mail.outbox == []  # nothing went to the mail server during the request
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.PENDING
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY
    assert run_jobs() == 1
    assert [m.to for m in mail.outbox] == [["maya@harbor.test"]]
    assert LINK in mail.outbox[0].body
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.SENT, 1)
    assert email.body == ""  # a delivered link is not kept in the database


@pytest.mark.django_db
def test_a_failed_delivery_is_retried_later_and_sent_once(flaky, run_jobs):
    flaky.failures = 2
    send_one()
    run_jobs()
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.PENDING, 1)
    assert email.last_error == "SMTPServerDisconnected"
    assert mail.outbox == []
    assert run_jobs() == 0  # the retry waits its backoff
    run_jobs(later=retry_delay(1))
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.PENDING, 2)
    run_jobs(later=retry_delay(2))
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.SENT, 3)
    assert len(mail.outbox) == 1


def test_retries_back_off_doubling_up_to_a_cap(settings):
    settings.SAMEPAGE_EMAIL_RETRY_BASE = 30
    settings.SAMEPAGE_EMAIL_RETRY_CAP = 900
    assert [retry_delay(n) for n in range(1, 8)] == [30, 60, 120, 240, 480, 900, 900]


@pytest.mark.django_db
def test_an_email_that_keeps_failing_is_logged_and_shown_to_the_operator(
    flaky, run_jobs, settings, caplog, client
):
    settings.SAMEPAGE_EMAIL_MAX_ATTEMPTS = 3
    flaky.failures = 99
    send_one()
    with caplog.at_level(logging.WARNING, logger="jobs"):
        run_jobs(later=10_000)
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.FAILED, 3)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 1
    errors = [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.ERROR and r.name == "jobs.tasks"
    ]
    assert errors == [
        f"Email {email.pk} failed for good after 3 attempts (SMTPServerDisconnected); "
        "retry it from the admin"
    ]
    for record in caplog.records:  # who and what stay out of the logs
        assert "maya@harbor.test" not in record.getMessage()
        assert "something changed" not in record.getMessage()

    operator = make_user("ops@samepage.test", None, is_staff=True, is_superuser=True)
    client.force_login(operator)
    page = client.get(reverse("admin:jobs_outgoingemail_changelist") + "?status=failed")
    assert page.status_code == 200
    assert "failed for good" in page.text and "SMTPServerDisconnected" in page.text
    assert LINK not in page.text and "maya@harbor.test" not in page.text

    # The operator sends it again once the mail server is fixed.
    flaky.failures = 0
    client.post(
        reverse("admin:jobs_outgoingemail_changelist"),
        {"action": "retry", "_selected_action": [email.pk]},
    )
    run_jobs()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_the_console_prints_each_link_whole_on_one_line():
    from jobs.mail import ReadableConsoleBackend

    stream = io.StringIO()
    message = mail.EmailMessage("Hi", f"Reset your password:\n{LINK}\n", None, ["a@b.test"])
    ReadableConsoleBackend(stream=stream).send_messages([message])
    assert LINK in stream.getvalue().splitlines()


@pytest.mark.django_db
@override_settings(MAILERS=QUEUED)
def test_records_of_old_finished_work_are_pruned_but_failures_stay(run_jobs):
    from datetime import timedelta

    from django.utils import timezone

    from jobs.tasks import prune_finished_jobs

    send_one()
    send_one()
    run_jobs()
    old, recent = OutgoingEmail.objects.order_by("pk")
    OutgoingEmail.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=8))
    failed = OutgoingEmail.objects.create(
        subject="s", body="b", from_email="f@x.test", to=["t@x.test"], status="failed"
    )
    DBTaskResult.objects.update(finished_at=timezone.now() - timedelta(days=8))
    prune_finished_jobs.call()
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {recent.pk, failed.pk}
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db
@override_settings(MAILERS=QUEUED)
def test_copies_and_reply_address_are_kept_through_the_queue(run_jobs):
    mail.EmailMessage(
        "Hi", "Body", None, ["to@x.test"], cc=["cc@x.test"], bcc=["bcc@x.test"],
        reply_to=["reply@x.test"],
    ).send()  # fmt: skip
    run_jobs()
    [message] = mail.outbox
    assert message.recipients() == ["to@x.test", "cc@x.test", "bcc@x.test"]
    assert message.reply_to == ["reply@x.test"]
