"""Continuity of care: after a reassignment the new therapist reads the agreed goals of the
client's closed rounds (their outcome, nothing of the discussion) and can start from them."""

import pytest
from django.urls import reverse

from alignment.models import Goal, Round, Side
from tests.alignment.conftest import (
    CLIENT_GOALS,
    THERAPIST_GOALS,
    close,
    comment,
    confirm,
    goal_titled,
    html_of,
    key_of,
    label,
    propose,
    replace_therapist,
)

REVISED = "Recover faster after setbacks"
REASON = "This asks far too much of you right now."
COMMENT = "Shall we start with the grades?"


@pytest.fixture
def earlier_round(revealed_round, therapist, client_user, other_therapist):
    """A closed round of Maya with Dr. Chen: one goal revised, one labelled, one commented;
    then Maya moves to Dr. Nair."""
    grades = goal_titled(revealed_round, CLIENT_GOALS[0])
    failure = goal_titled(revealed_round, THERAPIST_GOALS[0])
    label(client_user, revealed_round, failure, reason=REASON)
    comment(therapist, revealed_round, key_of(grades), body=COMMENT)
    confirm(
        client_user,
        revealed_round,
        propose(therapist, revealed_round, key_of(grades), "revise", REVISED),
    )
    close(therapist, revealed_round)
    replace_therapist(client_user, other_therapist)
    return revealed_round


def agreed_url(client_user):
    return reverse("client_agreed_goals", args=[client_user.pk])


def test_new_therapist_sees_the_agreed_goals_and_nothing_else(
    as_user, earlier_round, other_therapist, client_user
):
    page = html_of(as_user(other_therapist).get(agreed_url(client_user)))
    assert REVISED in page
    assert "With Dr. Chen" in page
    for hidden in (REASON, COMMENT, *CLIENT_GOALS, *THERAPIST_GOALS):
        assert hidden not in page, hidden


def test_the_earlier_round_itself_stays_closed_to_the_new_therapist(
    as_user, earlier_round, other_therapist
):
    browser = as_user(other_therapist)
    for name in ("round_detail", "round_report", "round_report_csv"):
        assert browser.get(reverse(name, args=[earlier_round.pk])).status_code == 404, name


@pytest.mark.parametrize(
    "who", ["therapist", "client_user", "clinic_admin", "other_clinic_therapist"]
)
def test_only_the_current_therapist_reads_the_outcomes(as_user, earlier_round, everyone, who):
    # Dr. Chen no longer works with Maya; the rest never did as her therapist.
    response = as_user(everyone[who]).get(agreed_url(everyone["client_user"]))
    assert response.status_code == 404


def test_new_therapist_opens_a_round_starting_from_the_agreed_goals(
    as_user, earlier_round, other_therapist, client_user
):
    browser = as_user(other_therapist)
    form = html_of(browser.get(reverse("round_new", args=[client_user.pk])))
    assert "Start from the agreed goals of the client" in form
    assert agreed_url(client_user) in form
    response = browser.post(
        reverse("round_new", args=[client_user.pk]),
        {"title": "Fresh start", "from_previous": "on", "form_token": "", "form-token": ""},
    )
    new_round = Round.objects.get(title="Fresh start")
    assert response.status_code == 302, html_of(response)
    assert new_round.therapist == other_therapist
    for side in Side.values:
        titles = list(
            Goal.objects.filter(round=new_round, side=side).values_list("title", flat=True)
        )
        assert titles == [REVISED], (side, titles)
