"""Opening a round: only the client's current therapist, one open round per pair, and a new
round can start from the agreed goals of the last one."""

from django.urls import reverse

from alignment.models import Goal, Round, RoundSide, Side
from tests.alignment.conftest import (
    close,
    confirm,
    goal_titled,
    html_of,
    key_of,
    new_token,
    propose,
    replace_therapist,
)


def open_round(client, client_user, title="Intake", token=None, from_previous=False):
    data = {"title": title, "form_token": token or new_token()}
    if from_previous:
        data["from_previous"] = "on"
    return client.post(reverse("round_new", args=[client_user.pk]), data)


def test_therapist_sees_the_form_to_open_a_round(as_user, therapist, client_user):
    response = as_user(therapist).get(reverse("round_new", args=[client_user.pk]))
    assert response.status_code == 200
    assert "Open a round with Maya Rivera" in html_of(response)


def test_therapist_opens_a_round_in_drafting_with_a_part_for_each_side(
    as_user, therapist, client_user
):
    response = open_round(as_user(therapist), client_user, title="Week 8 review")
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("round_detail", args=[round_.pk])
    assert (round_.title, round_.state) == ("Week 8 review", Round.State.DRAFTING)
    assert (round_.therapist, round_.client_user) == (therapist, client_user)
    sides = RoundSide.objects.filter(round=round_)
    assert sorted(s.side for s in sides) == ["client", "therapist"]
    assert all(s.submitted_at is None and s.version == 0 for s in sides)


def test_round_form_sent_twice_opens_one_round(as_user, therapist, client_user):
    browser = as_user(therapist)
    token = new_token()
    open_round(browser, client_user, token=token)
    second = open_round(browser, client_user, token=token)
    assert Round.objects.count() == 1
    page = html_of(browser.get(second["Location"]))
    assert "This round was already opened (the form was sent twice)." in page


def test_a_second_open_round_with_the_same_client_is_refused(as_user, therapist, client_user):
    browser = as_user(therapist)
    open_round(browser, client_user, title="Intake")
    second = open_round(browser, client_user, title="Another")
    assert Round.objects.count() == 1
    page = html_of(browser.get(second["Location"]))
    assert "There is already an open round with Maya Rivera" in page


def test_round_without_a_title_is_not_opened(as_user, therapist, client_user):
    response = open_round(as_user(therapist), client_user, title="")
    assert response.status_code == 400
    assert "This field is required" in html_of(response)
    assert not Round.objects.exists()


def test_only_the_clients_current_therapist_can_open_a_round(
    as_user, everyone, client_user, other_client
):
    for name in (
        "other_therapist",
        "clinic_admin",
        "other_clinic_therapist",
        "other_clinic_admin",
        "client_user",
    ):
        browser = as_user(everyone[name])
        assert browser.get(reverse("round_new", args=[client_user.pk])).status_code == 404, name
        assert open_round(browser, client_user).status_code == 404, name
    assert not Round.objects.exists()


def test_replaced_therapist_cannot_open_a_new_round_for_that_client(
    as_user, therapist, other_therapist, client_user
):
    replace_therapist(client_user, other_therapist)
    browser = as_user(therapist)
    assert browser.get(reverse("round_new", args=[client_user.pk])).status_code == 404
    assert open_round(browser, client_user).status_code == 404
    assert not Round.objects.exists()


def test_new_round_from_previous_starts_both_drafts_with_the_agreed_goals(
    as_user, build_round, therapist, client_user
):
    previous = build_round(
        client_goals=["Excellent grades at work and school", "Cope with rejection"],
        therapist_goals=["Learn to sit with failure quietly", "Sleep eight hours"],
        reveal=True,
    )
    decisions = {
        "Excellent grades at work and school": ("keep", ""),
        "Cope with rejection": ("drop", ""),
        "Learn to sit with failure quietly": ("revise", "Recover faster after setbacks"),
        "Sleep eight hours": ("differ", ""),
    }
    for title, (decision, new_title) in decisions.items():
        res = propose(
            therapist, previous, key_of(goal_titled(previous, title)), decision, new_title
        )
        confirm(client_user, previous, res)
    close(therapist, previous)

    browser = as_user(therapist)
    response = open_round(browser, client_user, title="Week 8 review", from_previous=True)
    new = Round.objects.get(title="Week 8 review")
    assert new.previous == previous
    for side in (Side.CLIENT, Side.THERAPIST):
        titles = sorted(Goal.objects.filter(round=new, side=side).values_list("title", flat=True))
        assert titles == ["Excellent grades at work and school", "Recover faster after setbacks"]
    page = html_of(browser.get(response["Location"]))
    assert 'value="Recover faster after setbacks"' in page
    assert 'value="Excellent grades at work and school"' in page
    assert "Cope with rejection" not in page
    assert "Sleep eight hours" not in page
    client_page = html_of(as_user(client_user).get(response["Location"]))
    assert 'value="Recover faster after setbacks"' in client_page


def test_new_round_without_from_previous_starts_empty(
    as_user, closed_round, therapist, client_user
):
    open_round(as_user(therapist), client_user, title="Fresh start")
    new = Round.objects.get(title="Fresh start")
    assert new.previous is None
    assert not Goal.objects.filter(round=new).exists()


def test_asking_to_open_a_second_round_leads_to_the_open_one(
    as_user, therapist, client_user, drafting_round
):
    response = as_user(therapist).get(reverse("round_new", args=[client_user.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("round_detail", args=[drafting_round.pk])
    assert "is still open: finish it first" in html_of(response)


def test_starting_from_agreed_goals_is_offered_only_after_a_closed_round(
    as_user, therapist, client_user, closed_round
):
    browser = as_user(therapist)
    page = html_of(browser.get(reverse("round_new", args=[client_user.pk])))
    assert "Start from the agreed goals of the client&#x27;s last closed round" in page


def test_first_round_does_not_offer_to_start_from_agreed_goals(as_user, therapist, client_user):
    page = html_of(as_user(therapist).get(reverse("round_new", args=[client_user.pk])))
    assert "Name of the round" in page
    assert "Start from the agreed goals" not in page
