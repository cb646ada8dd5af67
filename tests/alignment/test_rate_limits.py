"""Comments, proposals and labels are limited per person and per address, with a clear 429."""

import re

import pytest
from django.urls import reverse

from alignment.models import Comment, OverboardLabel, Resolution
from tests.alignment.conftest import CLIENT_GOALS, THERAPIST_GOALS, goal_titled, key_of, new_token


@pytest.fixture
def limits(settings):
    def set_limits(**changed):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, **changed}

    return set_limits


def post_comment(browser, round_, body, ip="127.0.0.1"):
    goal = goal_titled(round_, THERAPIST_GOALS[0])
    return browser.post(
        reverse("comment_create", args=[round_.pk]),
        {"item": key_of(goal), "body": body, "form_token": new_token()},
        REMOTE_ADDR=ip,
    )


def assert_says_when_to_try_again(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    page = response.content.decode()
    assert re.search(r"You can try again in \d+ minutes?\.", page)
    assert "was not saved" in page


def test_comments_are_limited_per_person(client, revealed_round, therapist, client_user, limits):
    limits(comment_user=(2, 600))
    client.force_login(therapist)
    for number in range(2):
        assert post_comment(client, revealed_round, f"Thought {number}").status_code == 302
    assert_says_when_to_try_again(post_comment(client, revealed_round, "One too many"))
    assert Comment.objects.count() == 2
    # The limit is the therapist's: the client can still answer.
    client.force_login(client_user)
    assert post_comment(client, revealed_round, "My answer").status_code == 302


def test_comments_are_limited_per_address(client, revealed_round, therapist, client_user, limits):
    limits(comment_ip=(2, 600))
    client.force_login(therapist)
    post_comment(client, revealed_round, "From the shared address", ip="203.0.113.9")
    client.force_login(client_user)
    post_comment(client, revealed_round, "Also from it", ip="203.0.113.9")
    assert_says_when_to_try_again(post_comment(client, revealed_round, "x", ip="203.0.113.9"))
    assert post_comment(client, revealed_round, "From home", ip="198.51.100.1").status_code == 302


def test_proposals_are_limited_per_person(client, revealed_round, therapist, limits):
    limits(proposal_user=(1, 600))
    client.force_login(therapist)
    url = reverse("resolution_propose", args=[revealed_round.pk])
    goal = goal_titled(revealed_round, CLIENT_GOALS[0])
    data = {"item": key_of(goal), "decision": "keep", "new_title": ""}
    assert client.post(url, data).status_code == 302
    assert_says_when_to_try_again(client.post(url, {**data, "decision": "drop"}))
    assert Resolution.objects.get().decision == "keep"


def test_labels_are_limited_per_person(client, revealed_round, client_user, limits):
    limits(label_user=(1, 600))
    client.force_login(client_user)
    first, second = (goal_titled(revealed_round, title) for title in THERAPIST_GOALS)

    def place(goal):
        return client.post(
            reverse("label_create", args=[revealed_round.pk, goal.pk]),
            {"kind": "unrealistic", "reason": "Not for me.", "form_token": new_token()},
        )

    assert place(first).status_code == 302
    assert_says_when_to_try_again(place(second))
    assert OverboardLabel.objects.count() == 1
