"""A client's history: scores over time, agreed goals, labels and resolutions round by round."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Assignment
from alignment import services
from alignment.models import Side
from tests.alignment.conftest import as_side, write_side

C, T = Side.CLIENT, Side.THERAPIST


def closed_round(therapist, client_user, title="Intake"):
    """Closed: a shared pair agreed as revised; the therapist's label on Maya's goal withdrawn."""
    round_ = services.round_open(therapist=therapist, client_user=client_user, title=title)
    mine = write_side(round_, C, "Get cast on Broadway", "Cope with rejection")
    theirs = write_side(round_, T, "Build resilience to rejection")
    round_.refresh_from_db()
    therapist_side, client_side = as_side(round_, T), as_side(round_, C)
    label = services.label_place(
        access=therapist_side,
        goal=mine[0],
        kind="unrealistic",
        reason="Three years is very short.",
        placed_by=therapist,
    )
    services.label_withdraw(access=therapist_side, label=label, by=therapist)
    services.link_create(
        access=therapist_side, client_goal=mine[1], therapist_goal=theirs[0], by=therapist
    )
    res = services.resolution_propose(
        access=therapist_side,
        item_key=f"p{mine[1].pk}-{theirs[0].pk}",
        decision="revise",
        new_title="Recover faster after auditions",
        by=therapist,
    )
    services.resolution_confirm(access=client_side, resolution=res, by=client_user)
    services.round_close(access=therapist_side)
    return round_


def history(client, user, client_user):
    client.force_login(user)
    return client.get(reverse("client_history", args=[client_user.pk]))


def test_therapist_sees_scores_agreed_goals_labels_and_resolutions(client, therapist, client_user):
    closed_round(therapist, client_user)
    response = history(client, therapist, client_user)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Intake" in html
    assert "Recover faster after auditions" in html  # the agreed goal
    assert "Three years is very short." in html  # the label's reason, kept after withdrawal
    assert "Overboard label, withdrawn" in html
    assert "Dr. Chen proposed “revise”" in html
    assert "confirmed by Maya Rivera" in html


def test_history_has_an_svg_chart_with_a_text_alternative_and_no_inline_style(
    client, therapist, client_user
):
    closed_round(therapist, client_user, title="Intake")
    second = services.round_open(therapist=therapist, client_user=client_user, title="Week 8")
    write_side(second, C, "Sleep better")
    write_side(second, T, "Regular sleep")
    html = history(client, therapist, client_user).content.decode()
    assert '<svg class="score-chart' in html
    assert 'role="img"' in html
    assert '<title id="score-chart-title">' in html
    assert "<polyline" in html
    assert "<caption" in html and '<th scope="col">' in html  # the table beside the chart
    assert "style=" not in html


def test_a_drafting_round_shows_no_goal_of_either_side(client, therapist, client_user):
    round_ = services.round_open(therapist=therapist, client_user=client_user, title="Drafting")
    write_side(round_, C, "A private client draft", submit=False)
    html = history(client, therapist, client_user).content.decode()
    assert "Drafting" in html
    assert "A private client draft" not in html


@pytest.mark.parametrize(
    "role",
    [
        "other_therapist",
        "clinic_admin",
        "other_clinic_admin",
        "other_clinic_therapist",
        "client_user",
    ],
)
def test_history_is_404_for_anyone_but_the_clients_therapist(client, everyone, role):
    closed_round(everyone["therapist"], everyone["client_user"])
    response = history(client, everyone[role], everyone["client_user"])
    assert response.status_code == 404


@pytest.mark.parametrize("stranger", ["other_client", "other_clinic_client"])
def test_therapist_cannot_see_the_history_of_someone_elses_client(client, everyone, stranger):
    response = history(client, everyone["therapist"], everyone[stranger])
    assert response.status_code == 404


def test_a_past_clients_history_stays_readable_for_the_former_therapist(
    client, therapist, other_therapist, client_user
):
    closed_round(therapist, client_user)
    Assignment.objects.filter(client_user=client_user).update(ended_at=timezone.now())
    Assignment.objects.create(client_user=client_user, therapist=other_therapist)
    assert history(client, therapist, client_user).status_code == 200
    # The new therapist took part in none of these rounds: an empty history, not the old one.
    html = history(client, other_therapist, client_user).content.decode()
    assert "Recover faster after auditions" not in html


def test_client_sees_their_own_history(client, therapist, client_user):
    closed_round(therapist, client_user)
    client.force_login(client_user)
    response = client.get(reverse("my_history"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your history" in html
    assert "Recover faster after auditions" in html
    assert "with Dr. Chen" in html


def test_own_history_is_for_clients_only(client, therapist):
    client.force_login(therapist)
    assert client.get(reverse("my_history")).status_code == 404


def test_history_escapes_what_people_wrote(client, therapist, client_user):
    round_ = services.round_open(therapist=therapist, client_user=client_user, title="Intake")
    write_side(round_, C, "<script>alert(1)</script>")
    write_side(round_, T, "Plain goal")
    html = history(client, therapist, client_user).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
