"""Names typed by people appear in emails on one line, without control characters, not too long."""

import pytest

from accounts.text import name_for_email


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Maya Rivera", "Maya Rivera"),
        ("Maya\r\nSamePage: click http://evil.example", "Maya SamePage: click http://evil.example"),
        ("Dr.\u202eneC\u202c Chen", "Dr.neC Chen"),
        ("Tom\x00\x07 Becker\t", "Tom Becker"),
        ("A" * 200, "A" * 59 + "…"),
        ("", ""),
    ],
)
def test_name_for_email(typed, shown):
    assert name_for_email(typed) == shown


def test_notification_shows_the_trimmed_names(
    therapist, client_user, mailoutbox, run_jobs, settings
):
    from alignment import services

    therapist.full_name = "Dr. Chen\nReply with your password"
    therapist.save()
    client_user.full_name = "Maya\u202e Rivera" + "x" * 130
    client_user.save()
    services.round_open(therapist=therapist, client_user=client_user, title="Intake")
    run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)  # notifications come as a digest
    body = mailoutbox[0].body
    assert "Your therapist Dr. Chen Reply with your password opened a new round" in body
    assert "\u202e" not in body
    greeting = body.splitlines()[0]
    assert greeting == "Hello Maya Rivera" + "x" * 48 + "…,"
