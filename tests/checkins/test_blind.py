"""Check-ins are blind like rounds: drafts, submit, take back, reveal only when both submit."""

import pytest
from django.urls import reverse

from alignment.services import ActionRefused
from checkins import access as checkin_access
from checkins import services
from checkins.models import Checkin, Rating
from tests.checkins.conftest import open_checkin, rate

pytestmark = pytest.mark.django_db


def test_opening_a_checkin_copies_the_agreed_goals_of_the_last_closed_round(checkin):
    titles = [g.title for g in checkin.goals.all()]
    # Agenda order: the client's own goal, then the linked pair.
    assert titles == ["Ask for help before deadlines", "Sleep seven hours on work nights"]
    assert checkin.is_rating and checkin.sides.count() == 2


def test_no_checkin_without_agreed_goals(closed_round, therapist, client_user):
    with pytest.raises(ActionRefused, match="no agreed goals"):
        open_checkin(therapist, client_user)
    assert not Checkin.objects.exists()


def test_one_open_checkin_per_pair(checkin, therapist, client_user):
    with pytest.raises(ActionRefused, match="already open"):
        open_checkin(therapist, client_user)


def test_the_other_side_sees_nothing_of_a_draft_or_a_submission(
    checkin, therapist, client_user, as_user
):
    rate(client_user, checkin, [3, 9], notes=["Secret client note", ""], submit=False)
    page = as_user(therapist).get(reverse("checkin_detail", args=[checkin.pk]))
    assert "Secret client note" not in page.content.decode()
    rate(client_user, checkin, [3, 9], notes=["Secret client note", ""])
    page = as_user(therapist).get(reverse("checkin_detail", args=[checkin.pk]))
    text = page.content.decode()
    assert "Secret client note" not in text
    assert "has submitted their ratings" in text
    assert checkin.is_rating


def test_both_submitting_reveals_both_ratings_side_by_side(
    checkin, therapist, client_user, as_user
):
    rate(client_user, checkin, [9, 3], notes=["Client words", ""])
    rate(therapist, checkin, [8, 7], notes=["", "Therapist words"])
    assert checkin.is_revealed and checkin.revealed_at is not None
    text = as_user(client_user).get(reverse("checkin_detail", args=[checkin.pk])).content.decode()
    assert "Client words" in text and "Therapist words" in text
    assert "You see this differently (4 points apart)" in text
    # The goal seen differently comes first on the page.
    assert text.index("Sleep seven hours") < text.index("Ask for help before deadlines")


def test_submit_needs_every_goal_rated_and_keeps_the_draft(checkin, client_user):
    access = checkin_access.checkin_for(client_user, checkin.pk)
    first = checkin.goals.first()
    rows = [services.RatingRow(goal_id=first.pk, score=4)]
    with pytest.raises(ActionRefused, match="Rate every goal"):
        services.ratings_save(access=access, rows=rows, version=0, submit=True)
    services.ratings_save(access=access, rows=rows, version=0)
    assert Rating.objects.get(side="client").score == 4


def test_a_submission_can_be_taken_back_until_the_other_side_submits(
    checkin, therapist, client_user
):
    rate(client_user, checkin, [3, 9])
    services.submission_withdraw(access=checkin_access.checkin_for(client_user, checkin.pk))
    rate(client_user, checkin, [4, 9])
    rate(therapist, checkin, [4, 4])
    with pytest.raises(ActionRefused, match="no longer change"):
        services.submission_withdraw(access=checkin_access.checkin_for(client_user, checkin.pk))
    assert Rating.objects.get(side="client", goal__position=0).score == 4


def test_a_stale_draft_is_refused_and_nothing_is_overwritten(checkin, client_user):
    rate(client_user, checkin, [5, 5], submit=False)
    access = checkin_access.checkin_for(client_user, checkin.pk)
    rows = [services.RatingRow(goal_id=g.pk, score=1) for g in checkin.goals.all()]
    with pytest.raises(ActionRefused, match="changed somewhere else"):
        services.ratings_save(access=access, rows=rows, version=0)
    assert set(Rating.objects.values_list("score", flat=True)) == {5}


def test_rating_through_the_form_without_javascript(checkin, client_user, as_user):
    goals = list(checkin.goals.all())
    browser = as_user(client_user)
    url = reverse("checkin_ratings", args=[checkin.pk])
    data = {"version": "0", "action": "submit", f"score-{goals[0].pk}": "12"}
    data[f"score-{goals[1].pk}"] = "6"
    data[f"note-{goals[1].pk}"] = "Getting there"
    bad = browser.post(url, data)
    assert bad.status_code == 400
    assert "Choose a rating from 0 to 10." in bad.content.decode()
    assert 'value="Getting there"' in bad.content.decode()  # nothing typed is lost
    data[f"score-{goals[0].pk}"] = "2"
    done = browser.post(url, data)
    assert done.status_code == 302
    assert list(Rating.objects.order_by("goal__position").values_list("score", "note")) == [
        (2, ""),
        (6, "Getting there"),
    ]


def test_emails_say_only_that_a_checkin_waits(
    agreed_round, therapist, client_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        checkin = open_checkin(therapist, client_user)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([therapist.email, client_user.email])
    for mail in mailoutbox:
        assert "Sleep" not in mail.body and "deadlines" not in mail.body
        assert f"/checkins/{checkin.pk}/" in mail.body


def test_home_shows_a_checkin_waiting_for_my_ratings_until_i_submit(
    checkin, therapist, client_user, other_client, as_user
):
    url = reverse("checkin_detail", args=[checkin.pk])
    assert url in as_user(client_user).get(reverse("home")).content.decode()
    assert url in as_user(therapist).get(reverse("home")).content.decode()
    assert url not in as_user(other_client).get(reverse("home")).content.decode()
    rate(therapist, checkin, [5, 5])
    assert url not in as_user(therapist).get(reverse("home")).content.decode()
    assert url in as_user(client_user).get(reverse("home")).content.decode()


def test_the_open_form_sent_twice_opens_one_checkin_and_a_bad_token_is_ignored(
    agreed_round, therapist, client_user, as_user
):
    browser = as_user(therapist)
    url = reverse("checkin_new", args=[client_user.pk])
    token = "6f1c2a4e-8b9d-4c3e-a1f2-0123456789ab"
    assert browser.post(url, {"form_token": token}).status_code == 302
    again = browser.post(url, {"form_token": token}, follow=True)
    assert "already opened (the form was sent twice)" in again.content.decode()
    assert Checkin.objects.count() == 1
    Checkin.objects.all().delete()
    assert browser.post(url, {"form_token": "not-a-token"}).status_code == 302
    assert Checkin.objects.count() == 1
