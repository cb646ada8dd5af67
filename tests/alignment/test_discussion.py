"""After the reveal: overboard labels, links, comments, resolutions, the agreed goals, and
closing the round. Plain POSTs redirect; htmx POSTs get the #discussion partial back."""

import re

import pytest
from django.urls import reverse

from alignment.models import Comment, Link, OverboardLabel, Resolution, Round
from tests.alignment.conftest import (
    CLIENT_GOALS,
    THERAPIST_GOALS,
    confirm,
    db_state,
    forms_posting_to,
    goal_titled,
    html_of,
    key_of,
    new_token,
    propose,
    text_of,
)

HX = {"HX-Request": "true"}
PROMINENT = re.compile(
    r'<div class="overboard-label alert alert-warning label-on-mine.*?</div>', re.S
)
REASON = "Perfect grades and full-time work at once burn you out."


def detail(round_):
    """The round page with every agenda item unfolded."""
    return reverse("round_detail", args=[round_.pk]) + "?open=all"


def agreed_section(page):
    match = re.search(r'<section class="card mb-4 agreed".*?</section>', page, re.S)
    assert match, "no Agreed goals section"
    return match.group(0)


# Overboard labels ---------------------------------------------------------------------------


def test_therapists_label_on_a_clients_goal_is_shown_to_the_client_prominently(
    as_user, discussed_round, client_user
):
    page = html_of(as_user(client_user).get(detail(discussed_round)))
    assert "Dr. Chen (therapist) thinks your goal is overboard" in page
    assert f"“{REASON}”" in page
    prominent = re.search(
        r'<div class="overboard-label alert alert-warning label-on-mine".*?</div>', page, re.S
    )
    assert prominent and "Dr. Chen" in prominent.group(0) and REASON in prominent.group(0)


def test_therapist_sees_their_own_label_as_placed_by_them(as_user, discussed_round, therapist):
    page = html_of(as_user(therapist).get(detail(discussed_round)))
    assert "Labelled overboard by Dr. Chen (therapist)" in page
    assert REASON in page
    assert "thinks your goal is overboard" not in page


def test_client_labels_a_therapist_goal_and_both_see_who_and_why(
    as_user, revealed_round, client_user, therapist
):
    goal = goal_titled(revealed_round, THERAPIST_GOALS[0])
    response = as_user(client_user).post(
        reverse("label_create", args=[revealed_round.pk, goal.pk]),
        {"kind": "not_wanted", "reason": "I came to keep trying.", "form_token": new_token()},
        follow=True,
    )
    page = html_of(response)
    assert "Label placed. The other side will see who placed it and why." in page
    assert "I came to keep trying." in page
    created = OverboardLabel.objects.get()
    assert (created.goal, created.placed_by, created.by_side) == (goal, client_user, "client")
    therapist_page = html_of(as_user(therapist).get(detail(revealed_round)))
    assert "Maya Rivera (client) thinks your goal is overboard" in therapist_page
    assert "not what I want from therapy" in therapist_page
    assert "I came to keep trying." in therapist_page


def test_labeller_withdraws_and_the_label_stays_visible_as_withdrawn(
    as_user, discussed_round, therapist, client_user
):
    placed = OverboardLabel.objects.get()
    response = as_user(therapist).post(
        reverse("label_withdraw", args=[discussed_round.pk, placed.pk]), follow=True
    )
    assert "Label withdrawn. It stays in the history as withdrawn." in html_of(response)
    placed.refresh_from_db()
    assert placed.withdrawn_at is not None
    page = html_of(as_user(client_user).get(detail(discussed_round)))
    withdrawn = re.search(r'<p class="small text-body-secondary withdrawn-label.*?</p>', page, re.S)
    assert withdrawn, "withdrawn label not shown"
    assert "Dr. Chen" in withdrawn.group(0)
    assert REASON in withdrawn.group(0)
    assert "withdrawn" in withdrawn.group(0)
    assert "thinks your goal is overboard" not in page


