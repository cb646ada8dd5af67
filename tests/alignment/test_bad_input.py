"""Bad input: each case gets a message that says what to do, and nothing else changes."""

import pytest
from django.urls import reverse

from alignment.models import Comment, Goal, OverboardLabel, Resolution, Side
from tests.alignment.conftest import (
    CLIENT_GOALS,
    THERAPIST_GOALS,
    actions_offered,
    as_form_rows,
    db_state,
    every_post,
    forms_posting_to,
    goal_titled,
    html_of,
    key_of,
    new_token,
    propose,
    text_of,
)

# The goal form ---------------------------------------------------------------------------


def post_edited(post_goals, round_, **changes):
    """Post the client's saved draft with the first goal changed as given."""
    goals = as_form_rows(round_, Side.CLIENT)
    goals[0].update(changes)
    return post_goals(round_, goals, side=Side.CLIENT)


@pytest.fixture
def as_client_drafting(as_user, client_user, drafting_round):
    as_user(client_user)
    return drafting_round


def test_goal_longer_than_200_characters_is_refused(as_client_drafting, post_goals):
    before = db_state()
    response = post_edited(post_goals, as_client_drafting, title="x" * 201)
    assert response.status_code == 400
    assert "Keep the goal to 200 characters (it has 201)." in html_of(response)
    assert db_state() == before


def test_goal_of_exactly_200_characters_is_saved(as_client_drafting, post_goals):
    response = post_edited(post_goals, as_client_drafting, title="y" * 200)
    assert response.status_code == 302
    assert Goal.objects.filter(title="y" * 200).exists()


def test_success_longer_than_2000_characters_is_refused(as_client_drafting, post_goals):
    before = db_state()
    response = post_edited(post_goals, as_client_drafting, success="s" * 2001)
    assert response.status_code == 400
    assert "Keep this to 2,000 characters (it has 2001)." in html_of(response)
    assert db_state() == before


def test_emptied_goal_title_is_refused(as_client_drafting, post_goals):
    before = db_state()
    response = post_edited(post_goals, as_client_drafting, title="")
    assert response.status_code == 400
    assert "Write the goal in a few words, or remove this row." in html_of(response)
    assert db_state() == before


def test_new_goal_with_success_but_no_title_is_refused(as_client_drafting, post_goals):
    before = db_state()
    goals = [*as_form_rows(as_client_drafting, Side.CLIENT), {"success": "I would sleep"}]
    response = post_goals(as_client_drafting, goals, side=Side.CLIENT)
    assert response.status_code == 400
    assert "Write the goal in a few words, or remove this row." in html_of(response)
    assert db_state() == before


def test_an_eleventh_goal_is_refused(as_client_drafting, post_goals):
    goals = [{"title": f"Goal number {n}"} for n in range(1, 12)]
    before = db_state()
    response = post_goals(as_client_drafting, goals, side=Side.CLIENT)
    assert response.status_code == 400
    assert "You can write at most 10 goals. Remove one to add another." in html_of(response)
    assert db_state() == before


def test_ten_goals_are_accepted(as_client_drafting, post_goals):
    goals = [{"title": f"Goal number {n}"} for n in range(1, 11)]
    response = post_goals(as_client_drafting, goals, side=Side.CLIENT)
    assert response.status_code == 302
    assert Goal.objects.filter(round=as_client_drafting, side=Side.CLIENT).count() == 10


@pytest.mark.parametrize("importance", ["0", "6", "abc"])
def test_importance_outside_1_to_5_is_refused(as_client_drafting, post_goals, importance):
    before = db_state()
    response = post_edited(post_goals, as_client_drafting, importance=importance)
    assert response.status_code == 400
    assert "Choose an importance from 1 to 5." in html_of(response)
    assert db_state() == before


def test_unknown_life_area_is_refused(as_client_drafting, post_goals):
    before = db_state()
    response = post_edited(post_goals, as_client_drafting, area="astrology")
    assert response.status_code == 400
    assert "Choose one of the life areas in the list." in html_of(response)
    assert db_state() == before


def test_what_was_typed_stays_in_the_form_after_an_error(as_client_drafting, post_goals):
    response = post_edited(
        post_goals, as_client_drafting, title="Kept after the error", importance="9"
    )
    assert 'value="Kept after the error"' in html_of(response)


def test_saving_a_goal_of_the_other_side_by_its_id_changes_nothing(as_client_drafting, post_goals):
    theirs = goal_titled(as_client_drafting, THERAPIST_GOALS[0])
    before = db_state()
    response = post_goals(
        as_client_drafting,
        [{"goal_id": theirs.pk, "title": "Overwritten by the client"}],
        side=Side.CLIENT,
    )
    assert response.status_code == 409
    assert "One of these goals no longer exists. Reload the page." in html_of(response)
    assert db_state() == before


# Closed rounds ---------------------------------------------------------------------------


