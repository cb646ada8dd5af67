"""A client downloads everything SamePage holds about them, and never anyone else's drafts."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from tests.alignment.conftest import CLIENT_GOALS, THERAPIST_GOALS, write_goals

pytestmark = pytest.mark.django_db

FILES = {
    "README.txt", "data.json", "account.csv", "rounds.csv", "goals.csv", "labels.csv",
    "links.csv", "comments.csv", "resolutions.csv", "ratings.csv", "access_log.csv",
}  # fmt: skip


def download(as_user, person):
    response = as_user(person).get(reverse("my_data_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="samepage-my-data-{person.pk}.zip"'
    )
    return zipfile.ZipFile(io.BytesIO(response.content))


def read_csv(archive, name):
    text = archive.read(name).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_archive_holds_every_file_and_a_readme(as_user, client_user, discussed_round):
    archive = download(as_user, client_user)
    assert set(archive.namelist()) == FILES
    readme = archive.read("README.txt").decode()
    for name in FILES - {"README.txt"}:
        assert name in readme


def test_revealed_round_has_both_sides_and_the_discussion(as_user, client_user, discussed_round):
    archive = download(as_user, client_user)
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == "maya@harbor.test"
    assert data["account"]["therapists"][0]["therapist"] == "Dr. Chen"
    (round_,) = data["rounds"]
    assert {g["title"] for g in round_["goals"]} == set(CLIENT_GOALS + THERAPIST_GOALS)
    assert (
        round_["labels"][0]["reason"] == "Perfect grades and full-time work at once burn you out."
    )
    assert round_["comments"][0]["text"] == "We mean the same thing here."
    assert round_["resolutions"][0]["decision"] == "keep"
    assert len(round_["links"]) == 1
    goals = read_csv(archive, "goals.csv")
    assert {g["title"] for g in goals} == set(CLIENT_GOALS + THERAPIST_GOALS)
    assert read_csv(archive, "comments.csv")[0]["text"] == "We mean the same thing here."


def test_own_drafts_are_in_it_and_the_therapists_draft_never(
    as_user, client_user, therapist, build_round
):
    build_round(submitted=("therapist",))  # the therapist submitted; the client is drafting
    archive = download(as_user, client_user)
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8")
    for title in CLIENT_GOALS:
        assert title in everything
    for title in THERAPIST_GOALS:
        assert title not in everything
    goals = read_csv(archive, "goals.csv")
    assert {g["draft"] for g in goals} == {"True"}


def test_therapists_unsubmitted_draft_is_never_in_it(as_user, client_user, therapist, build_round):
    round_ = build_round(submitted=("client",))
    write_goals(therapist, round_, ["A private working note of a goal"])
    archive = download(as_user, client_user)
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8")
    assert "A private working note of a goal" not in everything


def test_another_clients_data_is_never_in_it(
    as_user, client_user, other_client, other_therapist, build_round
):
    build_round(client=other_client, therapist_user=other_therapist, reveal=True)
    archive = download(as_user, client_user)
    data = json.loads(archive.read("data.json"))
    assert data["rounds"] == []
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8")
    assert "jordan@harbor.test" not in everything and CLIENT_GOALS[0] not in everything


def test_access_log_lists_the_therapist_opening_the_round(
    as_user, client_user, therapist, discussed_round
):
    as_user(therapist).get(reverse("round_detail", args=[discussed_round.pk]))
    archive = download(as_user, client_user)
    log = read_csv(archive, "access_log.csv")
    seen = [row for row in log if row["page"] == "round_detail"]
    assert seen and seen[0]["who"] == "Dr. Chen" and seen[0]["ip"] == ""
    assert AuditEvent.objects.filter(detail="my_data_export", actor=client_user).exists()


def test_csv_cells_cannot_run_as_formulas(as_user, client_user, therapist, build_round):
    build_round(client_goals=("=HYPERLINK(1)",))
    goals = read_csv(download(as_user, client_user), "goals.csv")
    assert goals[0]["title"] == "'=HYPERLINK(1)"


def test_therapists_and_admins_get_404(as_user, therapist, clinic_admin):
    for person in (therapist, clinic_admin):
        assert as_user(person).get(reverse("my_data_export")).status_code == 404


def test_client_home_links_to_the_download_and_to_closing(as_user, client_user):
    page = as_user(client_user).get(reverse("home")).content.decode()
    assert f'href="{reverse("my_data_export")}"' in page
    assert f'href="{reverse("account_close")}"' in page
