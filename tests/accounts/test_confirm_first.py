"""Deactivating, reassigning and withdrawing an invitation ask first; nothing happens unasked."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import Assignment, Invitation, User
from tests.conftest import make_user


def test_deactivation_asks_first_and_says_what_will_happen(as_admin, client_user):
    url = reverse("clinic_person_deactivate", args=[client_user.pk])
    page = as_admin.post(url).content.decode()
    assert "Deactivate Maya Rivera?" in page
    assert "signed out at once and can no longer sign in" in page
    assert '<input type="hidden" name="confirmed" value="1">' in page
    assert User.objects.get(pk=client_user.pk).is_active

    as_admin.post(url, {"confirmed": "1"})
    assert not User.objects.get(pk=client_user.pk).is_active


def test_the_deactivate_button_carries_a_dialog_text(as_admin, client_user):
    page = as_admin.get(reverse("clinic_person", args=[client_user.pk])).content.decode()
    assert 'data-confirm="Deactivate Maya Rivera? They are signed out at once' in page


def test_reassignment_asks_first_and_keeps_the_chosen_therapist(
    as_admin, client_user, therapist, other_therapist
):
    url = reverse("clinic_person_assign", args=[client_user.pk])
    page = as_admin.post(url, {"therapist": other_therapist.pk}).content.decode()
    assert "Reassign Maya Rivera to Dr. Nair?" in page
    assert "Dr. Chen keeps read-only access to the rounds they took part in" in page
    assert f'<input type="hidden" name="therapist" value="{other_therapist.pk}">' in page
    assert Assignment.objects.current().get(client_user=client_user).therapist == therapist

    as_admin.post(url, {"therapist": other_therapist.pk, "confirmed": "1"})
    assert Assignment.objects.current().get(client_user=client_user).therapist == other_therapist


def test_a_first_assignment_does_not_ask(as_admin, clinic, therapist):
    newcomer = make_user("new@harbor.test", clinic, "New Client", is_client=True)
    url = reverse("clinic_person_assign", args=[newcomer.pk])
    as_admin.post(url, {"therapist": therapist.pk})
    assert Assignment.objects.current().get(client_user=newcomer).therapist == therapist


def test_withdrawing_an_invitation_asks_first(as_admin, clinic, clinic_admin):
    invitation = Invitation.objects.create(
        clinic=clinic,
        email="noor@example.org",
        role="client",
        token_hash="1" * 64,
        expires_at=timezone.now() + timedelta(days=7),
    )
    url = reverse("clinic_invitation_revoke", args=[invitation.pk])
    page = as_admin.post(url).content.decode()
    assert "Withdraw the invitation to noor@example.org?" in page
    assert "stops working at once" in page
    invitation.refresh_from_db()
    assert invitation.revoked_at is None

    as_admin.post(url, {"confirmed": "1"})
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