@pytest.fixture
def closed_discussed_round(discussed_round, therapist):
    from tests.alignment.conftest import close

    close(therapist, discussed_round)
    return discussed_round


@pytest.mark.parametrize("who", ["therapist", "client_user"])
def test_every_action_on_a_closed_round_is_refused_and_changes_nothing(
    as_user, closed_discussed_round, everyone, who
):
    browser = as_user(everyone[who])
    posts = every_post(closed_discussed_round)
    assert len(posts) == 10
    for name, url, data in posts:
        before = db_state()
        response = browser.post(url, data, follow=True)
        assert response.status_code in (200, 409), name
        expected = "This round is closed, so it can no longer be changed."
        if name == "round_close" and who == "client_user":
            expected = "Only the therapist can close a round."
        assert expected in html_of(response), name
        assert db_state() == before, name


def test_closed_round_page_offers_no_forms(as_user, closed_discussed_round, client_user):
    page = html_of(
        as_user(client_user).get(reverse("round_detail", args=[closed_discussed_round.pk]))
    )
    assert "closed" in page
    assert forms_posting_to(page, closed_discussed_round) == set()


def test_open_round_page_offers_the_client_its_forms(as_user, discussed_round, client_user):
    assert actions_offered(as_user(client_user), discussed_round) >= {
        "label_create",
        "comment_create",
        "resolution_propose",
        "resolution_confirm",
        "link_remove",
    }


# Labels ----------------------------------------------------------------------------------


def label_url(round_, goal):
    return reverse("label_create", args=[round_.pk, goal.pk])


def test_labelling_a_goal_of_another_round_is_not_found(
    as_user, revealed_round, build_round, other_therapist, other_client, client_user
):
    elsewhere = build_round(
        therapist_user=other_therapist,
        client=other_client,
        client_goals=["Someone else's goal"],
        therapist_goals=["Their therapist's goal"],
        reveal=True,
    )
    stranger_goal = goal_titled(elsewhere, "Someone else's goal")
    before = db_state()
    response = as_user(client_user).post(
        label_url(revealed_round, stranger_goal),
        {"kind": "other", "reason": "Not mine to label.", "form_token": new_token()},
    )
    assert response.status_code == 404
    assert db_state() == before


def test_label_without_a_reason_is_refused(as_user, revealed_round, client_user):
    goal = goal_titled(revealed_round, THERAPIST_GOALS[0])
    before = db_state()
    response = as_user(client_user).post(
        label_url(revealed_round, goal), {"kind": "not_wanted", "reason": "", "form_token": ""}
    )
    assert response.status_code == 400
    page = html_of(response)
    assert "The label was not placed: see the form below." in page
    assert "Give a reason in words: the other person needs to understand it." in page
    assert db_state() == before


def test_label_with_only_spaces_as_reason_is_refused(as_user, revealed_round, client_user):
    goal = goal_titled(revealed_round, THERAPIST_GOALS[0])
    response = as_user(client_user).post(
        label_url(revealed_round, goal), {"kind": "not_wanted", "reason": "   \n "}
    )
    assert response.status_code == 400
    assert not OverboardLabel.objects.exists()


def test_label_without_a_kind_is_refused(as_user, revealed_round, client_user):
    goal = goal_titled(revealed_round, THERAPIST_GOALS[0])
    response = as_user(client_user).post(
        label_url(revealed_round, goal), {"kind": "", "reason": "Because."}
    )
    assert response.status_code == 400
    assert "Choose what kind of overboard this is." in html_of(response)
    assert not OverboardLabel.objects.exists()


def test_label_placed_twice_leaves_one_open_label(as_user, revealed_round, client_user):
    goal = goal_titled(revealed_round, THERAPIST_GOALS[0])
    browser = as_user(client_user)
    data = {"kind": "not_wanted", "reason": "Not why I came.", "form_token": new_token()}
    browser.post(label_url(revealed_round, goal), data)
    second = browser.post(label_url(revealed_round, goal), data, follow=True)
    assert "You have already labelled this goal overboard. Withdraw that label first." in html_of(
        second
    )
    assert OverboardLabel.objects.filter(goal=goal, withdrawn_at__isnull=True).count() == 1


# Comments --------------------------------------------------------------------------------


def comment_on(browser, round_, key, body, token=None):
    return browser.post(
        reverse("comment_create", args=[round_.pk]),
        {"item": key, "body": body, "form_token": token or new_token()},
        follow=True,
    )


def test_comment_sent_twice_is_posted_once(as_user, revealed_round, client_user):
    browser = as_user(client_user)
    key = key_of(goal_titled(revealed_round, THERAPIST_GOALS[0]))
    token = new_token()
    comment_on(browser, revealed_round, key, "Why this one?", token)
    second = comment_on(browser, revealed_round, key, "Why this one?", token)
    assert "This comment was already posted (the form was sent twice)." in html_of(second)
    assert Comment.objects.filter(body="Why this one?").count() == 1


