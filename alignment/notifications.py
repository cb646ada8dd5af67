"""Emails that say only that something changed in a round, with a link, as digests.

notify() records the event; the first unsent event for a person and round enqueues one
digest job, due a quiet window (settings.SAMEPAGE_DIGEST_WINDOW) later, which sums up all
that happened meanwhile ("3 new comments, 1 proposal to confirm") in one email. No goal text,
label, comment or round title ever goes into an email: mail passes through servers the clinic
does not control.
"""

import threading
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alignment.models import Notification, Round

OPENED = "opened"
SUBMITTED = "submitted"
REVEALED = "revealed"
LABELLED = "labelled"
COMMENTED = "commented"
PROPOSED = "proposed"
CLOSED = "closed"
ORDER = [OPENED, SUBMITTED, REVEALED, LABELLED, PROPOSED, COMMENTED, CLOSED]

_muted = threading.local()


@contextmanager
def muted():
    """Send no notifications inside this block (loading demo data)."""
    _muted.on = True
    try:
        yield
    finally:
        _muted.on = False


def notify(*, round_, recipient, event):
    """Tell `recipient` about `event`, in the next digest; nothing if the transaction rolls back."""
    if event not in ORDER:
        raise ValueError(event)
    if not recipient.is_active or getattr(_muted, "on", False):
        return
    with transaction.atomic():
        # The round's row lock orders this against the digest job reading the same events.
        Round.objects.select_for_update().filter(pk=round_.pk).exists()
        waiting = Notification.objects.filter(
            round_id=round_.pk, recipient_id=recipient.pk, sent_at__isnull=True
        ).exists()
        Notification.objects.create(round_id=round_.pk, recipient_id=recipient.pk, event=event)
        if not waiting:
            due = timezone.now() + timedelta(seconds=settings.SAMEPAGE_DIGEST_WINDOW)
            digest_send.using(run_after=due).enqueue(round_.pk, recipient.pk)


@task
def digest_send(round_id, recipient_id):
    """Email one person everything that happened in one round since their last digest."""
    with transaction.atomic():
        round_ = (
            Round.objects.select_for_update(of=("self",))
            .select_related("client_user", "therapist")
            .filter(pk=round_id)
            .first()
        )
        if round_ is None:
            return "round gone"
        events = Notification.objects.filter(
            round_id=round_id, recipient_id=recipient_id, sent_at__isnull=True
        )
        counts = Counter(events.values_list("event", flat=True))
        if not counts:
            return "nothing to send"
        events.update(sent_at=timezone.now())
        recipient = round_.client_user if recipient_id == round_.client_user_id else None
        recipient = recipient or round_.therapist
        if recipient.pk != recipient_id or not recipient.is_active:
            return "no longer concerned"
        subject, body = digest_email(round_=round_, recipient=recipient, counts=counts)
        send_mail(subject, body, None, [recipient.email])  # queued: sent by the worker
    return "sent"


def digest_email(*, round_, recipient, counts):
    """The subject and body of a digest for `recipient`, worded for their side."""
    is_client = recipient.pk == round_.client_user_id
    if is_client:
        other = _("your therapist %(name)s") % {"name": round_.therapist.email_name}
    else:
        other = _("your client %(name)s") % {"name": round_.client_user.email_name}
    lines = [capfirst(_line(event, counts[event], other)) for event in ORDER if counts[event]]
    body = render_to_string(
        "alignment/email/notification.txt",
        {
            "recipient": recipient,
            "lines": lines,
            "is_client": is_client,
            "link": settings.SITE_URL + reverse("round_detail", args=[round_.pk]),
        },
    )
    return _("SamePage: something changed in your goals"), body


def _line(event, count, other):
    values = {"other": other, "count": count}
    if event == OPENED:
        return _("%(other)s opened a new round of goals with you: you can write yours.") % values
    if event == SUBMITTED:
        return _("%(other)s submitted their goals. Yours stay private until you submit.") % values
    if event == REVEALED:
        return _("both of you have submitted: your goals are now shown side by side.")
    if event == LABELLED:
        return (
            ngettext(
                "%(other)s labelled one of your goals overboard and gave a reason.",
                "%(other)s labelled %(count)d of your goals overboard and gave reasons.",
                count,
            )
            % values
        )
    if event == PROPOSED:
        return (
            ngettext(
                "%(count)d proposal from %(other)s to confirm.",
                "%(count)d proposals from %(other)s to confirm.",
                count,
            )
            % values
        )
    if event == COMMENTED:
        return (
            ngettext(
                "%(count)d new comment from %(other)s.",
                "%(count)d new comments from %(other)s.",
                count,
            )
            % values
        )
    return _("%(other)s closed the round. Its agreed goals are ready to read.") % values
