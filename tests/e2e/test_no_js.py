"""JavaScript off: the core of a round works with plain form posts and redirects.

Writing and submitting goals, labelling, linking, commenting, proposing, confirming and
closing: each is a POST that answers with a redirect to the round page (no htmx here).
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import (
    PASSWORDS,
    agenda_item,
    open_item,
    open_round_for_pair,
    sign_in,
    write_goal,
)

pytestmark = pytest.mark.e2e

CLIENT_GOAL = "Stop being so hard on myself when I make mistakes"
THERAPIST_GOALS = ["Reduce self-criticism after setbacks", "Accept average results at work"]
REASON = "Good results at work matter to me; I want to reach them, not lower them."
COMMENT = "Same goal in other words, I think."
SELF_WORTH = "Self-worth & self-criticism"


@pytest.fixture
def week_8_round(live_server):
    return open_round_for_pair("Week 8 review")


def expect_redirected_to(page, round_url, anchor_prefix):
    """A plain post came back as a redirect to the round page, at the changed part (unfolded
    by `?open=` when it is an agenda item)."""
    expect(page).to_have_url(
        re.compile(re.escape(round_url) + r"(\?open=[\w-]+)?#" + anchor_prefix)
    )


def test_a_round_without_javascript(open_page, week_8_round):
    round_url = reverse("round_detail", args=[week_8_round.pk])
    therapist = open_page(DESKTOP, java_script_enabled=False)
    client = open_page(PHONE, java_script_enabled=False)
    sign_in(therapist, "chen@harbor.test", PASSWORDS["therapist"])
    sign_in(client, "maya@harbor.test", PASSWORDS["client"])
    # The page's scripts did not run (Playwright's own evaluation still works).
    assert therapist.evaluate("() => typeof window.htmx") == "undefined"

    # The therapist writes two goals and submits.
    therapist.goto(round_url)
    write_goal(therapist, title=THERAPIST_GOALS[0], area=SELF_WORTH, importance=4)
    therapist.get_by_role("button", name="Save and add another goal").click()
    expect_redirected_to(therapist, round_url, "new-goal")
    write_goal(therapist, title=THERAPIST_GOALS[1], area="Work & study", importance=3)
    therapist.get_by_role("button", name="Submit my goals").click()
    expect(therapist.get_by_role("status").first).to_contain_text("Submitted.")

    # The client writes one goal and submits: both lists are revealed.
    client.goto(round_url)
    expect(client.get_by_text("Dr. Chen has submitted their goals.")).to_be_visible()
    write_goal(client, title=CLIENT_GOAL, area=SELF_WORTH, importance=4)
    client.get_by_role("button", name="Submit my goals").click()
    expect(client.locator(".state-badge").first).to_have_text("discussing")

    # The client opens the therapist's goal from the overview (a link, the page reloads with
    # that item unfolded) and labels it overboard on a small form page.
    item = open_item(client, THERAPIST_GOALS[1])
    goal = item.locator(".goal").filter(has_text=THERAPIST_GOALS[1])
    goal.get_by_role("link", name="Label this goal overboard").click()
    expect(client.get_by_role("heading", level=1)).to_have_text("Label a goal overboard")
    client.get_by_label("not what I want from therapy").check()
    client.get_by_label("In your words (required)").fill(REASON)
    client.get_by_role("button", name="Place the label").click()
    expect_redirected_to(client, round_url, "goal-")
    expect(client.locator(".overboard-label")).to_contain_text(REASON)
    expect(agenda_item(client, THERAPIST_GOALS[1]).locator(".messages")).to_contain_text(
        "Label placed."
    )

    # The therapist sees the label, links the suggested pair, comments and proposes "keep".
    therapist.goto(round_url)
    open_item(therapist, THERAPIST_GOALS[1])
    expect(therapist.locator(".overboard-label")).to_contain_text(REASON)
    open_item(therapist, CLIENT_GOAL)
    suggestion = therapist.locator(".suggestion").filter(has_text=THERAPIST_GOALS[0])
    suggestion.get_by_role("button", name="Link").click()
    expect_redirected_to(therapist, round_url, "item-p")
    shared = agenda_item(therapist, CLIENT_GOAL)
    expect(shared.locator("h3")).to_contain_text("Shared")
    shared.get_by_role("link", name="Comment").click()
    therapist.get_by_label("Add a comment").fill(COMMENT)
    therapist.get_by_role("button", name="Post comment").click()
    expect_redirected_to(therapist, round_url, "item-")
    expect(shared.locator(".comment-body")).to_have_text(COMMENT)
    shared.get_by_role("link", name="Propose a resolution").click()
    therapist.get_by_label("keep", exact=True).check()
    therapist.get_by_role("button", name="Send proposal").click()
    expect_redirected_to(therapist, round_url, "item-")
    expect(shared.locator(".resolution")).to_contain_text("proposed by Dr. Chen")

    # The client reads the comment and confirms; the agreed goal shows on both sides.
    client.goto(round_url)
    item = open_item(client, CLIENT_GOAL)
    expect(item.locator(".comment-body")).to_have_text(COMMENT)
    item.get_by_role("button", name="Confirm").click()
    expect_redirected_to(client, round_url, "item-")
    expect(client.locator(".agreed")).to_contain_text(CLIENT_GOAL)
    therapist.reload()
    expect(therapist.locator(".agreed")).to_contain_text(CLIENT_GOAL)

    # The therapist closes the round, confirming on the page that says what closing does.
    therapist.get_by_role("button", name="Close the round").click()
    expect(therapist.get_by_role("heading", name="Close this round?")).to_be_visible()
    expect(therapist.locator(".state-badge")).to_have_count(0)
    therapist.get_by_role("button", name="Yes, close the round").click()
    expect(therapist.locator(".state-badge").first).to_have_text("closed")
    client.reload()
    expect(client.locator(".state-badge").first).to_have_text("closed")
    expect(client.locator(".agreed")).to_contain_text(CLIENT_GOAL)