def test_only_the_labeller_can_withdraw_a_label(as_user, discussed_round, client_user):
    placed = OverboardLabel.objects.get()
    browser = as_user(client_user)
    assert "Withdraw my label" not in html_of(browser.get(detail(discussed_round)))
    before = db_state()
    response = browser.post(
        reverse("label_withdraw", args=[discussed_round.pk, placed.pk]), follow=True
    )
    assert "Only the person who placed a label can withdraw it." in html_of(response)
    assert db_state() == before


def test_labeller_sees_the_withdraw_button(as_user, discussed_round, therapist):
    assert "Withdraw my label" in html_of(as_user(therapist).get(detail(discussed_round)))


def test_a_withdrawn_label_cannot_be_withdrawn_again(as_user, discussed_round, therapist):
    placed = OverboardLabel.objects.get()
    browser = as_user(therapist)
    url = reverse("label_withdraw", args=[discussed_round.pk, placed.pk])
    browser.post(url)
    first = OverboardLabel.objects.get().withdrawn_at
    response = browser.post(url, follow=True)
    assert "This label was already withdrawn." in html_of(response)
    assert OverboardLabel.objects.get().withdrawn_at == first


def test_label_placed_with_htmx_returns_the_discussion_partial(
    as_user, revealed_round, client_user
):
    goal = goal_titled(revealed_round, THERAPIST_GOALS[1])
    response = as_user(client_user).post(
        reverse("label_create", args=[revealed_round.pk, goal.pk]),
        {"kind": "unrealistic", "reason": "Nobody drops all of them.", "form_token": new_token()},
        headers=HX,
    )
    page = html_of(response)
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="discussion">')
    assert "<html" not in page
    assert "Label placed." in page
    assert "Nobody drops all of them." in page


def test_refusal_with_htmx_comes_back_as_the_partial_with_the_message(
    as_user, discussed_round, client_user
):
    placed = OverboardLabel.objects.get()
    response = as_user(client_user).post(
        reverse("label_withdraw", args=[discussed_round.pk, placed.pk]), headers=HX
    )
    page = html_of(response)
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="discussion">')
    assert "Only the person who placed a label can withdraw it." in page
    assert OverboardLabel.objects.get().is_open


def test_label_form_error_with_htmx_keeps_what_was_typed(as_user, revealed_round, client_user):
    goal = goal_titled(revealed_round, THERAPIST_GOALS[1])
    response = as_user(client_user).post(
        reverse("label_create", args=[revealed_round.pk, goal.pk]),
        {"kind": "", "reason": "Half-written reason"},
        headers=HX,
    )
    page = html_of(response)
    assert response.status_code == 200
    assert "Choose what kind of overboard this is." in page
    assert "Half-written reason</textarea>" in page
    assert not OverboardLabel.objects.exists()


# Links --------------------------------------------------------------------------------------


def test_client_links_two_goals_and_both_see_them_as_one_item(
    as_user, revealed_round, client_user, therapist
):
    c0 = goal_titled(revealed_round, CLIENT_GOALS[0])
    t0 = goal_titled(revealed_round, THERAPIST_GOALS[0])
    response = as_user(client_user).post(
        reverse("link_create", args=[revealed_round.pk]),
        {"client_goal": c0.pk, "therapist_goal": t0.pk},
        follow=True,
    )
    assert "Linked: these two goals now count as one shared goal." in html_of(response)
    link = Link.objects.get()
    assert (link.client_goal, link.therapist_goal, link.created_by) == (c0, t0, client_user)
    page = html_of(as_user(therapist).get(detail(revealed_round)))
    assert f'id="item-{key_of(c0, t0)}"' in page
    assert "Unlink these goals" in page


