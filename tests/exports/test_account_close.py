"""A client closes their own account: a confirmation step, sign-in stops, records are kept."""

import pytest
from django.urls import reverse

from accounts.models import User
from alignment.models import Goal
from audit.models import AuditEvent
from tests.alignment.conftest import text_of
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_confirmation_page_says_what_happens_to_the_data(as_user, client_user):
    page = text_of(as_user(client_user).get(reverse("account_close")))
    assert "kept as long as your clinic's record-keeping rules require" in page
    assert 'name="confirm"' in page
    client_user.refresh_from_db()
    assert client_user.is_active


def test_without_the_tick_nothing_happens(as_user, client_user):
    response = as_user(client_user).post(reverse("account_close"), {}, follow=True)
    assert "Tick the box" in text_of(response)
    client_user.refresh_from_db()
    assert client_user.is_active and client_user.closure_requested_at is None


def test_closing_stops_sign_in_and_keeps_the_records(client, as_user, client_user, discussed_round):
    response = as_user(client_user).post(reverse("account_close"), {"confirm": "yes"})
    assert response["Location"] == reverse("account_closed")
    client_user.refresh_from_db()
    assert not client_user.is_active
    assert client_user.closure_requested_at is not None
    assert Goal.objects.filter(round=discussed_round, side="client").count() == 2
    assert client.get(reverse("home")).status_code == 302  # signed out
    signed_in = client.post(reverse("login"), {"username": client_user.email, "password": PASSWORD})
    assert signed_in.status_code == 200  # the form again: sign-in refused
    assert AuditEvent.objects.filter(
        action="account_closure_requested", object_id=client_user.pk
    ).exists()
    assert AuditEvent.objects.filter(action="user_deactivated", object_id=client_user.pk).exists()


def test_clinic_admin_sees_the_request(as_user, client_user, clinic_admin):
    as_user(client_user).post(reverse("account_close"), {"confirm": "yes"})
    person = text_of(as_user(clinic_admin).get(reverse("clinic_person", args=[client_user.pk])))
    assert "Closed their own account on" in person
    people = text_of(as_user(clinic_admin).get(reverse("clinic_people")))
    assert "(closed their own account)" in people


def test_therapists_cannot_close_through_this_page(as_user, therapist):
    assert as_user(therapist).post(reverse("account_close"), {"confirm": "yes"}).status_code == 404
    assert User.objects.get(pk=therapist.pk).is_active
