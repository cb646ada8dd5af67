"""The "whose move" line: on the round page and on the home page, each person is told what
to do next, or whom they are waiting for."""

import re

import pytest
from django.urls import reverse

from alignment.models import Resolution
from tests.alignment.conftest import confirm, html_of, key_of, label, propose, submit, text_of

HOME = reverse("home")


def move_line(page):
    """The text of the "Your turn / Not your turn" box on the round page."""
    match = re.search(r'<div class="[^"]*\bmove\b[^"]*"[^>]*>(.*?)</div>', page, re.S)
    assert match, "no move line on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def round_and_home(browser, round_):
    page = text_of(browser.get(reverse("round_detail", args=[round_.pk])))
    home = text_of(browser.get(HOME))
    return move_line(page), home


@pytest.mark.parametrize("who", ["client_user", "therapist"])
def test_nobody_submitted_everyone_is_asked_to_write(as_user, drafting_round, everyone, who):
    line, home = round_and_home(as_user(everyone[who]), drafting_round)
    assert "Write and submit your goals." in line
    assert "Write and submit your goals." in home


def test_after_submitting_the_client_waits_for_the_therapist(
    as_user, build_round, client_user, therapist
):
    round_ = build_round(submitted=("client",))
    line, home = round_and_home(as_user(client_user), round_)
    assert "Waiting for Dr. Chen to submit their goals." in line
    assert "Waiting for Dr. Chen to submit their goals." in home
    line, home = round_and_home(as_user(therapist), round_)
    assert "Write and submit your goals." in line
    assert "Write and submit your goals." in home


def test_after_submitting_the_therapist_waits_for_the_client(as_user, build_round, therapist):
    round_ = build_round(submitted=("therapist",))
    line, home = round_and_home(as_user(therapist), round_)
    assert "Waiting for Maya Rivera to submit their goals." in line
    assert "Waiting for Maya Rivera to submit their goals." in home


def test_client_is_asked_to_respond_to_a_label_and_confirm_a_resolution(
    as_user, discussed_round, client_user
):
    line, home = round_and_home(as_user(client_user), discussed_round)
    assert "Your move:" in line
    assert "respond to 1 label" in line
    assert "confirm 1 resolution" in line
    assert "respond to 1 label" in home
    assert "confirm 1 resolution" in home


def test_therapist_has_no_label_to_answer_and_nothing_to_confirm(
    as_user, discussed_round, therapist
):
    line, home = round_and_home(as_user(therapist), discussed_round)
    assert "respond to" not in line
    assert "confirm 1 resolution" not in line
    assert "propose how to resolve" in line
    assert "respond to" not in home


def test_label_counts_as_answered_once_a_resolution_is_proposed(
    as_user, discussed_round, client_user, therapist
):
    labelled = discussed_round.goals.get(labels__isnull=False)
    propose(client_user, discussed_round, key_of(labelled), "revise", "Good grades, rested")
    line, _ = round_and_home(as_user(client_user), discussed_round)
    assert "respond to" not in line
    line, home = round_and_home(as_user(therapist), discussed_round)
    assert "confirm 1 resolution" in line
    assert "confirm 1 resolution" in home


def test_when_everything_is_resolved_the_therapist_is_asked_to_close(
    as_user, revealed_round, client_user, therapist
):
    for goal in revealed_round.goals.all():
        resolution = propose(therapist, revealed_round, key_of(goal), "keep")
        confirm(client_user, revealed_round, resolution)
    assert Resolution.objects.filter(confirmed_at__isnull=False).count() == 4
    line, _ = round_and_home(as_user(therapist), revealed_round)
    assert "Every item is resolved: close the round when you are both ready." in line
    line, home = round_and_home(as_user(client_user), revealed_round)
    assert "Every item is resolved. Dr. Chen can close the round." in line
    assert "Every item is resolved. Dr. Chen can close the round." in home


def test_waiting_for_the_other_side_to_confirm(as_user, revealed_round, client_user):
    for goal in revealed_round.goals.all():
        propose(client_user, revealed_round, key_of(goal), "keep")
    line, home = round_and_home(as_user(client_user), revealed_round)
    assert "Waiting for Dr. Chen to confirm your proposals." in line
    assert "Waiting for Dr. Chen to confirm your proposals." in home


def test_home_page_links_each_round(as_user, drafting_round, client_user):
    home = html_of(as_user(client_user).get(HOME))
    assert f'href="/rounds/{drafting_round.pk}/"' in home


def test_submit_moves_the_turn(as_user, drafting_round, client_user, therapist):
    submit(client_user, drafting_round)
    submit(therapist, drafting_round)
    line, _ = round_and_home(as_user(client_user), drafting_round)
    assert "Your move: propose how to resolve 4 items." in line


def test_therapist_is_asked_to_respond_when_the_client_labels_their_goal(
    as_user, revealed_round, client_user, therapist
):
    theirs = revealed_round.goals.filter(side="therapist").first()
    label(client_user, revealed_round, theirs, reason="Not what I came for.")
    line, home = round_and_home(as_user(therapist), revealed_round)
    assert "respond to 1 label" in line
    assert "respond to 1 label" in home
    line, _ = round_and_home(as_user(client_user), revealed_round)
    assert "respond to" not in line
