"""Exports in a real browser: the printed treatment plan fits one page, the downloads arrive,
and the page that closes an account passes axe at both sizes."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import PASSWORDS, open_round_for_pair, sign_in
from tests.exports.helpers import checked_bundle

pytestmark = pytest.mark.e2e

CLIENT_GOALS = (
    ("Get cast in a Broadway show within three years", "Callbacks turn into offers."),
    ("Recover faster after audition rejections", "A no costs me an evening, not a week."),
    ("Sleep seven hours before auditions", "Lights out by eleven on audition eves."),
)
THERAPIST_GOALS = (
    ("Build resilience to rejection", "Bounces back within a day."),
    ("Keep a steady sleep routine", "Same bedtime five nights a week."),
    ("Learn to sit with failure", ""),
)


@pytest.fixture
def three_goal_round(live_server):
    """A closed round of three goals a side: two pairs agreed, one goal labelled, comments."""
    from alignment import services
    from alignment.access import RoundAccess
    from alignment.models import Goal, Side
    from alignment.services import GoalRow

    round_ = open_round_for_pair("Intake")
    sides = {Side.CLIENT: CLIENT_GOALS, Side.THERAPIST: THERAPIST_GOALS}
    access = {side: RoundAccess(round=round_, side=side, can_write=True) for side in sides}
    for side, goals in sides.items():
        services.goals_save(
            access=access[side],
            rows=[GoalRow(None, t, s, "mood", 4) for t, s in goals],
            version=round_.sides.get(side=side).version,
            submit=True,
        )
    round_.refresh_from_db()
    goal = {g.title: g for g in Goal.objects.filter(round=round_)}
    client_user, therapist = round_.client_user, round_.therapist
    pairs = [
        (CLIENT_GOALS[1][0], THERAPIST_GOALS[0][0]),
        (CLIENT_GOALS[2][0], THERAPIST_GOALS[1][0]),
    ]
    for c, t in pairs:
        services.link_create(
            access=access[Side.THERAPIST],
            client_goal=goal[c],
            therapist_goal=goal[t],
            by=therapist,
        )
        key = f"p{goal[c].pk}-{goal[t].pk}"
        res = services.resolution_propose(
            access=access[Side.THERAPIST], item_key=key, decision="keep", new_title="", by=therapist
        )
        services.resolution_confirm(access=access[Side.CLIENT], resolution=res, by=client_user)
    services.label_place(
        access=access[Side.CLIENT],
        goal=goal[THERAPIST_GOALS[2][0]],
        kind="not_wanted",
        reason="I came to get better at handling rejection, not to stop trying.",
        placed_by=client_user,
    )
    res = services.resolution_propose(
        access=access[Side.CLIENT],
        item_key=f"g{goal[CLIENT_GOALS[0][0]].pk}",
        decision="keep",
        new_title="",
        by=client_user,
    )
    services.resolution_confirm(access=access[Side.THERAPIST], resolution=res, by=therapist)
    services.comment_add(
        access=access[Side.THERAPIST],
        item_key=f"g{goal[THERAPIST_GOALS[2][0]].pk}",
        body="Fair: let us word it around recovering, not accepting.",
        author=therapist,
    )
    services.round_close(access=access[Side.THERAPIST])
    round_.refresh_from_db()
    return round_


def pdf_pages(page, paper):
    return len(PdfReader(io.BytesIO(page.pdf(format=paper, print_background=False))).pages)


def test_printed_treatment_plan_fits_one_page_with_signature_lines(open_page, three_goal_round):
    therapist = open_page(DESKTOP)
    sign_in(therapist, "chen@harbor.test", PASSWORDS["therapist"])
    therapist.goto(reverse("round_report", args=[three_goal_round.pk]))
    expect(
        therapist.get_by_text("Harbor Clinic · Treatment plan and goal alignment")
    ).to_be_visible()
    # Not an axe check here: the report's goal tables scroll on a phone without being
    # focusable, a known problem of that page fixed separately; this test is about paper.
    therapist.emulate_media(media="print")
    expect(therapist.locator(".report-signatures")).to_be_visible()
    agreed = therapist.locator(".report-agreed li")
    expect(agreed).to_have_count(3)
    expect(agreed.first).to_contain_text("Callbacks turn into offers.")
    assert pdf_pages(therapist, "A4") == 1
    assert pdf_pages(therapist, "Letter") == 1
    text = PdfReader(io.BytesIO(therapist.pdf(format="A4"))).pages[0].extract_text()
    for words in ("Agreed goals", "Both lists of goals", "Overboard labels", "Signature", "Date"):
        assert words in text
    assert text.index("Agreed goals") < text.index("Both lists of goals")
    assert text.index("Both lists of goals") < text.index("Overboard labels")


def test_client_downloads_their_data_and_sees_the_closing_page(open_page, checks, three_goal_round):
    for viewport in (PHONE, DESKTOP):
        client = open_page(viewport)
        sign_in(client, "maya@harbor.test", PASSWORDS["client"])
        with client.expect_download() as info:
            client.get_by_role("link", name="Download everything SamePage holds about you").click()
        archive = zipfile.ZipFile(info.value.path())
        assert "README.txt" in archive.namelist()
        data = json.loads(archive.read("data.json"))
        assert data["rounds"][0]["title"] == "Intake"
        client.get_by_role("link", name="Close your account").click()
        expect(client.get_by_role("heading", level=1)).to_have_text("Close your account")
        checks.page(client, f"close your account {viewport['width']}")
    client.get_by_label("I understand").check()
    client.get_by_role("button", name="Close my account").click()
    expect(client.get_by_role("heading", level=1)).to_have_text("Your account is closed")
    checks.page(client, "account closed")


def test_client_closes_their_account_without_javascript(open_page, three_goal_round):
    client = open_page(PHONE, java_script_enabled=False)
    sign_in(client, "maya@harbor.test", PASSWORDS["client"])
    client.goto(reverse("account_close"))
    client.get_by_label("I understand").check()
    client.get_by_role("button", name="Close my account").click()
    expect(client.get_by_role("heading", level=1)).to_have_text("Your account is closed")


def test_therapist_downloads_the_fhir_bundle(open_page, three_goal_round):
    therapist = open_page(DESKTOP)
    sign_in(therapist, "chen@harbor.test", PASSWORDS["therapist"])
    therapist.goto(reverse("client_history", args=[three_goal_round.client_user_id]))
    with therapist.expect_download() as info:
        therapist.get_by_role("link", name="Download this client's goals").click()
    with open(info.value.path()) as file:
        bundle = checked_bundle(json.load(file))
    goals = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Goal"]
    assert len(goals) == 6
    assert {g["lifecycleStatus"] for g in goals} == {"active", "rejected"}
