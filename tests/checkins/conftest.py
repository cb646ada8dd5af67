"""Check-ins built through the services: a closed round with agreed goals, then ratings."""

import pytest

from checkins import access as checkin_access
from checkins import services as checkin_services
from checkins.models import CheckinSide
from checkins.services import RatingRow
from tests.alignment.conftest import (  # noqa: F401  (fixtures used by these tests)
    as_user,
    build_round,
    close,
    closed_round,
    confirm,
    key_of,
    link,
    propose,
    revealed_round,
    text_of,
)

CLIENT_AGREED = ("Sleep seven hours on work nights", "Ask for help before deadlines")
THERAPIST_AGREED = ("Regular sleep on work nights",)


def agree_all(therapist, client_user, round_, *, keep=None):
    """Link the first goals of both sides, then agree to keep every item (or only `keep`)."""
    goals = {g.side: list(round_.goals.filter(side=g.side)) for g in round_.goals.all()}
    client_goals, therapist_goals = goals["client"], goals.get("therapist", [])
    if therapist_goals:
        link(client_user, round_, client_goals[0], therapist_goals[0])
    keys = [key_of(client_goals[0], therapist_goals[0] if therapist_goals else None)]
    keys += [key_of(g) for g in client_goals[1:]] + [key_of(g) for g in therapist_goals[1:]]
    for key in keys if keep is None else keep(keys):
        resolution = propose(therapist, round_, key)
        confirm(client_user, round_, resolution)
    close(therapist, round_)
    round_.refresh_from_db()
    return round_


@pytest.fixture
def agreed_round(build_round, therapist, client_user):  # noqa: F811
    """A closed round with two agreed goals (one linked pair, one of the client's own)."""
    round_ = build_round(client_goals=CLIENT_AGREED, therapist_goals=THERAPIST_AGREED, reveal=True)
    return agree_all(therapist, client_user, round_)


def open_checkin(therapist, client_user, **kwargs):
    return checkin_services.checkin_open(therapist=therapist, client_user=client_user, **kwargs)


@pytest.fixture
def checkin(agreed_round, therapist, client_user):
    return open_checkin(therapist, client_user)


def rate(user, checkin_, scores, *, submit=True, notes=None):
    """Save `user`'s ratings (one score per goal, in order) and submit them unless told not to."""
    access = checkin_access.checkin_for(user, checkin_.pk)
    goals = list(checkin_.goals.all())
    notes = notes or [""] * len(goals)
    rows = [
        RatingRow(goal_id=g.pk, score=s, note=n)
        for g, s, n in zip(goals, scores, notes, strict=True)
    ]
    version = CheckinSide.objects.get(checkin=checkin_, side=access.side).version
    checkin_services.ratings_save(access=access, rows=rows, version=version, submit=submit)
    checkin_.refresh_from_db()
    return checkin_
