"""Attainment levels are described together for a closed round; each side picks a level."""

import pytest
from django.urls import reverse

from checkins.access import checkin_for
from checkins.models import CheckinSide, GasScale
from checkins.reading import comparison
from checkins.services import RatingRow, ratings_save

pytestmark = pytest.mark.django_db

LEVELS = {
    "weight": "6",
    "much_more": "An offer",
    "more": "A callback most months",
    "expected": "Auditions monthly",
    "less": "Now and then",
    "much_less": "Stopped",
}


def post_scale(browser, round_, index, key, **changes):
    data = {"series_key": key, **{f"goal{index}-{k}": v for k, v in {**LEVELS, **changes}.items()}}
    return browser.post(reverse("checkin_scales", args=[round_.pk]), data)


def test_either_side_describes_levels_and_both_see_them(
    agreed_round, checkin, therapist, client_user, as_user
):
    keys = [g.series_key for g in checkin.goals.all()]
    assert post_scale(as_user(client_user), agreed_round, 0, keys[0]).status_code == 302
    bad = post_scale(as_user(therapist), agreed_round, 1, keys[1], much_less="", weight="0")
    assert bad.status_code == 400 and "A callback most months" in bad.content.decode()
    post_scale(as_user(therapist), agreed_round, 1, keys[1], weight="6")
    assert sorted(GasScale.objects.values_list("weight", flat=True)) == [6, 6]
    page = as_user(therapist).get(reverse("checkin_scales", args=[agreed_round.pk]))
    assert "Last changed by Maya Rivera" in page.content.decode()

    for person, levels in ((client_user, (1, 0)), (therapist, (-2, 0))):
        access = checkin_for(person, checkin.pk)
        rows = [
            RatingRow(g.pk, 5, gas_level=level)
            for g, level in zip(checkin.goals.all(), levels, strict=True)
        ]
        version = CheckinSide.objects.get(checkin=checkin, side=access.side).version
        ratings_save(access=access, rows=rows, version=version, submit=True)
    checkin.refresh_from_db()
    result = comparison(checkin)
    assert (result.client_t, result.therapist_t) == (56.2, 37.6)
    page = as_user(client_user).get(reverse("checkin_detail", args=[checkin.pk])).content.decode()
    assert "56.2" in page and "How is this computed?" in page


@pytest.mark.parametrize("who", ["other_therapist", "clinic_admin", "other_clinic_client"])
def test_strangers_get_404_on_the_levels_page(agreed_round, everyone, who, as_user, checkin):
    browser = as_user(everyone[who])
    url = reverse("checkin_scales", args=[agreed_round.pk])
    assert browser.get(url).status_code == 404
    key = checkin.goals.first().series_key
    assert post_scale(browser, agreed_round, 0, key).status_code == 404
    assert not GasScale.objects.exists()
