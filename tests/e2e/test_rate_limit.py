"""Past a rate limit, htmx shows the server's "try again in" sentence and keeps what was typed."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.helpers import PASSWORDS, open_round_for_pair, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def revealed_round(live_server, settings):
    from alignment import services
    from alignment.access import RoundAccess
    from alignment.models import Side
    from alignment.services import GoalRow

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment_user": (1, 600)}
    round_ = open_round_for_pair("Week 8 review")
    for side, title in ((Side.CLIENT, "Find a new job"), (Side.THERAPIST, "Regular sleep")):
        services.goals_save(
            access=RoundAccess(round_, side, can_write=True),
            rows=[GoalRow(None, title, "", "health", 3)],
            version=round_.sides.get(side=side).version,
            submit=True,
        )
    return round_


def test_a_comment_past_the_limit_says_when_to_try_again(page, guard, revealed_round):
    sign_in(page, "chen@harbor.test", PASSWORDS["therapist"])
    page.goto(reverse("round_detail", args=[revealed_round.pk]))
    # The reader's own one-sided goal is the item "Only you"; unfolding it fetches its body,
    # and the comment form is a link that htmx fetches into the item.
    item = page.locator("details.agenda-item").filter(
        has=page.locator("summary", has_text="Only you")
    )
    expect(item).to_have_count(1)
    item.locator("summary").click()
    item.get_by_role("link", name="Comment", exact=True).click()
    item.get_by_label("Add a comment").fill("First thought")
    item.get_by_role("button", name="Post comment").click()
    expect(item.locator(".comment-body")).to_have_text("First thought")

    item.get_by_role("link", name="Comment", exact=True).click()
    item.get_by_label("Add a comment").fill("Second thought, kept")
    item.get_by_role("button", name="Post comment").click()
    expect(item.get_by_role("alert")).to_contain_text(
        re.compile(r"not saved\. You can try again in \d+ minutes?\.")
    )
    expect(item.get_by_label("Add a comment")).to_have_value("Second thought, kept")
    # The browser and htmx log the 429 answer itself as a console error: that answer is what
    # this test provokes. Any other console error still fails the test.
    expected = [error for error in guard.console_errors if "429" in error]
    assert expected
    guard.console_errors = [error for error in guard.console_errors if error not in expected]
