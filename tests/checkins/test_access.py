"""Only the check-in's client and therapist see it; everyone else gets 404, even clinic admins."""

import pytest
from django.urls import reverse

from checkins.models import CheckinComment, Rating
from tests.alignment.conftest import replace_therapist
from tests.checkins.conftest import rate

pytestmark = pytest.mark.django_db

STRANGERS = (
    "other_client",
    "other_therapist",
    "clinic_admin",
    "other_clinic_admin",
    "other_clinic_therapist",
    "other_clinic_client",
)


def urls_of(checkin):
    goal = checkin.goals.first()
    return {
        "get": [reverse("checkin_detail", args=[checkin.pk])],
        "post": [
            reverse("checkin_ratings", args=[checkin.pk]),
            reverse("checkin_withdraw", args=[checkin.pk]),
            reverse("checkin_comment", args=[checkin.pk, goal.pk]),
        ],
    }


@pytest.mark.parametrize("who", STRANGERS)
def test_strangers_get_404_for_every_checkin_url(checkin, everyone, who, as_user):
    browser = as_user(everyone[who])
    urls = urls_of(checkin)
    for url in urls["get"]:
        assert browser.get(url).status_code == 404, url
    goal = checkin.goals.first()
    for url in urls["post"]:
        data = {"version": "0", f"score-{goal.pk}": "5", "body": "hello"}
        assert browser.post(url, data).status_code == 404, url
    assert not Rating.objects.exists() and not CheckinComment.objects.exists()


@pytest.mark.parametrize("who", ["other_therapist", "other_clinic_therapist", "clinic_admin"])
def test_strangers_cannot_open_a_checkin_or_set_a_cadence_for_someone_elses_client(
    agreed_round, everyone, who, as_user, client_user
):
    browser = as_user(everyone[who])
    assert browser.post(reverse("checkin_new", args=[client_user.pk])).status_code == 404
    data = {"weeks": "2"}
    assert browser.post(reverse("checkin_cadence", args=[client_user.pk]), data).status_code == 404


def test_the_pair_see_it(checkin, therapist, client_user, as_user):
    for person in (therapist, client_user):
        assert as_user(person).get(reverse("checkin_detail", args=[checkin.pk])).status_code == 200


def test_after_a_reassignment_the_old_pair_read_but_cannot_rate(
    checkin, therapist, other_therapist, client_user, as_user
):
    replace_therapist(client_user, other_therapist)
    browser = as_user(client_user)
    page = browser.get(reverse("checkin_detail", args=[checkin.pk]))
    assert "read-only for you" in page.content.decode()
    goals = list(checkin.goals.all())
    data = {"version": "0", "action": "save", **{f"score-{g.pk}": "5" for g in goals}}
    browser.post(reverse("checkin_ratings", args=[checkin.pk]), data)
    assert not Rating.objects.exists()
    # The new therapist never sees the old pair's check-in.
    assert (
        as_user(other_therapist).get(reverse("checkin_detail", args=[checkin.pk])).status_code
        == 404
    )


def test_comments_open_after_the_reveal(checkin, therapist, client_user, as_user):
    goal = checkin.goals.first()
    url = reverse("checkin_comment", args=[checkin.pk, goal.pk])
    as_user(client_user).post(url, {"body": "Too early"})
    assert not CheckinComment.objects.exists()
    rate(client_user, checkin, [3, 9])
    rate(therapist, checkin, [7, 8])
    as_user(therapist).post(url, {"body": "Why a 3?"})
    page = as_user(client_user).get(reverse("checkin_detail", args=[checkin.pk])).content.decode()
    assert "Why a 3?" in page
