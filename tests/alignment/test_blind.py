"""Independence first: neither side sees a word of the other's draft until both have
submitted; then both lists are shown together and frozen."""

import pytest
from django.urls import reverse

from alignment.models import Comment, OverboardLabel, Resolution, Side
from alignment.services import GoalRow
from tests.alignment.conftest import (
    CLIENT_GOALS,
    THERAPIST_GOALS,
    as_form_rows,
    every_post,
    goal_titled,
    html_of,
    key_of,
    label,
    new_token,
    submit,
    write_goals,
)

HOME = reverse("home")
CLIENT_SECRETS = (*CLIENT_GOALS, "I would finish the degree by June")
THERAPIST_SECRETS = (*THERAPIST_GOALS, "She stops re-reading every email", "Own label reason")


@pytest.fixture
def blind_round(drafting_round, therapist, client_user):
    """Both drafts have a success text; the therapist also labelled their own goal."""
    for user, side, success in (
        (client_user, Side.CLIENT, "I would finish the degree by June"),
        (therapist, Side.THERAPIST, "She stops re-reading every email"),
    ):
        goals = [
            GoalRow(g["goal_id"], g["title"], success, g["area"], g["importance"])
            for g in as_form_rows(drafting_round, side)
        ]
        write_goals(user, drafting_round, goals)
    own = goal_titled(drafting_round, THERAPIST_GOALS[0])
    label(therapist, drafting_round, own, reason="Own label reason")
    return drafting_round


def people(everyone, side):
    """(the person looking, the other side's secrets)"""
    if side == Side.CLIENT:
        return everyone["client_user"], THERAPIST_SECRETS
    return everyone["therapist"], CLIENT_SECRETS


def assert_blind(html, secrets, where):
    for text in secrets:
        assert text not in html, (where, text)


@pytest.mark.parametrize("side", [Side.CLIENT, Side.THERAPIST])
def test_other_sides_draft_is_not_on_the_round_page_or_home_page(
    as_user, blind_round, everyone, side
):
    viewer, secrets = people(everyone, side)
    browser = as_user(viewer)
    page = html_of(browser.get(reverse("round_detail", args=[blind_round.pk])))
    assert "has not submitted yet" in page
    assert_blind(page, secrets, "round page")
    assert_blind(html_of(browser.get(HOME)), secrets, "home page")


@pytest.mark.parametrize("side", [Side.CLIENT, Side.THERAPIST])
def test_other_sides_draft_stays_hidden_after_they_submit(as_user, blind_round, everyone, side):
    other = everyone["therapist"] if side == Side.CLIENT else everyone["client_user"]
    submit(other, blind_round)
    viewer, secrets = people(everyone, side)
    browser = as_user(viewer)
    page = html_of(browser.get(reverse("round_detail", args=[blind_round.pk])))
    assert f"{other.full_name} has submitted their goals." in page
    assert_blind(page, secrets, "round page")
    assert_blind(html_of(browser.get(HOME)), secrets, "home page")


def test_own_draft_is_shown_to_its_writer(as_user, blind_round, client_user):
    page = html_of(as_user(client_user).get(reverse("round_detail", args=[blind_round.pk])))
    for title in CLIENT_GOALS:
        assert f'value="{title}"' in page


@pytest.mark.parametrize("other_submitted", [False, True])
@pytest.mark.parametrize("side", [Side.CLIENT, Side.THERAPIST])
def test_no_action_during_drafting_answers_with_the_other_sides_draft(
    as_user, blind_round, everyone, side, other_submitted
):
    viewer, secrets = people(everyone, side)
    if other_submitted:
        submit(
            everyone["therapist"] if side == Side.CLIENT else everyone["client_user"], blind_round
        )
    browser = as_user(viewer)
    for name, url, data in every_post(blind_round):
        for headers in ({}, {"HX-Request": "true"}):
            response = browser.post(url, data, headers=headers, follow=True)
            assert_blind(html_of(response), secrets, (name, headers))


