"""Emails about check-ins: only that something is waiting, with a link; never goal text,
ratings or notes. Sent after the transaction commits."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alignment import notifications as round_notifications

OPENED = "opened"
REMINDER = "reminder"
REVEALED = "revealed"

WHAT_HAPPENED = {
    OPENED: _("A progress check-in is open: please rate how far your goals have come."),
    REMINDER: _("A reminder: the progress check-in is still waiting for your ratings."),
    REVEALED: _("Both of you have rated: your ratings are now shown side by side."),
}

logger = logging.getLogger(__name__)


def notify(*, checkin, recipient, event):
    """Email `recipient` once the current transaction commits (never while loading the demo)."""
    if not recipient.is_active or getattr(round_notifications._muted, "on", False):
        return
    body = render_to_string(
        "checkins/email/notification.txt",
        {
            "recipient": recipient,
            "what_happened": WHAT_HAPPENED[event],
            "link": settings.SITE_URL + reverse("checkin_detail", args=[checkin.pk]),
        },
    )
    subject = str(_("SamePage: a progress check-in"))
    transaction.on_commit(lambda: _send(subject, body, recipient))


def _send(subject, body, recipient):
    try:
        send_mail(subject, body, None, [recipient.email])
    except OSError:
        logger.exception("Check-in email to user %s failed", recipient.pk)