def test_empty_comment_is_refused(as_user, revealed_round, client_user):
    key = key_of(goal_titled(revealed_round, THERAPIST_GOALS[0]))
    response = comment_on(as_user(client_user), revealed_round, key, "")
    assert response.status_code == 400
    assert "Write something before posting." in html_of(response)
    assert not Comment.objects.exists()


def test_comment_longer_than_2000_characters_is_refused(as_user, revealed_round, client_user):
    key = key_of(goal_titled(revealed_round, THERAPIST_GOALS[0]))
    response = comment_on(as_user(client_user), revealed_round, key, "c" * 2001)
    assert response.status_code == 400
    assert "Keep a comment to 2,000 characters (it has 2001)." in html_of(response)
    assert not Comment.objects.exists()


def test_comment_on_an_item_that_is_not_on_the_agenda_is_refused(
    as_user, revealed_round, client_user
):
    response = comment_on(as_user(client_user), revealed_round, "g999999", "Hello?")
    assert "This item changed since you loaded the page" in html_of(response)
    assert not Comment.objects.exists()


# Resolutions -----------------------------------------------------------------------------


def propose_on(browser, round_, key, decision, new_title="", token=None):
    return browser.post(
        reverse("resolution_propose", args=[round_.pk]),
        {"item": key, "decision": decision, "new_title": new_title, "form_token": token or ""},
        follow=True,
    )


def test_revise_without_new_wording_is_refused(as_user, revealed_round, client_user):
    key = key_of(goal_titled(revealed_round, THERAPIST_GOALS[0]))
    response = propose_on(as_user(client_user), revealed_round, key, "revise", "  ")
    assert response.status_code == 400
    page = html_of(response)
    assert "The proposal was not sent: see the form below." in page
    assert "Write the new wording you propose." in page
    assert not Resolution.objects.exists()


def test_unknown_decision_is_refused(as_user, revealed_round, client_user):
    key = key_of(goal_titled(revealed_round, THERAPIST_GOALS[0]))
    response = propose_on(as_user(client_user), revealed_round, key, "ignore")
    assert response.status_code == 400
    assert not Resolution.objects.exists()


def test_proposal_sent_twice_is_recorded_once(as_user, revealed_round, client_user):
    browser = as_user(client_user)
    key = key_of(goal_titled(revealed_round, THERAPIST_GOALS[0]))
    token = new_token()
    propose_on(browser, revealed_round, key, "revise", "Recover after setbacks", token)
    second = propose_on(browser, revealed_round, key, "revise", "Recover after setbacks", token)
    assert "This proposal was already sent (the form was sent twice)." in html_of(second)
    assert Resolution.objects.count() == 1
    assert Resolution.objects.get().superseded_at is None


def test_confirming_your_own_proposal_is_refused(as_user, revealed_round, client_user):
    key = key_of(goal_titled(revealed_round, CLIENT_GOALS[0]))
    resolution = propose(client_user, revealed_round, key, "keep")
    before = db_state()
    response = as_user(client_user).post(
        reverse("resolution_confirm", args=[revealed_round.pk, resolution.pk]), follow=True
    )
    assert "You cannot confirm your own proposal: the other side confirms it." in html_of(response)
    assert db_state() == before


def test_confirming_twice_says_it_is_already_confirmed(
    as_user, revealed_round, client_user, therapist
):
    key = key_of(goal_titled(revealed_round, CLIENT_GOALS[0]))
    resolution = propose(client_user, revealed_round, key, "keep")
    browser = as_user(therapist)
    url = reverse("resolution_confirm", args=[revealed_round.pk, resolution.pk])
    browser.post(url)
    confirmed = Resolution.objects.get()
    second = browser.post(url, follow=True)
    assert "This resolution is already confirmed." in html_of(second)
    assert Resolution.objects.get().confirmed_at == confirmed.confirmed_at


# Links -----------------------------------------------------------------------------------


def test_linking_two_client_goals_is_refused(as_user, revealed_round, client_user):
    c0, c1 = (goal_titled(revealed_round, t) for t in CLIENT_GOALS)
    before = db_state()
    response = as_user(client_user).post(
        reverse("link_create", args=[revealed_round.pk]),
        {"client_goal": c0.pk, "therapist_goal": c1.pk},
        follow=True,
    )
    assert "A link joins one of the client's goals with one of the therapist's." in text_of(
        response
    )
    assert db_state() == before


def test_linking_a_goal_that_is_already_linked_is_refused(as_user, discussed_round, client_user):
    c0 = goal_titled(discussed_round, CLIENT_GOALS[0])
    t1 = goal_titled(discussed_round, THERAPIST_GOALS[1])
    before = db_state()
    response = as_user(client_user).post(
        reverse("link_create", args=[discussed_round.pk]),
        {"client_goal": c0.pk, "therapist_goal": t1.pk},
        follow=True,
    )
    assert "One of these goals is already linked to another. Unlink it first." in html_of(response)
    assert db_state() == before
