"""Emails that say only that something changed in a round, with a link.

No goal text, label, comment or round title ever goes into an email: mail passes through
servers the clinic does not control.
"""

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

OPENED = "opened"
SUBMITTED = "submitted"
REVEALED = "revealed"
LABELLED = "labelled"
COMMENTED = "commented"
PROPOSED = "proposed"
CLOSED = "closed"

logger = logging.getLogger(__name__)
_muted = threading.local()


@contextmanager
def muted():
    """Send no notifications inside this block (loading demo data)."""
    _muted.on = True
    try:
        yield
    finally:
        _muted.on = False


WHAT_HAPPENED = {
    OPENED: _("%(name)s opened a new round of goals with you. You can now write your goals."),
    SUBMITTED: _("%(name)s has submitted their goals. Yours are still private until you submit."),
    REVEALED: _("Both of you have submitted: your goals are now shown side by side."),
    LABELLED: _("%(name)s labelled one of your goals overboard and gave a reason."),
    COMMENTED: _("%(name)s added a comment."),
    PROPOSED: _("%(name)s proposed a resolution that needs your confirmation."),
    CLOSED: _("%(name)s closed a round. Its agreed goals are ready to read."),
}


def notify(*, round_, recipient, event):
    """Email `recipient` once the current transaction commits."""
    actor = round_.therapist if recipient.pk == round_.client_user_id else round_.client_user
    body = render_to_string(
        "alignment/email/notification.txt",
        {
            "recipient": recipient,
            "what_happened": WHAT_HAPPENED[event] % {"name": actor.email_name},
            "link": settings.SITE_URL + reverse("round_detail", args=[round_.pk]),
        },
    )
    subject = str(_("SamePage: something changed in your goals"))
    if not recipient.is_active or getattr(_muted, "on", False):
        return
    transaction.on_commit(lambda: _send(subject, body, recipient))


def _send(subject, body, recipient):
    # A mail server outage must not undo what the person did; log who, never what.
    try:
        send_mail(subject, body, None, [recipient.email])
    except OSError:
        logger.exception("Notification email to user %s failed", recipient.pk)
