"""Closing a round and taking back a submission ask first: nothing happens until confirmed."""

import re

from django.urls import reverse

from alignment.models import Round, RoundSide, Side
from tests.alignment.conftest import db_state, html_of


def confirmation_form(page, url):
    """The form on the confirmation page: it posts back to `url`, confirmed."""
    form = re.search(
        rf'<form method="post" action="{re.escape(url)}"[^>]*>(.*?)</form>', page, re.S
    )
    assert form, page
    assert '<input type="hidden" name="confirmed" value="1">' in form.group(1)
    return form.group(1)


def test_closing_asks_first_and_says_what_will_happen(as_user, discussed_round, therapist):
    browser = as_user(therapist)
    url = reverse("round_close", args=[discussed_round.pk])
    before = db_state()
    response = browser.post(url)
    page = html_of(response)
    assert response.status_code == 200
    assert "Close this round?" in page
    assert "read-only for both of you" in page
    assert "Yes, close the round" in confirmation_form(page, url)
    assert db_state() == before
    assert Round.objects.get(pk=discussed_round.pk).state == Round.State.DISCUSSING

    browser.post(url, {"confirmed": "1"})
    assert Round.objects.get(pk=discussed_round.pk).state == Round.State.CLOSED


def test_the_close_button_carries_a_dialog_text(as_user, discussed_round, therapist):
    page = html_of(as_user(therapist).get(reverse("round_detail", args=[discussed_round.pk])))
    assert 'data-confirm="Close this round? It becomes read-only for both of you' in page


def test_taking_back_a_submission_asks_first(as_user, build_round, client_user):
    round_ = build_round(submitted=("client",))
    browser = as_user(client_user)
    url = reverse("submission_withdraw", args=[round_.pk])
    page = html_of(browser.get(reverse("round_detail", args=[round_.pk])))
    assert "data-confirm=" in page
    before = db_state()
    page = html_of(browser.post(url))
    assert "Take back your submission?" in page
    assert "Nothing you wrote is lost." in page
    assert "Yes, take back my submission" in confirmation_form(page, url)
    assert db_state() == before
    assert RoundSide.objects.get(round=round_, side=Side.CLIENT).submitted

    browser.post(url, {"confirmed": "1"})
    assert not RoundSide.objects.get(round=round_, side=Side.CLIENT).submitted


def test_a_stranger_gets_404_not_a_confirmation_page(as_user, discussed_round, other_therapist):
    url = reverse("round_close", args=[discussed_round.pk])
    assert as_user(other_therapist).post(url).status_code == 404
