"""The round report: a printable page and a CSV, for both sides of a revealed round only."""

import csv
import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from alignment import services
from alignment.models import Side
from alignment.reports import neutralise
from tests.alignment.conftest import as_side, write_side

C, T = Side.CLIENT, Side.THERAPIST
FORMULAS = ("=1+1", "+cmd", "-2", "@SUM(A1)")


@pytest.fixture
def discussed(therapist, client_user):
    """Discussing, with a link, an open and a withdrawn label, comments and a resolution history."""
    round_ = services.round_open(therapist=therapist, client_user=client_user, title="Intake")
    mine = write_side(round_, C, "Excellent grades while working full time", "Sleep more")
    theirs = write_side(round_, T, "Learn to sit with failure", "Improve sleep")
    round_.refresh_from_db()
    client_side, therapist_side = as_side(round_, C), as_side(round_, T)
    services.label_place(
        access=client_side,
        goal=theirs[0],
        kind="not_wanted",
        reason="I came to reach my goal, not to give it up.",
        placed_by=client_user,
    )
    old = services.label_place(
        access=therapist_side,
        goal=mine[0],
        kind="too_hard",
        reason="A lot at once.",
        placed_by=therapist,
    )
    services.label_withdraw(access=therapist_side, label=old, by=therapist)
    services.link_create(
        access=therapist_side, client_goal=mine[1], therapist_goal=theirs[1], by=therapist
    )
    key = f"p{mine[1].pk}-{theirs[1].pk}"
    services.comment_add(
        access=client_side, item_key=key, body="Eight hours would help.", author=client_user
    )
    services.resolution_propose(
        access=client_side, item_key=key, decision="keep", new_title="", by=client_user
    )
    services.resolution_propose(
        access=therapist_side,
        item_key=key,
        decision="revise",
        new_title="Sleep seven hours on weeknights",
        by=therapist,
    )
    return round_


def report(client, user, round_, suffix=""):
    client.force_login(user)
    name = "round_report_csv" if suffix == "csv" else "round_report"
    return client.get(reverse(name, args=[round_.pk]))


def rows_of(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def test_report_shows_lists_links_labels_comments_and_resolutions(client, therapist, discussed):
    response = report(client, therapist, discussed)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Excellent grades while working full time",  # client list
        "Learn to sit with failure",  # therapist list
        "I came to reach my goal, not to give it up.",  # open label's reason
        "A lot at once.",  # withdrawn label stays, as withdrawn
        "withdrawn",
        "Eight hours would help.",  # comment
        "Sleep seven hours on weeknights",  # the current proposal
        "replaced by a later proposal",  # the earlier one, kept
        "Alignment",
    ):
        assert text in html, text
    assert "style=" not in html
    assert 'href="/static/css/print.css" media="print"' in html


def test_csv_has_one_row_per_record_with_a_section(client, therapist, discussed):
    response = report(client, therapist, discussed, "csv")
    assert response.status_code == 200
    rows = rows_of(response)
    sections = [row["section"] for row in rows]
    assert sections.count("goal") == 4
    assert sections.count("label") == 2
    assert sections.count("link") == 1
    assert sections.count("comment") == 1
    assert sections.count("resolution") == 2
    assert sections[-1] == "score"
    withdrawn = next(r for r in rows if r["section"] == "label" and r["status"] == "withdrawn")
    assert withdrawn["text"] == "A lot at once."
    assert withdrawn["by"] == "Dr. Chen"


def test_csv_is_an_attachment_named_by_round_number_only(client, therapist, discussed):
    response = report(client, therapist, discussed, "csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        f'attachment; filename="samepage-round-{discussed.pk}.csv"'
    )
    assert "no-store" in response["Cache-Control"]


def test_csv_neutralises_cells_a_spreadsheet_would_run(client, therapist, client_user):
    round_ = services.round_open(therapist=therapist, client_user=client_user, title="Intake")
    write_side(round_, C, *FORMULAS)
    write_side(round_, T, "Plain goal")
    rows = rows_of(report(client, therapist, round_, "csv"))
    titles = {row["goal"] for row in rows if row["section"] == "goal"}
    assert titles == {"'=1+1", "'+cmd", "'-2", "'@SUM(A1)", "Plain goal"}


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_neutralise_quotes_every_formula_start(start):
    assert neutralise(f"{start}HYPERLINK()") == f"'{start}HYPERLINK()"


def test_neutralise_leaves_ordinary_text_and_numbers():
    assert neutralise("Sleep more") == "Sleep more"
    assert neutralise(5) == "5"
    assert neutralise(None) == ""


def test_client_can_see_and_download_their_own_report(client, client_user, discussed):
    assert report(client, client_user, discussed).status_code == 200
    response = report(client, client_user, discussed, "csv")
    assert response.status_code == 200
    assert any(row["text"] == "Eight hours would help." for row in rows_of(response))


@pytest.mark.parametrize(
    "role",
    [
        "clinic_admin",
        "other_clinic_admin",
        "other_clinic_therapist",
        "other_therapist",
        "other_client",
        "other_clinic_client",
    ],
)
@pytest.mark.parametrize("suffix", ["", "csv"])
def test_report_is_404_for_everyone_outside_the_round(client, everyone, discussed, role, suffix):
    assert report(client, everyone[role], discussed, suffix).status_code == 404


@pytest.mark.parametrize("who", ["therapist", "client_user"])
@pytest.mark.parametrize("suffix", ["", "csv"])
def test_no_report_before_the_reveal(client, everyone, who, suffix):
    round_ = services.round_open(
        therapist=everyone["therapist"], client_user=everyone["client_user"], title="Intake"
    )
    write_side(round_, C, "A private draft", submit=False)
    assert report(client, everyone[who], round_, suffix).status_code == 404


def test_report_escapes_what_people_wrote(client, therapist, client_user):
    round_ = services.round_open(therapist=therapist, client_user=client_user, title="Intake")
    write_side(round_, C, '<img src=x onerror="alert(1)">')
    write_side(round_, T, "<b>bold</b>")
    html = report(client, therapist, round_).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_report_links_partial_points_to_the_report_csv_and_history(discussed):
    access = as_side(discussed, T)
    html = render_to_string("alignment/_report_links.html", {"round": discussed, "access": access})
    assert reverse("round_report", args=[discussed.pk]) in html
    assert reverse("round_report_csv", args=[discussed.pk]) in html
    assert reverse("client_history", args=[discussed.client_user_id]) in html


def test_report_links_partial_is_empty_while_drafting(therapist, client_user):
    round_ = services.round_open(therapist=therapist, client_user=client_user, title="Intake")
    html = render_to_string(
        "alignment/_report_links.html", {"round": round_, "access": as_side(round_, T)}
    )
    assert html.strip() == ""
