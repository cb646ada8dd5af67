"""The therapist's FHIR R4 export of a client's goals, and `manage.py export_fhir`."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from alignment.models import Round, Side
from alignment.services import GoalRow
from audit.models import AuditEvent
from exports import fhir
from tests.alignment.conftest import (
    CLIENT_GOALS,
    THERAPIST_GOALS,
    close,
    confirm,
    goal_titled,
    key_of,
    propose,
    replace_therapist,
    write_goals,
)
from tests.exports.helpers import checked_bundle, goals_by_title, resources

pytestmark = pytest.mark.django_db


def download(as_user, therapist, client_user):
    response = as_user(therapist).get(reverse("fhir_export", args=[client_user.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="samepage-client-{client_user.pk}.json"'
    )
    return checked_bundle(json.loads(response.content))


def test_bundle_holds_patient_practitioner_and_every_revealed_goal(
    as_user, therapist, client_user, discussed_round
):
    data = download(as_user, therapist, client_user)
    (patient,) = resources(data, "Patient")
    (practitioner,) = resources(data, "Practitioner")
    assert patient["name"] == [{"text": "Maya Rivera"}]
    assert patient["telecom"] == [{"system": "email", "value": "maya@harbor.test"}]
    assert set(patient) == {"resourceType", "id", "name", "telecom"}
    assert practitioner["name"] == [{"text": "Dr. Chen"}]
    goals = goals_by_title(data)
    assert set(goals) == set(CLIENT_GOALS + THERAPIST_GOALS)
    assert {g["lifecycleStatus"] for g in goals.values()} == {"proposed"}


def test_expressed_by_says_who_wrote_each_goal(as_user, therapist, client_user, discussed_round):
    data = download(as_user, therapist, client_user)
    refs = {e["resource"]["resourceType"]: e["fullUrl"] for e in data["entry"]}
    goals = goals_by_title(data)
    for title in CLIENT_GOALS:
        assert goals[title]["expressedBy"] == {"reference": refs["Patient"]}
        assert goals[title]["subject"] == {"reference": refs["Patient"]}
    for title in THERAPIST_GOALS:
        assert goals[title]["expressedBy"] == {"reference": refs["Practitioner"]}


def test_overboard_label_is_a_note_with_author_and_time(
    as_user, therapist, client_user, discussed_round
):
    data = download(as_user, therapist, client_user)
    (note,) = goals_by_title(data)[CLIENT_GOALS[0]]["note"]
    practitioner = next(e for e in data["entry"] if e["resource"]["resourceType"] == "Practitioner")
    assert note["authorReference"] == {"reference": practitioner["fullUrl"]}
    assert "Perfect grades and full-time work at once burn you out." in note["text"]
    assert "too hard on yourself" in note["text"]
    assert note["time"].startswith(str(discussed_round.created_at.year))


def test_category_priority_and_success_criteria(as_user, therapist, client_user, build_round):
    round_ = build_round(client_goals=(), therapist_goals=())
    write_goals(
        client_user,
        round_,
        [GoalRow(None, "Sleep before midnight", "Lights out by 11 most nights", "health", 5)],
        submit=True,
    )
    write_goals(therapist, round_, [GoalRow(None, "Walk daily", "", "health", 1)], submit=True)
    goals = goals_by_title(download(as_user, therapist, client_user))
    sleep = goals["Sleep before midnight"]
    assert sleep["category"][0]["coding"][0] == {
        "system": "http://127.0.0.1:8000/fhir/CodeSystem/life-area",
        "code": "health",
        "display": "Health, body & sleep",
    }
    assert sleep["priority"]["coding"][0]["code"] == "high-priority"
    assert sleep["target"][0]["detailString"] == "Lights out by 11 most nights"
    assert sleep["target"][0]["measure"]["coding"][0]["code"] == "success-criteria"
    assert goals["Walk daily"]["priority"]["coding"][0]["code"] == "low-priority"
    assert "target" not in goals["Walk daily"]


def test_the_code_systems_are_in_the_bundle(as_user, therapist, client_user, discussed_round):
    data = download(as_user, therapist, client_user)
    systems = {cs["url"]: cs for cs in resources(data, "CodeSystem")}
    life = systems["http://127.0.0.1:8000/fhir/CodeSystem/life-area"]
    assert {c["code"] for c in life["concept"]} == set(fhir.LIFE_AREAS)
    for goal in resources(data, "Goal"):
        assert goal["category"][0]["coding"][0]["system"] in systems


def test_drafting_round_exports_no_client_draft(as_user, therapist, client_user, build_round):
    build_round(submitted=(Side.CLIENT,))
    data = download(as_user, therapist, client_user)
    assert resources(data, "Goal") == []
    for title in CLIENT_GOALS:
        assert title not in json.dumps(data)


def test_drafting_round_exports_the_therapists_submitted_goals_only(
    as_user, therapist, client_user, build_round
):
    round_ = build_round(submitted=(Side.CLIENT,))
    assert resources(download(as_user, therapist, client_user), "Goal") == []
    write_goals(therapist, round_, THERAPIST_GOALS, submit=True)
    round_.refresh_from_db()
    assert round_.is_discussing  # both submitted: revealed
    Round.objects.filter(pk=round_.pk).update(state="drafting")
    round_.sides.filter(side=Side.CLIENT).update(submitted_at=None)
    goals = goals_by_title(download(as_user, therapist, client_user))
    assert set(goals) == set(THERAPIST_GOALS)


def test_closed_round_statuses(as_user, therapist, client_user, revealed_round):
    round_ = revealed_round
    c0, c1 = (goal_titled(round_, t) for t in CLIENT_GOALS)
    t0, t1 = (goal_titled(round_, t) for t in THERAPIST_GOALS)
    confirm(therapist, round_, propose(client_user, round_, key_of(c0), "keep"))
    confirm(client_user, round_, propose(therapist, round_, key_of(t0), "drop"))
    confirm(therapist, round_, propose(client_user, round_, key_of(c1), "revise", "Handle a no"))
    confirm(client_user, round_, propose(therapist, round_, key_of(t1), "differ"))
    close(therapist, round_)
    goals = goals_by_title(download(as_user, therapist, client_user))
    assert goals[CLIENT_GOALS[0]]["lifecycleStatus"] == "active"
    assert goals[THERAPIST_GOALS[0]]["lifecycleStatus"] == "cancelled"
    assert goals[CLIENT_GOALS[1]]["lifecycleStatus"] == "active"
    assert {"text": "Agreed wording: Handle a no"} in goals[CLIENT_GOALS[1]]["note"]
    assert goals[THERAPIST_GOALS[1]]["lifecycleStatus"] == "rejected"
    assert "statusDate" in goals[CLIENT_GOALS[0]]


def test_agreed_goals_of_an_earlier_closed_round_are_completed(
    as_user, therapist, client_user, revealed_round, build_round
):
    c0 = goal_titled(revealed_round, CLIENT_GOALS[0])
    confirm(therapist, revealed_round, propose(client_user, revealed_round, key_of(c0), "keep"))
    close(therapist, revealed_round)
    later = build_round(title="Week 8", client_goals=("Sing again",), therapist_goals=("Rest",))
    close_later = later
    for user in (client_user, therapist):
        write_goals(
            user, close_later, ["Sing again" if user == client_user else "Rest"], submit=True
        )
    later.refresh_from_db()
    ka = goal_titled(later, "Sing again")
    confirm(therapist, later, propose(client_user, later, key_of(ka), "keep"))
    close(therapist, later)
    data = download(as_user, therapist, client_user)
    statuses = [(g["description"]["text"], g["lifecycleStatus"]) for g in resources(data, "Goal")]
    assert (CLIENT_GOALS[0], "completed") in statuses
    assert ("Sing again", "active") in statuses


def submit_both(client_user, therapist, round_):
    from tests.alignment.conftest import submit

    submit(client_user, round_)
    submit(therapist, round_)
    round_.refresh_from_db()


def test_other_therapists_and_admins_get_404(
    as_user, other_therapist, clinic_admin, client_user, other_client, therapist, discussed_round
):
    url = reverse("fhir_export", args=[client_user.pk])
    for person in (other_therapist, clinic_admin, other_client, client_user):
        assert as_user(person).get(url).status_code == 404
    assert as_user(therapist).get(reverse("fhir_export", args=[other_client.pk])).status_code == 404


def test_previous_therapist_loses_the_export_after_reassignment(
    as_user, therapist, other_therapist, client_user, discussed_round
):
    replace_therapist(client_user, other_therapist)
    url = reverse("fhir_export", args=[client_user.pk])
    assert as_user(therapist).get(url).status_code == 404
    # The new therapist exports only the rounds they took part in: none yet.
    data = download(as_user, other_therapist, client_user)
    assert resources(data, "Goal") == []


def test_download_is_audited(as_user, therapist, client_user, discussed_round):
    download(as_user, therapist, client_user)
    event = AuditEvent.objects.get(detail="fhir_export")
    assert (event.actor_id, event.object_type, event.object_id, event.outcome) == (
        therapist.pk,
        "client_fhir",
        client_user.pk,
        "200",
    )


def test_command_writes_the_same_bundle(therapist, client_user, discussed_round):
    out = StringIO()
    call_command("export_fhir", "MAYA@harbor.test", stdout=out)
    data = checked_bundle(json.loads(out.getvalue()))
    assert set(goals_by_title(data)) == set(CLIENT_GOALS + THERAPIST_GOALS)
    assert AuditEvent.objects.filter(action="export_fhir", object_id=client_user.pk).exists()


def test_command_refuses_an_unknown_email(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No client"):
        call_command("export_fhir", "nobody@example.test", stdout=StringIO())


def test_every_demo_client_exports_a_valid_bundle(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    clients = User.objects.filter(is_client=True)
    assert clients.count() >= 4
    for person in clients:
        out = StringIO()
        call_command("export_fhir", person.email, stdout=out)
        data = checked_bundle(json.loads(out.getvalue()))
        assert len(resources(data, "Patient")) == 1


def test_achievement_status_follows_the_latest_ratings():
    ratings = fhir.Ratings
    assert fhir.achievement_code(None) is None
    assert fhir.achievement_code(ratings(latest=(4, 6))) == "in-progress"
    assert fhir.achievement_code(ratings(latest=(9, 10))) == "achieved"
    assert fhir.achievement_code(ratings(latest=(6, 6), previous=(4, 5))) == "improving"
    assert fhir.achievement_code(ratings(latest=(3, 4), previous=(6, 5))) == "worsening"
    assert fhir.achievement_code(ratings(latest=(5, 5), previous=(5, 4))) == "no-change"


def test_rated_goal_carries_achievement_status(
    as_user, therapist, client_user, discussed_round, monkeypatch
):
    from exports import fhir_source

    c0 = goal_titled(discussed_round, CLIENT_GOALS[0])
    monkeypatch.setattr(
        fhir_source,
        "latest_ratings",
        lambda ids: {c0.pk: fhir.Ratings(latest=(7, 8), previous=(3, 4))},
    )
    goals = goals_by_title(download(as_user, therapist, client_user))
    assert goals[CLIENT_GOALS[0]]["achievementStatus"]["coding"][0]["code"] == "improving"
    assert "achievementStatus" not in goals[CLIENT_GOALS[1]]


def test_history_page_links_to_the_download_for_the_current_therapist_only(
    as_user, therapist, other_therapist, client_user, discussed_round
):
    url = reverse("fhir_export", args=[client_user.pk])
    history = reverse("client_history", args=[client_user.pk])
    assert f'href="{url}"' in as_user(therapist).get(history).content.decode()
    replace_therapist(client_user, other_therapist)
    page = as_user(therapist).get(history)
    assert page.status_code == 200 and f'href="{url}"' not in page.content.decode()


def test_every_exports_page_is_either_audited_or_says_why_not():
    from audit import registry
    from exports import urls as exports_urls
    from exports.audited import AUDITED, NOT_AUDITED

    names = {pattern.name for pattern in exports_urls.urlpatterns}
    assert names == set(AUDITED) | NOT_AUDITED
    assert set(AUDITED) <= registry.registered_names()


def test_withdrawn_label_stays_as_a_note_marked_withdrawn(
    as_user, therapist, client_user, discussed_round
):
    from alignment import services
    from alignment.models import OverboardLabel
    from tests.alignment.conftest import access_for

    placed = OverboardLabel.objects.get(goal__round=discussed_round)
    services.label_withdraw(
        access=access_for(therapist, discussed_round), label=placed, by=therapist
    )
    (note,) = goals_by_title(download(as_user, therapist, client_user))[CLIENT_GOALS[0]]["note"]
    assert "Perfect grades" in note["text"] and "[withdrawn " in note["text"]
