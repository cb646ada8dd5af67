"""Helpers for the clinic admin's pages: an admin's browser and the invitation round trip."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

LINK = re.compile(r"(?P<link>https?://\S+/accounts/invite/(?P<token>[^/\s]+)/)")
NEW_PASSWORD = "river-stone-lantern-93"


@pytest.fixture
def as_admin(client, clinic_admin):
    """The test browser, signed in as the clinic admin."""
    client.force_login(clinic_admin)
    return client


@pytest.fixture
def invite(as_admin, django_capture_on_commit_callbacks):
    """Post the invitation form as the admin; emails are sent as after a real commit."""

    def post(email, role="client", therapist=None):
        data = {"email": email, "role": role, "therapist": therapist.pk if therapist else ""}
        with django_capture_on_commit_callbacks(execute=True):
            return as_admin.post(reverse("clinic_invite"), data)

    return post


def link_in(message):
    """The invitation link in an email, and the raw token it carries."""
    match = LINK.search(message.body)
    assert match, message.body
    return match["link"], match["token"]


def accept(client, link, full_name="Noor Haddad", password=NEW_PASSWORD, password2=None):
    """Open the emailed link (which moves its token into the session), then fill in the form."""
    opened = client.get(urlsplit(link).path)
    if opened.status_code != 302:
        return opened
    return client.post(
        opened.url,
        {"full_name": full_name, "password1": password, "password2": password2 or password},
    )
