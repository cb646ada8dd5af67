"""The two pages read from the trail: "who has seen my goals" and the clinic's account events."""

import pytest
from django.urls import reverse

import audit
from accounts.activity import PER_PAGE
from tests.alignment.conftest import text_of

pytestmark = pytest.mark.django_db


def test_client_sees_each_view_of_their_round_by_the_therapist(
    as_user, therapist, client_user, discussed_round
):
    as_user(therapist).get(reverse("round_detail", args=[discussed_round.pk]))
    as_user(therapist).get(reverse("round_report", args=[discussed_round.pk]))
    page = text_of(as_user(client_user).get(reverse("who_has_seen")))
    assert page.count("Dr. Chen") == 2
    assert discussed_round.title in page
    assert "the printable report" in page and "the round page" in page


def test_own_views_and_refused_requests_are_not_listed(
    as_user, client_user, other_therapist, discussed_round
):
    as_user(client_user).get(reverse("round_detail", args=[discussed_round.pk]))
    as_user(other_therapist).get(reverse("round_detail", args=[discussed_round.pk]))  # 404
    page = text_of(as_user(client_user).get(reverse("who_has_seen")))
    assert "Nobody else has opened your rounds yet." in page
    assert "Dr. Nair" not in page


def test_views_of_another_clients_rounds_are_not_listed(
    as_user, therapist, other_client, discussed_round
):
    as_user(therapist).get(reverse("round_detail", args=[discussed_round.pk]))
    page = text_of(as_user(other_client).get(reverse("who_has_seen")))
    assert "Dr. Chen" not in page


def test_therapist_reading_the_clients_history_is_listed(
    as_user, therapist, client_user, discussed_round
):
    as_user(therapist).get(reverse("client_history", args=[client_user.pk]))
    page = text_of(as_user(client_user).get(reverse("who_has_seen")))
    assert "your history across rounds" in page and "Dr. Chen" in page


def test_client_home_links_to_the_page(as_user, client_user, discussed_round):
    page = as_user(client_user).get(reverse("home")).content.decode()
    assert f'href="{reverse("who_has_seen")}"' in page


def test_clinic_admin_sees_account_events_of_their_clinic_only(
    as_user, clinic_admin, therapist, other_clinic_therapist, client_user, discussed_round
):
    as_user(therapist).get(reverse("round_detail", args=[discussed_round.pk]))
    audit.record(
        action="sign_in",
        outcome="ok",
        actor=other_clinic_therapist,
        object_type="user",
        object_id=other_clinic_therapist.pk,
        clinic_id=other_clinic_therapist.clinic_id,
    )
    audit.record(
        action="user_deactivated",
        outcome="ok",
        actor=clinic_admin,
        object_type="user",
        object_id=client_user.pk,
        clinic_id=client_user.clinic_id,
    )
    page = text_of(as_user(clinic_admin).get(reverse("clinic_activity")))
    assert "account deactivated" in page and "Maya Rivera" in page
    assert "signed in" in page  # the admin's own and the therapist's sign-ins
    assert "Dr. Ortega" not in page
    assert "round page" not in page and discussed_round.title not in page


def test_clinic_activity_is_paginated(as_user, clinic_admin, therapist):
    for _ in range(PER_PAGE + 5):
        audit.record(
            action="sign_in_failed",
            outcome="denied",
            actor=None,
            object_type="user",
            object_id=therapist.pk,
            clinic_id=therapist.clinic_id,
        )
    browser = as_user(clinic_admin)
    first = text_of(browser.get(reverse("clinic_activity")))
    second = text_of(browser.get(reverse("clinic_activity") + "?page=2"))
    assert f"Showing 1–{PER_PAGE} of {PER_PAGE + 6}" in first  # + the admin's sign-in
    assert "Page 2 of 2" in second and "Showing 51–56" in second
