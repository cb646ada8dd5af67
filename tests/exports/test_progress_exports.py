"""Check-in ratings in the exports: FHIR achievementStatus, the client's own data, the printout.

Blind as on the check-in page: nothing of a check-in that is not revealed counts, except the
client's own ratings in the client's own data.
"""

import csv
import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from checkins.models import Checkin
from tests.checkins.conftest import (  # noqa: F401 (fixtures)
    CLIENT_AGREED,
    THERAPIST_AGREED,
    agreed_round,
    open_checkin,
    rate,
)
from tests.exports.helpers import checked_bundle, goals_by_title, resources

pytestmark = pytest.mark.django_db

SLEEP, HELP = CLIENT_AGREED  # SLEEP is linked to THERAPIST_AGREED[0]
# Check-ins list the agreed goals in agenda order: the single goal first, then the pair.


def fhir_goals(as_user, therapist, client_user):
    response = as_user(therapist).get(reverse("fhir_export", args=[client_user.pk]))
    assert response.status_code == 200
    return goals_by_title(checked_bundle(json.loads(response.content)))


def achievement(goal):
    return goal.get("achievementStatus", {}).get("coding", [{}])[0].get("code")


def rated_twice(therapist, client_user):
    """Two revealed check-ins: sleep 3/4 then 6/7 (improving); help 9/10 then 9/9."""
    rate(client_user, open_checkin(therapist, client_user), [9, 3])
    rate(therapist, Checkin.objects.get(state="rating"), [10, 4])
    rate(client_user, open_checkin(therapist, client_user), [9, 6])
    rate(therapist, Checkin.objects.get(state="rating"), [9, 7])


def test_fhir_goals_carry_the_latest_revealed_ratings(
    as_user,
    therapist,
    client_user,
    agreed_round,  # noqa: F811
):
    goals = fhir_goals(as_user, therapist, client_user)
    assert all("achievementStatus" not in g for g in goals.values())
    rate(client_user, open_checkin(therapist, client_user), [9, 3])
    rate(therapist, Checkin.objects.get(state="rating"), [10, 4])
    goals = fhir_goals(as_user, therapist, client_user)
    assert achievement(goals[SLEEP]) == "in-progress"
    assert achievement(goals[THERAPIST_AGREED[0]]) == "in-progress"  # the linked partner too
    assert achievement(goals[HELP]) == "achieved"
    rate(client_user, open_checkin(therapist, client_user), [9, 6])
    rate(therapist, Checkin.objects.get(state="rating"), [7, 7])
    goals = fhir_goals(as_user, therapist, client_user)
    assert achievement(goals[SLEEP]) == "improving"  # 3.5 -> 6.5
    assert achievement(goals[HELP]) == "worsening"  # 9.5 -> 8


def test_ratings_of_a_checkin_not_yet_revealed_never_count(
    as_user,
    therapist,
    client_user,
    agreed_round,  # noqa: F811
):
    rated_twice(therapist, client_user)
    third = open_checkin(therapist, client_user)
    rate(client_user, third, [0, 0])
    rate(therapist, third, [0, 0], submit=False)
    goals = fhir_goals(as_user, therapist, client_user)
    assert achievement(goals[SLEEP]) == "improving"
    assert achievement(goals[HELP]) == "achieved"


