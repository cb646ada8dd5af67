"""Password reset and invitations send email: they are limited per address and per person."""

import re

import pytest
from django.urls import reverse

from accounts.models import Invitation

RESET = reverse("password_reset")


@pytest.fixture
def limits(settings):
    def set_limits(**changed):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, **changed}

    return set_limits


def ask_reset(client, email, ip="127.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_mails_one_address_a_few_times_only(
    client, client_user, mailoutbox, run_jobs
):
    for _ in range(3):
        assert ask_reset(client, "maya@harbor.test").status_code == 302
    response = ask_reset(client, "MAYA@harbor.test", ip="198.51.100.4")
    assert response.status_code == 429
    assert re.search(r"try again in \d+ minutes?", response.content.decode())
    assert int(response["Retry-After"]) > 0
    run_jobs()  # the reset emails are sent by the background worker
    assert len(mailoutbox) == 3


def test_password_reset_limit_is_the_same_for_unknown_addresses(client, client_user):
    answers = []
    for email in ("maya@harbor.test", "nobody@harbor.test"):
        answers.append([ask_reset(client, email, ip=f"10.0.0.{n}").status_code for n in range(4)])
    assert answers[0] == answers[1] == [302, 302, 302, 429]


def test_password_reset_is_limited_per_visitor(client, client_user, mailoutbox, limits):
    limits(password_reset_ip=(2, 3600))
    ask_reset(client, "a@example.org", ip="203.0.113.5")
    ask_reset(client, "b@example.org", ip="203.0.113.5")
    assert ask_reset(client, "maya@harbor.test", ip="203.0.113.5").status_code == 429
    assert mailoutbox == []
    assert ask_reset(client, "maya@harbor.test", ip="198.51.100.4").status_code == 302


def test_invitations_are_limited_per_admin(invite, mailoutbox, limits):
    limits(invitation_user=(2, 3600))
    invite("one@example.org")
    invite("two@example.org")
    response = invite("three@example.org")
    assert response.status_code == 429
    assert "You can try again in" in response.content.decode()
    assert Invitation.objects.count() == 2
    assert len(mailoutbox) == 2
