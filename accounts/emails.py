"""Emails about a person's account: names only, never clinical text, sent after the commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _


def send_assignment_emails(*, client_user, previous, therapist):
    """Tell the client and both therapists, so nobody is moved without knowing (names only)."""
    link = settings.SITE_URL + reverse("home")
    names = {"client": client_user.email_name, "therapist": therapist.email_name}
    if previous is not None:
        names["previous"] = previous.email_name
        to_client = _("Your therapist in SamePage is now %(therapist)s (before: %(previous)s).")
    else:
        to_client = _("Your therapist in SamePage is now %(therapist)s.")
    messages = [
        (client_user, _("SamePage: your therapist changed"), to_client % names),
        (
            therapist,
            _("SamePage: a client was assigned to you"),
            _("%(client)s is now assigned to you as a client.") % names,
        ),
    ]
    if previous is not None:
        messages.append(
            (
                previous,
                _("SamePage: a client was assigned to another therapist"),
                _("%(client)s is now assigned to another therapist, %(therapist)s.") % names,
            )
        )

    def send():
        for person, subject, what_happened in messages:
            if person.is_active:
                context = {"name": person.email_name, "what_happened": what_happened, "link": link}
                body = render_to_string("accounts/email/assignment_changed.txt", context)
                send_mail(str(subject), body, None, [person.email])

    transaction.on_commit(send)