def test_unlinking_keeps_the_link_in_the_history(as_user, discussed_round, therapist):
    link = Link.objects.get()
    response = as_user(therapist).post(
        reverse("link_remove", args=[discussed_round.pk, link.pk]), follow=True
    )
    assert "Unlinked. Each goal now stands on its own." in html_of(response)
    link.refresh_from_db()
    assert (link.removed_at is not None, link.removed_by) == (True, therapist)
    page = html_of(response)
    assert f'id="item-{key_of(link.client_goal, link.therapist_goal)}"' not in page
    assert f'id="item-{key_of(link.client_goal)}"' in page


# Comments -----------------------------------------------------------------------------------


def test_comment_appears_in_the_items_thread_for_both(
    as_user, revealed_round, therapist, client_user
):
    goal = goal_titled(revealed_round, THERAPIST_GOALS[0])
    response = as_user(therapist).post(
        reverse("comment_create", args=[revealed_round.pk]),
        {"item": key_of(goal), "body": "What would sitting with it look like?", "form_token": ""},
        follow=True,
    )
    assert "Comment posted." in html_of(response)
    saved = Comment.objects.get()
    assert (saved.author, saved.by_side, saved.goal) == (therapist, "therapist", goal)
    page = html_of(as_user(client_user).get(detail(revealed_round)))
    item = page.split(f'id="item-{key_of(goal)}"')[1].split("</article>")[0]
    assert "What would sitting with it look like?" in item
    assert "Dr. Chen" in item
    assert "Comments (1)" in item


# Resolutions and agreed goals --------------------------------------------------------------


def test_proposal_shows_who_proposed_it_until_confirmed(
    as_user, revealed_round, therapist, client_user
):
    goal = goal_titled(revealed_round, CLIENT_GOALS[0])
    response = as_user(therapist).post(
        reverse("resolution_propose", args=[revealed_round.pk]),
        {"item": key_of(goal), "decision": "revise", "new_title": "Good grades, rested"},
        follow=True,
    )
    page = html_of(response)
    assert "Proposal sent. It counts once the other side confirms it." in page
    assert "proposed by Dr. Chen" in page
    assert "Waiting for Maya Rivera to confirm." in page
    client_page = html_of(as_user(client_user).get(detail(revealed_round)))
    assert "proposed by Dr. Chen" in client_page
    assert "“Good grades, rested”" in client_page
    assert ">Confirm</button>" in client_page
    assert "Good grades, rested" not in agreed_section(client_page)


def test_confirmed_keep_and_revise_form_the_agreed_goals(
    as_user, revealed_round, therapist, client_user
):
    decisions = {
        CLIENT_GOALS[0]: ("keep", ""),
        CLIENT_GOALS[1]: ("drop", ""),
        THERAPIST_GOALS[0]: ("revise", "Recover faster after setbacks"),
        THERAPIST_GOALS[1]: ("differ", ""),
    }
    browser = as_user(therapist)
    for title, (decision, new_title) in decisions.items():
        browser.post(
            reverse("resolution_propose", args=[revealed_round.pk]),
            {
                "item": key_of(goal_titled(revealed_round, title)),
                "decision": decision,
                "new_title": new_title,
                "form_token": new_token(),
            },
        )
    browser = as_user(client_user)
    for resolution in Resolution.objects.all():
        response = browser.post(
            reverse("resolution_confirm", args=[revealed_round.pk, resolution.pk]), follow=True
        )
        assert "Confirmed. This item is resolved." in html_of(response)
    assert Resolution.objects.filter(confirmed_by=client_user).count() == 4
    for person in (client_user, therapist):
        agreed = agreed_section(text_of(as_user(person).get(detail(revealed_round))))
        assert CLIENT_GOALS[0] in agreed
        assert "Recover faster after setbacks" in agreed
        assert "revised" in agreed
        for left_out in (CLIENT_GOALS[1], THERAPIST_GOALS[0], THERAPIST_GOALS[1]):
            assert left_out not in agreed, left_out


