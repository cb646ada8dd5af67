"""The caseload shows each client's latest progress and filters ratings 3 or more apart."""

import pytest
from django.urls import reverse

from checkins.reading import latest_progress
from tests.alignment.conftest import replace_therapist
from tests.checkins.conftest import open_checkin, rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(checkin, therapist, client_user):
    rate(client_user, checkin, [9, 3])
    rate(therapist, checkin, [8, 7])
    return checkin


def test_latest_progress_is_the_mean_of_the_latest_checkin_in_one_query(
    rated, therapist, client_user, other_client, django_assert_num_queries
):
    rate(therapist, open_checkin(therapist, client_user), [6, 6])  # not revealed: not counted
    with django_assert_num_queries(1):
        found = latest_progress([client_user.pk, other_client.pk], therapist=therapist)
    assert set(found) == {client_user.pk}
    latest = found[client_user.pk]
    assert (latest.client, latest.therapist, latest.max_gap) == (6.0, 7.5, 4)
    assert latest.see_differently


def test_another_therapists_checkins_never_count(rated, client_user, other_therapist):
    replace_therapist(client_user, other_therapist)
    assert latest_progress([client_user.pk], therapist=other_therapist) == {}


def test_caseload_column_and_filter(rated, therapist, other_client, client_user, as_user):
    # A second client of the same therapist, with no check-in.
    other_client.assignments_as_client.update(therapist=therapist)
    browser = as_user(therapist)
    page = browser.get(reverse("caseload")).content.decode()
    assert "Latest progress (client / therapist)" in page
    assert "6.0 / 7.5" in page and "a goal 4 points apart" in page
    assert other_client.full_name in page
    filtered = browser.get(reverse("caseload"), {"differ": "1"}).content.decode()
    assert client_user.full_name in filtered and other_client.full_name not in filtered
    assert "&amp;differ=1" in filtered  # sorting keeps the filter


def test_clinic_overview_counts_checkins_and_shows_nothing_of_them(
    rated, therapist, client_user, clinic_admin, other_clinic_admin, as_user
):
    open_checkin(therapist, client_user)
    page = as_user(clinic_admin).get(reverse("clinic_overview"))
    assert page.context["checkins"] == {"open": 1, "revealed": 1}
    html = page.content.decode()
    assert "Sleep seven" not in html and "Ask for help" not in html
    elsewhere = as_user(other_clinic_admin).get(reverse("clinic_overview"))
    assert elsewhere.context["checkins"] == {"open": 0, "revealed": 0}