def test_discussion_posts_with_htmx_during_drafting_never_show_the_other_draft(
    as_user, blind_round, client_user
):
    browser = as_user(client_user)
    theirs = goal_titled(blind_round, THERAPIST_GOALS[1])
    mine = goal_titled(blind_round, CLIENT_GOALS[0])
    hx = {"HX-Request": "true"}
    posts = [
        (
            reverse("label_create", args=[blind_round.pk, mine.pk]),
            {"kind": "other", "reason": "Hm"},
        ),
        (
            reverse("comment_create", args=[blind_round.pk]),
            {"item": key_of(theirs), "body": "Peek?", "form_token": new_token()},
        ),
        (
            reverse("resolution_propose", args=[blind_round.pk]),
            {"item": key_of(theirs), "decision": "keep", "form_token": new_token()},
        ),
        (reverse("round_close", args=[blind_round.pk]), {"confirmed": "1"}),
    ]
    for url, data in posts:
        response = browser.post(url, data, headers=hx, follow=True)
        assert response.status_code in (200, 400, 409), url
        assert_blind(html_of(response), THERAPIST_SECRETS, url)
    assert not Comment.objects.exists()
    assert not Resolution.objects.exists()


def test_goal_form_errors_during_drafting_never_show_the_other_draft(
    as_user, post_goals, blind_round, client_user
):
    as_user(client_user)
    bad = post_goals(blind_round, [{"title": "x" * 201}], side=Side.CLIENT)
    assert bad.status_code == 400
    assert_blind(html_of(bad), THERAPIST_SECRETS, "invalid form")
    stale = post_goals(blind_round, [{"title": "Mine"}], side=Side.CLIENT, version=0)
    assert stale.status_code == 409
    assert_blind(html_of(stale), THERAPIST_SECRETS, "stale draft")


def test_labelling_the_other_sides_goal_before_the_reveal_is_not_found(
    as_user, blind_round, client_user
):
    theirs = goal_titled(blind_round, THERAPIST_GOALS[1])
    response = as_user(client_user).post(
        reverse("label_create", args=[blind_round.pk, theirs.pk]),
        {"kind": "other", "reason": "I guessed the id.", "form_token": new_token()},
    )
    assert response.status_code == 404
    assert not OverboardLabel.objects.filter(goal=theirs, placed_by=client_user).exists()


def test_withdrawing_the_other_sides_label_before_the_reveal_is_not_found(
    as_user, blind_round, client_user
):
    their_label = OverboardLabel.objects.get(reason="Own label reason")
    response = as_user(client_user).post(
        reverse("label_withdraw", args=[blind_round.pk, their_label.pk])
    )
    assert response.status_code == 404
    their_label.refresh_from_db()
    assert their_label.is_open


def test_linking_before_the_reveal_is_not_found(as_user, blind_round, client_user):
    response = as_user(client_user).post(
        reverse("link_create", args=[blind_round.pk]),
        {
            "client_goal": goal_titled(blind_round, CLIENT_GOALS[0]).pk,
            "therapist_goal": goal_titled(blind_round, THERAPIST_GOALS[0]).pk,
        },
    )
    assert response.status_code == 404


def test_own_goal_can_be_labelled_while_drafting(as_user, blind_round, client_user):
    mine = goal_titled(blind_round, CLIENT_GOALS[1])
    browser = as_user(client_user)
    response = browser.post(
        reverse("label_create", args=[blind_round.pk, mine.pk]),
        {"kind": "too_hard", "reason": "Maybe I push too hard.", "form_token": new_token()},
        follow=True,
    )
    assert "Maybe I push too hard." in html_of(response)
    assert OverboardLabel.objects.filter(goal=mine, placed_by=client_user).exists()


@pytest.mark.parametrize("side", [Side.CLIENT, Side.THERAPIST])
def test_after_both_submit_both_lists_are_shown(as_user, blind_round, everyone, side):
    submit(everyone["client_user"], blind_round)
    submit(everyone["therapist"], blind_round)
    viewer, _ = people(everyone, side)
    url = reverse("round_detail", args=[blind_round.pk])
    page = html_of(as_user(viewer).get(url + "?open=all"))
    for text in (*CLIENT_SECRETS, *THERAPIST_SECRETS):
        assert text in page, text
    assert "Agenda" in page