def test_demo_bundles_validate_and_mayas_agreed_goals_have_achievement_status(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    for person in User.objects.filter(is_client=True):
        out = StringIO()
        call_command("export_fhir", person.email, stdout=out)
        checked_bundle(json.loads(out.getvalue()))
    out = StringIO()
    call_command("export_fhir", "client@example.com", stdout=out)
    data = checked_bundle(json.loads(out.getvalue()))
    active = [g for g in resources(data, "Goal") if g["lifecycleStatus"] == "active"]
    assert active and all(achievement(g) for g in active)
    by_title = {g["description"]["text"]: achievement(g) for g in active}
    # Broadway: 3/3 then 7/4 (mean 3 -> 5.5); recovering, agreed from a linked pair and
    # revised: 2/4 then 5/6 (3 -> 5.5); sleep: 5/5 then 6/6 (5 -> 6).
    assert by_title == {
        "Get cast in a Broadway show within three years": "improving",
        "Stop falling apart after audition rejections": "improving",
        "Build resilience to rejection": "improving",
        "Keep a steady sleep routine during audition season": "improving",
    }
    assert all("achievementStatus" not in g for g in resources(data, "Goal") if g not in active)


def my_data(as_user, client_user):
    response = as_user(client_user).get(reverse("my_data_export"))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    rows = list(csv.DictReader(io.StringIO(archive.read("ratings.csv").decode("utf-8-sig"))))
    return json.loads(archive.read("data.json"))["ratings"], rows


def test_client_data_holds_both_sides_ratings_once_revealed(
    as_user,
    therapist,
    client_user,
    agreed_round,  # noqa: F811
):
    assert my_data(as_user, client_user) == ([], [])
    checkin = open_checkin(therapist, client_user)
    rate(client_user, checkin, [9, 3], notes=["", "Bad week"])
    rate(therapist, checkin, [10, 4])
    ratings, rows = my_data(as_user, client_user)
    got = {(r["goal"], r["side"]): (r["value"], r["state"], r["by"]) for r in ratings}
    assert got == {
        (SLEEP, "client"): (3, "revealed", "you"),
        (HELP, "client"): (9, "revealed", "you"),
        (SLEEP, "therapist"): (4, "revealed", therapist.full_name),
        (HELP, "therapist"): (10, "revealed", therapist.full_name),
    }
    assert {(r["goal"], r["side"], r["value"], r["state"]) for r in rows} == {
        (goal, side, str(value), state) for (goal, side), (value, state, _by) in got.items()
    }
    assert [r["note"] for r in rows if r["note"]] == ["Bad week"]
    assert all(r["when"] and r["round"] == str(agreed_round.pk) for r in rows)


def test_therapists_draft_ratings_never_appear_and_the_clients_own_do(
    as_user,
    therapist,
    client_user,
    agreed_round,  # noqa: F811
):
    checkin = open_checkin(therapist, client_user)
    rate(therapist, checkin, [2, 1], submit=False, notes=["", "Therapist draft note"])
    rate(client_user, checkin, [5, 6], submit=False)
    ratings, rows = my_data(as_user, client_user)
    assert {(r["side"], r["value"], r["state"]) for r in ratings} == {
        ("client", 6, "draft"),
        ("client", 5, "draft"),
    }
    rate(client_user, checkin, [5, 6])  # submitted, the therapist has not: still blind
    rate(therapist, checkin, [7, 1], submit=False)
    ratings, rows = my_data(as_user, client_user)
    assert {(r["side"], r["state"]) for r in ratings} == {("client", "submitted")}
    assert {r["side"] for r in rows} == {"client"}
    response = as_user(client_user).get(reverse("my_data_export"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    for name in archive.namelist():
        assert b"Therapist draft note" not in archive.read(name)


def test_printout_shows_the_latest_ratings_on_agreed_goals(
    as_user,
    therapist,
    client_user,
    agreed_round,  # noqa: F811
):
    url = reverse("round_report", args=[agreed_round.pk])
    assert "report-latest-rating" not in as_user(therapist).get(url).content.decode()
    rated_twice(therapist, client_user)
    open_checkin(therapist, client_user)  # open, unrated: changes nothing
    page = as_user(client_user).get(url).content.decode()
    start = page.index('class="report-agreed"')
    agreed = page[start : page.index("</ol>", start)]
    lines = agreed.split("<li>")[1:]
    assert HELP in lines[0] and SLEEP in lines[1]
    assert f"{client_user.full_name} 9 · {therapist.full_name} 9" in lines[0]
    assert f"{client_user.full_name} 6 · {therapist.full_name} 7" in lines[1]


def test_ratings_cost_the_same_queries_however_many_checkins(
    as_user,
    therapist,
    client_user,
    agreed_round,  # noqa: F811
    django_assert_num_queries,
):
    from exports import dataexport, fhir_source

    rate(client_user, open_checkin(therapist, client_user), [9, 3])
    rate(therapist, Checkin.objects.get(state="rating"), [10, 4])
    with django_assert_num_queries(1):
        fhir_source.latest_ratings({1: (agreed_round.pk, "any")})
    with django_assert_num_queries(2):
        assert len(dataexport.ratings_for(client_user)) == 4
    rated_twice(therapist, client_user)
    with django_assert_num_queries(2):
        assert len(dataexport.ratings_for(client_user)) == 12
