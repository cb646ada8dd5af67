"""A goal kept or revised into the next round keeps its series; a dropped goal ends it."""

import pytest
from django.urls import reverse

from alignment import services as round_services
from alignment.models import Goal
from checkins import reading
from checkins.models import Checkin
from tests.alignment.conftest import submit
from tests.checkins.conftest import (
    close,
    confirm,
    key_of,
    link,
    open_checkin,
    propose,
    rate,
)

pytestmark = pytest.mark.django_db


def next_round_from_previous(therapist, client_user):
    """Open a round from the last agreed goals; both sides submit the prefilled goals as-is."""
    round_ = round_services.round_open(
        therapist=therapist, client_user=client_user, title="Week 8 review", from_previous=True
    )
    submit(client_user, round_)
    submit(therapist, round_)
    round_.refresh_from_db()
    return round_


def pair_up(client_user, round_):
    """Link each prefilled client goal with the therapist's goal of the same series."""
    goals = list(Goal.objects.filter(round=round_))
    pairs = []
    for mine in [g for g in goals if g.side == "client"]:
        theirs = next(g for g in goals if g.side == "therapist" and g.series_key == mine.series_key)
        link(client_user, round_, mine, theirs)
        pairs.append((mine, theirs))
    return pairs


def test_revised_goal_keeps_its_series_and_a_dropped_goal_ends_it(
    checkin, therapist, client_user, as_user
):
    rate(client_user, checkin, [4, 2])
    rate(therapist, checkin, [5, 6])
    first_keys = {g.title: g.series_key for g in checkin.goals.all()}

    round_ = next_round_from_previous(therapist, client_user)
    assert {g.series_key for g in round_.goals.all()} == set(first_keys.values())
    for mine, theirs in pair_up(client_user, round_):
        if mine.title.startswith("Sleep"):
            resolution = propose(
                therapist, round_, key_of(mine, theirs), "revise", "Sleep well most nights"
            )
        else:
            resolution = propose(therapist, round_, key_of(mine, theirs), "drop")
        confirm(client_user, round_, resolution)
    close(therapist, round_)

    second = open_checkin(therapist, client_user)
    (goal,) = second.goals.all()
    assert goal.title == "Sleep well most nights"
    assert goal.series_key == first_keys["Sleep seven hours on work nights"]
    rate(client_user, second, [8])
    rate(therapist, second, [4])

    series = {s.title: s for s in reading.progress_series(Checkin.objects.all())}
    assert [(c, t) for _ci, _l, c, t in series["Sleep well most nights"].entries] == [
        (2, 6),
        (8, 4),
    ]
    assert [(c, t) for _ci, _l, c, t in series["Ask for help before deadlines"].entries] == [(4, 5)]
    # The comparison shows the previous ratings of the same series and the change.
    row = reading.comparison(second).goals[0].row
    assert (row.ratings.previous_client, row.ratings.previous_therapist) == (2, 6)
    assert (row.client_change, row.therapist_change) == (6, -2)
    assert row.see_differently

    history = as_user(client_user).get(reverse("my_history")).content.decode()
    assert history.count('class="score-chart progress-chart') == 2
    assert "Ratings of “Sleep well most nights” over time" in history


def test_a_goal_written_anew_starts_a_new_series_even_with_the_same_words(
    checkin, therapist, client_user, build_round
):
    rate(client_user, checkin, [4, 2])
    rate(therapist, checkin, [5, 6])
    old_key = checkin.goals.get(title__startswith="Sleep").series_key
    round_ = build_round(
        title="Fresh start",
        client_goals=("Sleep seven hours on work nights",),
        therapist_goals=("Sleep seven hours on work nights",),
        reveal=True,
    )
    mine, theirs = round_.goals.get(side="client"), round_.goals.get(side="therapist")
    assert mine.series_key == theirs.series_key == ""
    link(client_user, round_, mine, theirs)
    confirm(client_user, round_, propose(therapist, round_, key_of(mine, theirs)))
    close(therapist, round_)
    (goal,) = open_checkin(therapist, client_user).goals.all()
    assert goal.series_key == f"{round_.pk}:{key_of(mine, theirs)}" != old_key
