"""A round left open by a reassignment can be closed "at reassignment", and then counts closed."""

import pytest
from django.urls import reverse

from alignment.models import Round
from alignment.overview import clinic_overview
from tests.alignment.conftest import CLIENT_GOALS, db_state, html_of, replace_therapist

CONFIRMED = {"confirmed": "1"}


def close_url(round_):
    return reverse("round_close_at_reassignment", args=[round_.pk])


def test_previous_therapist_closes_it_after_confirming(
    as_user, discussed_round, therapist, other_therapist, client_user, clinic
):
    replace_therapist(client_user, other_therapist)
    browser = as_user(therapist)
    page = html_of(browser.get(reverse("round_detail", args=[discussed_round.pk])))
    assert "Close at reassignment" in page
    assert clinic_overview(clinic=clinic).open_rounds == 1

    before = db_state()
    asked = html_of(browser.post(close_url(discussed_round)))
    assert "Close this round as closed at reassignment?" in asked
    assert db_state() == before

    page = html_of(browser.post(close_url(discussed_round), CONFIRMED, follow=True))
    assert "The round is closed at reassignment." in page
    assert "Closed at reassignment." in page
    round_ = Round.objects.get(pk=discussed_round.pk)
    assert round_.is_closed and round_.closed_at_reassignment and round_.closed_at
    numbers = clinic_overview(clinic=clinic)
    assert (numbers.open_rounds, numbers.closed_rounds) == (0, 1)


def test_clinic_admin_closes_it_from_the_overview_without_seeing_content(
    as_user, discussed_round, other_therapist, client_user, clinic_admin
):
    replace_therapist(client_user, other_therapist)
    browser = as_user(clinic_admin)
    overview = html_of(browser.get(reverse("clinic_overview")))
    main = overview.split("<main", 1)[1]
    assert '<h2 class="h4" id="left-open-heading">Rounds left open by a reassignment</h2>' in main
    assert "<title>Clinic overview · SamePage</title>" in overview
    assert close_url(discussed_round) in overview
    assert discussed_round.title not in overview
    asked = html_of(browser.post(close_url(discussed_round)))
    page = html_of(browser.post(close_url(discussed_round), CONFIRMED, follow=True))
    for html in (overview, asked, page):
        for title in CLIENT_GOALS:
            assert title not in html
    assert Round.objects.get(pk=discussed_round.pk).closed_at_reassignment
    assert "Rounds left open by a reassignment" not in page
    # The admin still cannot open the round itself.
    assert browser.get(reverse("round_detail", args=[discussed_round.pk])).status_code == 404


def test_a_round_still_paired_cannot_be_closed_this_way(
    as_user, discussed_round, therapist, clinic_admin
):
    for person in (therapist, clinic_admin):
        response = as_user(person).post(close_url(discussed_round), CONFIRMED)
        assert response.status_code == 404
    assert Round.objects.get(pk=discussed_round.pk).is_discussing


@pytest.mark.parametrize(
    "who", ["client_user", "other_therapist", "other_clinic_admin", "other_clinic_therapist"]
)
def test_nobody_else_may_close_it(as_user, discussed_round, everyone, who):
    replace_therapist(everyone["client_user"], everyone["other_therapist"])
    response = as_user(everyone[who]).post(close_url(discussed_round), CONFIRMED)
    assert response.status_code == 404
    assert Round.objects.get(pk=discussed_round.pk).is_discussing


def test_a_drafting_round_closes_too_and_says_so(
    as_user, drafting_round, therapist, other_therapist, client_user
):
    replace_therapist(client_user, other_therapist)
    as_user(therapist).post(close_url(drafting_round), CONFIRMED)
    assert Round.objects.get(pk=drafting_round.pk).is_closed
    page = html_of(as_user(therapist).get(reverse("round_detail", args=[drafting_round.pk])))
    assert "Closed at reassignment." in page
    assert "Close at reassignment" not in page