def test_agreed_goal_of_a_linked_pair_uses_the_clients_words(
    as_user, discussed_round, therapist, client_user
):
    link = Link.objects.get()
    resolution = propose(therapist, discussed_round, key_of(link.client_goal, link.therapist_goal))
    confirm(client_user, discussed_round, resolution)
    agreed = agreed_section(text_of(as_user(client_user).get(detail(discussed_round))))
    assert CLIENT_GOALS[1] in agreed
    assert THERAPIST_GOALS[1] not in agreed


def test_a_counter_proposal_replaces_the_earlier_one_in_the_history(
    as_user, discussed_round, client_user
):
    t0 = goal_titled(discussed_round, THERAPIST_GOALS[0])
    browser = as_user(client_user)
    browser.post(
        reverse("resolution_propose", args=[discussed_round.pk]),
        {"item": key_of(t0), "decision": "drop", "form_token": new_token()},
    )
    current = Resolution.objects.get(superseded_at__isnull=True)
    assert (current.decision, current.proposed_by) == ("drop", client_user)
    page = html_of(browser.get(detail(discussed_round)))
    assert "Earlier proposals" in page
    assert "proposed by Maya Rivera" in page


def test_confirming_a_replaced_proposal_is_refused(
    as_user, discussed_round, therapist, client_user
):
    old = Resolution.objects.get()
    t0 = goal_titled(discussed_round, THERAPIST_GOALS[0])
    propose(therapist, discussed_round, key_of(t0), "drop")
    before = db_state()
    response = as_user(client_user).post(
        reverse("resolution_confirm", args=[discussed_round.pk, old.pk]), follow=True
    )
    assert "This proposal was replaced by a newer one. Look at that one." in html_of(response)
    assert db_state() == before


# Closing ------------------------------------------------------------------------------------


def test_client_cannot_close_the_round(as_user, discussed_round, client_user):
    browser = as_user(client_user)
    assert "Close the round" not in html_of(browser.get(detail(discussed_round)))
    before = db_state()
    response = browser.post(
        reverse("round_close", args=[discussed_round.pk]), {"confirmed": "1"}, follow=True
    )
    assert "Only the therapist can close a round." in html_of(response)
    assert db_state() == before


def test_therapist_closes_the_round_and_it_becomes_read_only(
    as_user, discussed_round, therapist, client_user
):
    response = as_user(therapist).post(
        reverse("round_close", args=[discussed_round.pk]), {"confirmed": "1"}, follow=True
    )
    page = html_of(response)
    assert "The round is closed. Its agreed goals are its outcome." in page
    discussed_round.refresh_from_db()
    assert discussed_round.state == Round.State.CLOSED
    assert discussed_round.closed_at is not None
    client_page = html_of(as_user(client_user).get(detail(discussed_round)))
    assert "Closed. The agreed goals are the outcome of this round." in client_page
    assert "Agreed goals" in client_page
    assert forms_posting_to(client_page, discussed_round) == set()


def test_close_form_warns_about_unresolved_items(as_user, discussed_round, therapist):
    page = html_of(as_user(therapist).get(detail(discussed_round)))
    assert "3 items are not resolved yet; they will not be among the agreed goals." in page


@pytest.mark.parametrize("decision", ["drop", "differ"])
def test_dropped_or_differing_items_are_not_agreed_goals_after_closing(
    as_user, revealed_round, therapist, client_user, decision
):
    goal = goal_titled(revealed_round, CLIENT_GOALS[1])
    resolution = propose(client_user, revealed_round, key_of(goal), decision)
    confirm(therapist, revealed_round, resolution)
    as_user(therapist).post(reverse("round_close", args=[revealed_round.pk]), {"confirmed": "1"})
    page = text_of(as_user(client_user).get(detail(revealed_round)))
    assert CLIENT_GOALS[1] in page
    assert CLIENT_GOALS[1] not in agreed_section(page)
