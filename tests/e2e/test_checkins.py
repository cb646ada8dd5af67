"""Progress check-ins in the browser: the therapist (desktop, JavaScript on) and the client
(phone, JavaScript off) rate blind, then see both ratings, the goal they see differently
first, and the chart on the history page. Every page passes axe and the HTML checker.

E2E_SCREENSHOT_DIR=/some/folder keeps full-page screenshots of the main steps.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, axe_check
from tests.e2e.helpers import PASSWORDS, labelled, open_round_for_pair, sign_in

pytestmark = pytest.mark.e2e

GOALS = ("Sleep seven hours on work nights", "Ask for help before deadlines")
COMMENT = "I think the diary misses the nights I wake up."


@pytest.fixture
def agreed_round(live_server):
    """Maya and Dr. Chen closed a round with the two goals above agreed (kept)."""
    from alignment import services
    from alignment.access import RoundAccess
    from alignment.models import Side
    from alignment.services import GoalRow

    round_ = open_round_for_pair("Intake")
    for side in (Side.CLIENT, Side.THERAPIST):
        services.goals_save(
            access=RoundAccess(round=round_, side=side, can_write=True),
            rows=[GoalRow(None, title, "", "health", 3) for title in GOALS],
            version=0,
            submit=True,
        )
    round_.refresh_from_db()
    client_side = RoundAccess(round=round_, side=Side.CLIENT, can_write=True)
    therapist_side = RoundAccess(round=round_, side=Side.THERAPIST, can_write=True)
    goals = {(g.side, g.title): g for g in round_.goals.all()}
    for title in GOALS:
        mine, theirs = goals[(Side.CLIENT, title)], goals[(Side.THERAPIST, title)]
        services.link_create(
            access=client_side, client_goal=mine, therapist_goal=theirs, by=round_.client_user
        )
        proposal = services.resolution_propose(
            access=therapist_side,
            item_key=f"p{mine.pk}-{theirs.pk}",
            decision="keep",
            new_title="",
            by=round_.therapist,
        )
        services.resolution_confirm(access=client_side, resolution=proposal, by=round_.client_user)
    services.round_close(access=therapist_side)
    return round_


def shot(page, name):
    folder = os.environ.get("E2E_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def rate(page, title, score, note=""):
    row = page.locator("fieldset.rating-row", has_text=title)
    row.locator("label.rating-point", has_text=re.compile(rf"^{score}$")).click()
    if note:
        row.get_by_label("A short note (optional)").fill(note)


def test_both_rate_blind_then_see_the_comparison_and_the_chart(
    open_page, checks, guard, agreed_round
):
    therapist = open_page(DESKTOP)
    client = open_page(PHONE, java_script_enabled=False)
    # Axe needs scripts, so the client's pages are checked again in a phone with JavaScript on.
    client_js = open_page(PHONE)
    sign_in(therapist, "chen@harbor.test", PASSWORDS["therapist"])
    sign_in(client, "maya@harbor.test", PASSWORDS["client"])
    sign_in(client_js, "maya@harbor.test", PASSWORDS["client"])
    client_id = agreed_round.client_user_id

    # The therapist opens a check-in from the client's history.
    therapist.goto(reverse("client_history", args=[client_id]))
    checks.page(therapist, "history before any check-in (therapist)")
    therapist.get_by_role("button", name="Open a check-in").click()
    expect(therapist.get_by_role("heading", level=1)).to_have_text("Progress check-in")
    checks.page(therapist, "check-in rating form (therapist)")
    # Submitting with a goal unrated keeps what was chosen and says what to do.
    rate(therapist, GOALS[0], 8, "Sleep diary looks steady.")
    therapist.get_by_role("button", name="Submit my ratings").click()
    expect(therapist.get_by_role("status").first).to_contain_text("Rate every goal")
    expect(therapist.get_by_label("A short note (optional)").first).to_have_value(
        "Sleep diary looks steady."
    )
    expect(therapist.locator("#score-" + first_goal_id(therapist) + "-8")).to_be_checked()
    # The refusal is the answer to a POST: axe only (the HTML checker would GET the url).
    axe_check(therapist, "check-in rating form with a refusal (therapist)")
    # The browser logs the refusal's 409 as a console error: expected here, exactly once.
    (refused,) = [e for e in guard.console_errors if "409 (Conflict)" in e]
    guard.console_errors.remove(refused)
    rate(therapist, GOALS[1], 5)
    therapist.get_by_role("button", name="Save draft").click()
    expect(therapist.get_by_role("status").first).to_contain_text("Draft saved.")
    therapist.get_by_role("button", name="Submit my ratings").click()
    expect(therapist.get_by_text("You have submitted your ratings.")).to_be_visible()
    checks.page(therapist, "check-in submitted, waiting (therapist)")
    shot(therapist, "1-therapist-submitted-desktop")

    # The client's home says a check-in waits for her ratings.
    client_js.goto("/")
    expect(client_js.get_by_role("link", name="Rate your goals with Dr. Chen")).to_be_visible()
    checks.page(client_js, "home with a check-in waiting (client, phone)")

    # The client, without JavaScript, sees only that the therapist has submitted, and rates.
    client.goto(reverse("my_history"))
    client.get_by_role("link", name="Open check-in: rate the goals").click()
    expect(client.get_by_text("Dr. Chen has submitted their ratings.")).to_be_visible()
    expect(client.get_by_text("Sleep diary looks steady.")).to_have_count(0)
    rate(client, GOALS[0], 4, "Still waking at 3am.")
    client.get_by_role("button", name="Save draft").click()
    expect(client.get_by_role("status").first).to_contain_text("Draft saved.")
    shot(client, "2-client-rating-phone-no-js")
    rate(client, GOALS[1], 6)
    client.get_by_role("button", name="Submit my ratings").click()

    # Revealed: the sleep goal (4 against 8) comes first, flagged, with both notes.
    expect(client.locator(".state-badge").first).to_have_text("revealed")
    first = client.locator("article.checkin-goal").first
    expect(first).to_contain_text(GOALS[0])
    expect(first.locator(".differ-badge")).to_contain_text(
        "You see this differently (4 points apart)"
    )
    expect(first).to_contain_text("Sleep diary looks steady.")
    expect(first).to_contain_text("Still waking at 3am.")
    first.get_by_label("Add a comment").fill(COMMENT)
    first.get_by_role("button", name="Post comment").click()
    expect(client.locator(".comment-body")).to_have_text(COMMENT)
    checkin_url = urlsplit(client.url).path

    client_js.goto(checkin_url)
    expect(client_js.locator("article.checkin-goal").first).to_contain_text(COMMENT)
    checks.page(client_js, "check-in comparison (client, phone)")
    shot(client_js, "3-client-comparison-phone")

    therapist.reload()
    expect(therapist.locator("article.checkin-goal").first.locator(".comment-body")).to_have_text(
        COMMENT
    )
    checks.page(therapist, "check-in comparison (therapist)")
    shot(therapist, "4-therapist-comparison-desktop")

    # The chart and its table on both history pages.
    for page, url, name in (
        (therapist, reverse("client_history", args=[client_id]), "therapist"),
        (client, reverse("my_history"), "client, phone, no JavaScript"),
        (client_js, reverse("my_history"), "client, phone"),
    ):
        page.goto(url)
        expect(page.locator("svg.progress-chart")).to_have_count(2)
        expect(page.get_by_role("img", name=f"Ratings of “{GOALS[0]}” over time")).to_be_visible()
        table = page.locator("table", has_text=f"Ratings of “{GOALS[0]}”")
        expect(table.locator("tbody tr td").first).to_have_text("4")
        if page is not client:
            checks.page(page, f"history with progress ({name})")
    shot(therapist, "5-therapist-history-desktop")
    shot(client_js, "6-client-history-phone")

    # Attainment levels for a goal, described on their own page.
    therapist.get_by_role("link", name="Goal attainment levels (optional)").click()
    levels = therapist.locator("section.card", has_text=GOALS[0])
    for label, text in (
        ("+2: much more than expected", "Sleeps 7 hours five nights a week"),
        ("+1: somewhat more than expected", "Four nights"),
        ("0: the expected outcome", "Three nights"),
        ("−1: somewhat less than expected", "Two nights"),
        ("−2: much less than expected", "One night or none"),
    ):
        labelled(levels, label).fill(text)
    levels.get_by_role("button", name="Save levels").click()
    expect(therapist.get_by_role("status").first).to_contain_text(
        "The attainment levels are saved."
    )
    checks.page(therapist, "goal attainment levels (therapist)")


def first_goal_id(page):
    """The id of the first goal on the rating form (from its fieldset's id, "rate-<id>")."""
    return page.locator("fieldset.rating-row").first.get_attribute("id").removeprefix("rate-")
