"""The revealed round at a glance: the overview, items unfolded on demand, pulling apart, and
the "discuss together" view, with JavaScript on and off, at desktop and phone sizes."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from alignment.models import Goal, Link, Side
from tests.alignment.conftest import comment, key_of, label, link, propose, write_side
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import PASSWORDS, agenda_item, open_item, open_round_for_pair, sign_in

pytestmark = pytest.mark.e2e

CLIENT_TITLES = [
    "Stop panicking before exams",
    "Be kinder to myself",
    "Sleep through the night",
    "Drink less on weekdays",
    "Make one new friend",
    "Finish assignments on time",
    "Argue less with my partner",
    "Feel less low in mornings",
    "Find a job I care about",
    "Go out every weekend",
]
THERAPIST_TITLES = [
    "Reduce test anxiety",
    "Reduce self-criticism",
    "Improve sleep hygiene",
    "Cut down alcohol",
    "Reduce loneliness",
    "Work on procrastination",
    "Calmer talks with partner",
    "Lift low mood",
    "Clarify career direction",
    "Cut down on nights out",
]
OVERVIEW_LIMIT = 1350  # px from the top of the page at 1280×900


@pytest.fixture
def big_round(live_server):
    """10 + 10 goals, revealed: three pairs mean the same, one pulls apart, one label."""
    from accounts.models import User

    round_ = open_round_for_pair("Intake")
    mine = write_side(round_, Side.CLIENT, *CLIENT_TITLES)
    theirs = write_side(round_, Side.THERAPIST, *THERAPIST_TITLES)
    client_user = User.objects.get(email="maya@harbor.test")
    therapist = User.objects.get(email="chen@harbor.test")
    for i in range(3):
        link(therapist, round_, mine[i], theirs[i])
    label(therapist, round_, mine[4], reason="One new friend is a fine start.")
    comment(client_user, round_, key_of(mine[0], theirs[0]), "Exams are in May.")
    propose(therapist, round_, key_of(mine[1], theirs[1]), "keep")
    return round_


def page_bottom(locator):
    box = locator.bounding_box()
    return box["y"] + box["height"] + locator.page.evaluate("() => window.scrollY")


def test_overview_first_then_items_unfold_in_place_and_a_pair_can_pull_apart(
    open_page, checks, big_round
):
    round_url = reverse("round_detail", args=[big_round.pk])
    page = open_page(DESKTOP)
    sign_in(page, "chen@harbor.test", PASSWORDS["therapist"])
    page.goto(round_url)

    # Every goal title of both lists is in the overview, within the first 1,350 px.
    for title in CLIENT_TITLES + THERAPIST_TITLES:
        cell = page.locator(".overview-table .ov-title", has_text=title)
        expect(cell).to_be_visible()
        assert page_bottom(cell) <= OVERVIEW_LIMIT, title
    pair_row = page.locator(".overview-table tbody tr").filter(has_text=CLIENT_TITLES[0])
    expect(pair_row).to_contain_text(THERAPIST_TITLES[0])  # a pair shares one row
    expect(page.locator("details.agenda-item[open]")).to_have_count(0)
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height <= 3400, height
    checks.page(page, "round overview (therapist, 10 + 10)")

    # A row unfolds its item in place (no reload) with its details; forms open when asked.
    item = open_item(page, "Make one new friend")
    assert "?open=" not in page.url
    expect(item.locator(".overboard-label")).to_contain_text("One new friend is a fine start.")
    expect(item.locator("textarea")).to_have_count(0)

    # The therapist links "Go out every weekend" with "Cut down on nights out": they pull apart.
    item = open_item(page, "Go out every weekend")
    item.get_by_role("link", name="Link with a goal from the other list").click()
    item.get_by_label("The goal from the other list").select_option(label="Cut down on nights out")
    item.get_by_label("They are about the same thing but pull apart").check()
    scrolled = page.evaluate("() => window.scrollY")
    item.get_by_role("button", name="Link", exact=True).click()
    apart = agenda_item(page, "Cut down on nights out")
    expect(apart.locator("h3")).to_contain_text("Pulling apart")
    message = apart.locator(".messages .alert")
    expect(message).to_be_focused()
    expect(message).to_contain_text("Linked as pulling apart")
    expect(message).to_be_in_viewport()
    assert abs(page.evaluate("() => window.scrollY") - scrolled) < 900  # no jump to the top
    row = page.locator(".overview-table tbody tr").filter(has_text="Go out every weekend")
    expect(row).to_contain_text("Pulling apart")
    expect(row).to_contain_text("Cut down on nights out")
    link_ = Link.objects.get(client_goal__title="Go out every weekend", removed_at__isnull=True)
    assert link_.relation == Link.Relation.OPPOSED
    checks.page(page, "round: pulling apart linked (therapist)")


def test_on_a_phone_the_overview_stacks_one_line_per_goal(open_page, checks, big_round):
    page = open_page(PHONE)
    sign_in(page, "maya@harbor.test", PASSWORDS["client"])
    page.goto(reverse("round_detail", args=[big_round.pk]))
    row = page.locator(".overview-table tbody tr").filter(has_text=CLIENT_TITLES[0])
    client_cell, therapist_cell = row.locator(".ov-client"), row.locator(".ov-therapist")
    client_box, therapist_box = client_cell.bounding_box(), therapist_cell.bounding_box()
    assert client_box["y"] + client_box["height"] <= therapist_box["y"] + 1  # stacked
    line = page.evaluate(
        "(el) => parseFloat(getComputedStyle(el).lineHeight)", client_cell.element_handle()
    )
    for cell in (client_cell, therapist_cell):
        assert cell.bounding_box()["height"] < 1.8 * line  # one compact line per goal
    # Who wrote each goal, in words, leads its line.
    before = page.evaluate(
        "(el) => getComputedStyle(el, '::before').content", client_cell.element_handle()
    )
    assert "Maya Rivera" in before
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    checks.page(page, "round overview (client, phone)")


def press(page, key):
    """A key once the page's scripts have run (they are deferred)."""
    page.wait_for_load_state()
    page.keyboard.press(key)


