from django.urls import reverse

from alignment import services
from alignment.access import RoundAccess
from alignment.models import Side
from alignment.services import GoalRow

OVERVIEW = reverse("clinic_overview")


def revealed_round(therapist, client_user, *, client_title, therapist_title):
    round_ = services.round_open(therapist=therapist, client_user=client_user, title="Intake")
    for side, title in ((Side.CLIENT, client_title), (Side.THERAPIST, therapist_title)):
        access = RoundAccess(round=round_, side=side, can_write=True)
        services.goals_save(
            access=access, rows=[GoalRow(None, title, "", "mood", 3)], version=0, submit=True
        )
    return round_


def test_overview_counts_rounds_and_shows_no_clinical_text(client, everyone):
    therapist, client_user = everyone["therapist"], everyone["client_user"]
    round_ = revealed_round(
        therapist, client_user, client_title="Secret client goal", therapist_title="Hidden aim"
    )
    services.round_close(access=RoundAccess(round=round_, side=Side.THERAPIST, can_write=True))
    services.round_open(
        therapist=everyone["other_therapist"], client_user=everyone["other_client"], title="Week 2"
    )
    client.force_login(everyone["clinic_admin"])
    response = client.get(OVERVIEW)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["numbers"].closed_rounds == 1
    assert response.context["numbers"].open_rounds == 1
    assert response.context["numbers"].waiting_on_clients == 1
    assert response.context["numbers"].waiting_on_therapists == 1
    assert response.context["numbers"].median_score == 0
    assert response.context["numbers"].therapists == 2
    assert response.context["numbers"].clients == 2
    for secret in ("Secret client goal", "Hidden aim", "Intake", "Week 2"):
        assert secret not in html
    for name in ("Dr. Chen", "Dr. Nair"):
        assert name not in html.split("<main")[1], "no figure per therapist"


def test_overview_is_404_for_everyone_but_clinic_admins(client, everyone):
    for role in ("therapist", "client_user"):
        client.force_login(everyone[role])
        assert client.get(OVERVIEW).status_code == 404


def test_overview_counts_only_the_admins_clinic(client, everyone):
    services.round_open(
        therapist=everyone["other_clinic_therapist"],
        client_user=everyone["other_clinic_client"],
        title="Elsewhere",
    )
    client.force_login(everyone["clinic_admin"])
    numbers = client.get(OVERVIEW).context["numbers"]
    assert numbers.open_rounds == 0
    assert numbers.median_score is None
