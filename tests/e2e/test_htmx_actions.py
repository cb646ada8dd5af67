"""Every in-page action with JavaScript on: swapped in place, with no console error and no
Content Security Policy violation, on the demo's rounds under discussion.

The round page shows each agenda item folded: unfolding one fetches its body with htmx, and
each form (comment, label, link, propose) is a link that htmx fetches into the item.

The guard (conftest.py) listens for `securitypolicyviolation` events and console errors on every
page; here each action is also proved to be an htmx swap (the page was not reloaded), and the
count of violations is read from the page after each swap so a failure names the action.
"""

import pytest
from playwright.sync_api import expect

from accounts import demo
from alignment import demo as round_demo
from alignment.models import Round
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

MARK = "() => { window.__e2eNotReloaded = true; }"
STILL_MARKED = "() => window.__e2eNotReloaded === true"
VIOLATIONS = "() => (window.__e2eCspViolations || []).length"


@pytest.fixture
def demo_data(live_server):
    people = demo.seed_accounts()
    round_demo.seed_rounds(people)
    return people


def unfold(page, key):
    """Unfold the agenda item `key` (its body is fetched by htmx) and return it."""
    item = page.locator(f"#item-{key}")
    if item.get_attribute("open") is None:
        item.locator("summary").click()
    expect(item.locator(".goal").first).to_be_visible()
    return item


def open_form(scope, link_name, field):
    """Open an item's form from its link (htmx fetches it into the item); wait for `field`."""
    scope.get_by_role("link", name=link_name, exact=True).click()
    expect(scope.get_by_label(field).first).to_be_visible()


def act(page, guard, what, do, *, then):
    """Do one in-page action and check it was swapped in place, cleanly."""
    page.evaluate(MARK)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        do()
    assert answer.value.request.headers.get("hx-request") == "true", f"{what}: not sent by htmx"
    expect(then).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.evaluate(STILL_MARKED), f"{what}: the page was reloaded, not swapped in place"
    assert page.evaluate(VIOLATIONS) == 0, f"{what}: CSP violations {guard.csp_violations}"
    assert not guard.console_errors, f"{what}: console errors {guard.console_errors}"


def test_every_in_page_action_swaps_without_errors(open_page, guard, demo_data):
    week8 = Round.objects.get(title="Week 8 review")
    therapist = open_page(DESKTOP)
    client = open_page(PHONE)
    sign_in(therapist, "therapist@example.com", demo.DEMO_PASSWORD)
    sign_in(client, "client@example.com", demo.DEMO_PASSWORD)
    therapist.goto(f"/rounds/{week8.pk}/")
    client.goto(f"/rounds/{week8.pk}/")
    expect(therapist.locator("details.agenda-item[open]")).to_have_count(0)

    # The therapist comments on the labelled item.
    sit_with_failure = week8.goals.get(title="Learn to sit with failure")
    item = unfold(therapist, f"g{sit_with_failure.pk}")
    open_form(item, "Comment", "Add a comment")
    item.get_by_label("Add a comment").fill("Let's talk about this one first.")
    act(
        therapist,
        guard,
        "comment",
        lambda: item.get_by_role("button", name="Post comment").click(),
        then=therapist.get_by_text("Let's talk about this one first."),
    )

    # The therapist labels Maya's goal overboard, then withdraws the label.
    panicking = week8.goals.get(title="Stop panicking before auditions")
    unfold(therapist, f"g{panicking.pk}")
    goal = therapist.locator(f"#goal-{panicking.pk}")
    open_form(goal, "Label this goal overboard", "In your words (required)")
    goal.get_by_label("other").check()
    goal.get_by_label("In your words (required)").fill("Panic is a signal, not a failing.")
    act(
        therapist,
        guard,
        "label",
        lambda: goal.get_by_role("button", name="Place the label").click(),
        then=therapist.get_by_text("Panic is a signal, not a failing."),
    )
    act(
        therapist,
        guard,
        "withdraw label",
        lambda: therapist.get_by_role("button", name="Withdraw my label").click(),
        then=therapist.locator(".withdrawn-label", has_text="Panic is a signal"),
    )

    # The therapist links the suggested pair, unlinks it, then links it again by the form.
    anxiety = week8.goals.get(title="Reduce performance anxiety")
    pair = therapist.locator(f"#item-p{panicking.pk}-{anxiety.pk}")
    act(
        therapist,
        guard,
        "link a suggestion",
        lambda: (
            unfold(therapist, f"g{panicking.pk}")
            .locator(".suggestion")
            .get_by_role("button", name="Link", exact=True)
            .click()
        ),
        then=pair,
    )
    act(
        therapist,
        guard,
        "unlink",
        lambda: (
            unfold(therapist, f"p{panicking.pk}-{anxiety.pk}")
            .get_by_role("button", name="Unlink these goals")
            .click()
        ),
        then=therapist.locator(f"#item-g{panicking.pk}"),
    )
    item = unfold(therapist, f"g{panicking.pk}")
    open_form(item, "Link with a goal from the other list", "The goal from the other list")
    link_form = item.locator(f"#form-g{panicking.pk}")
    link_form.get_by_label("The goal from the other list").select_option(label=anxiety.title)
    link_form.get_by_label("They mean the same thing").check()
    act(
        therapist,
        guard,
        "link by the form",
        lambda: link_form.get_by_role("button", name="Link", exact=True).click(),
        then=pair,
    )

    # The therapist proposes a resolution; the client confirms the therapist's earlier one.
    unfold(therapist, f"p{panicking.pk}-{anxiety.pk}")
    open_form(pair, "Propose a resolution", "keep")
    pair.get_by_label("keep").check()
    act(
        therapist,
        guard,
        "propose",
        lambda: pair.get_by_role("button", name="Send proposal").click(),
        then=therapist.get_by_role("status").filter(has_text="propos").first,
    )

    client.reload()
    labelled_item = unfold(client, f"g{sit_with_failure.pk}")
    act(
        client,
        guard,
        "confirm",
        lambda: labelled_item.get_by_role("button", name="Confirm").click(),
        then=client.get_by_role("status").filter(has_text="onfirm").first,
    )
    act(
        client,
        guard,
        "withdraw own label",
        lambda: (
            unfold(client, f"g{sit_with_failure.pk}")
            .get_by_role("button", name="Withdraw my label")
            .click()
        ),
        then=client.locator(".withdrawn-label").first,
    )

    # The link form also offers "pulling apart": the therapist links the last two goals so.
    broadway = week8.goals.get(title="Get cast in a Broadway show within three years")
    therapist.reload()
    item = unfold(therapist, f"g{broadway.pk}")
    open_form(item, "Link with a goal from the other list", "The goal from the other list")
    link_form = item.locator(f"#form-g{broadway.pk}")
    link_form.get_by_label("The goal from the other list").select_option(
        label=sit_with_failure.title
    )
    link_form.get_by_label("They are about the same thing but pull apart").check()
    apart = therapist.locator(f"#item-p{broadway.pk}-{sit_with_failure.pk}")
    act(
        therapist,
        guard,
        "link as pulling apart",
        lambda: link_form.get_by_role("button", name="Link", exact=True).click(),
        then=apart,
    )
    expect(apart.locator("h3")).to_contain_text("Pulling apart")
    guard.assert_clean()