def test_discuss_together_one_item_at_a_time_by_keyboard(open_page, checks, big_round):
    page = open_page(DESKTOP)
    sign_in(page, "maya@harbor.test", PASSWORDS["client"])
    page.goto(reverse("round_detail", args=[big_round.pk]))
    page.get_by_role("link", name=re.compile("Discuss together")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Discuss together")
    checks.page(page, "discuss together: overview")
    press(page, "j")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Item 1 of")
    expect(page.locator(".overboard-label")).to_contain_text("One new friend is a fine start.")
    press(page, "ArrowRight")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Item 2 of")
    press(page, "k")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Item 1 of")
    press(page, "ArrowLeft")  # nothing before the first item
    expect(page.get_by_role("heading", level=1)).to_contain_text("Item 1 of")
    checks.page(page, "discuss together: item")

    # The client confirms the therapist's proposal there and stays on that item.
    row = page.get_by_role("link", name="Overview")
    row.click()
    page.locator(".overview-table tbody tr").filter(has_text="Be kinder to myself").locator(
        "a.overview-link"
    ).click()
    number = re.search(r"Item (\d+) of", page.get_by_role("heading", level=1).inner_text())[1]
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Item {number} of")
    expect(page.locator(".resolution")).to_contain_text("agreed")
    expect(page.get_by_role("textbox")).to_have_count(0)  # read-only except proposals


def test_discuss_together_and_folded_items_without_javascript(open_page, checks, big_round):
    round_url = reverse("round_detail", args=[big_round.pk])
    page = open_page(PHONE, java_script_enabled=False)
    sign_in(page, "chen@harbor.test", PASSWORDS["therapist"])
    page.goto(round_url)
    # A row is a link: the page comes back with that item unfolded.
    item = open_item(page, "Stop panicking before exams")
    assert "?open=" in page.url
    expect(item.locator(".comment-body")).to_have_text("Exams are in May.")
    visited = [page.url]

    page.goto(reverse("round_together_item", args=[big_round.pk, 1]))
    page.get_by_role("link", name="Next item").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Item 2 of")
    page.get_by_role("link", name=re.compile("Propose")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a resolution")
    visited.append(page.url)
    page.get_by_label("agree to differ").check()
    page.get_by_role("button", name="Send proposal").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Item 2 of")
    expect(page.locator(".resolution")).to_contain_text("proposed by Dr. Chen")
    visited.append(page.url)
    assert Goal.objects.filter(round=big_round).count() == 20

    # The same pages, as served, go through axe (which needs scripts) in a second browser.
    reader = open_page(PHONE)
    sign_in(reader, "chen@harbor.test", PASSWORDS["therapist"])
    for number, url in enumerate(visited):
        reader.goto(url)
        checks.page(reader, f"served without JavaScript {number} (phone)")
