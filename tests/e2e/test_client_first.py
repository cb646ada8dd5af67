"""What a client meets first, in a real browser: the goal form's help and counters, saved goals
folded to one line, the account page and menu, dark mode following the system, and history
readable on a phone. Axe finds nothing in light or dark, at 390×844 and 1280×900."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import PASSWORDS, labelled, open_round_for_pair, sign_in

pytestmark = pytest.mark.e2e

MAYA = "maya@harbor.test"


def save_goals(round_, side, titles, *, submit=False):
    from alignment import services
    from alignment.access import RoundAccess
    from alignment.services import GoalRow

    services.goals_save(
        access=RoundAccess(round=round_, side=side, can_write=True),
        rows=[GoalRow(None, title, "", "mood", 3) for title in titles],
        version=round_.sides.get(side=side).version,
        submit=submit,
    )


@pytest.fixture
def closed_then_drafting(live_server):
    """A closed first round (so history has a score) and a second round being written."""
    from alignment import services
    from alignment.access import RoundAccess
    from alignment.models import Round, Side

    first = open_round_for_pair("Intake")
    save_goals(first, Side.CLIENT, ["Sleep before midnight most nights"], submit=True)
    save_goals(first, Side.THERAPIST, ["Keep a steady sleep routine"], submit=True)
    first.refresh_from_db()
    services.round_close(access=RoundAccess(round=first, side=Side.THERAPIST, can_write=True))
    second = services.round_open(
        therapist=first.therapist, client_user=first.client_user, title="Week 8 review"
    )
    save_goals(second, Side.CLIENT, ["Say no to my family without feeling guilty"])
    return Round.objects.get(pk=second.pk)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_client_pages_pass_axe_in_the_systems_colour_mode(
    open_page, checks, closed_then_drafting, scheme
):
    page = open_page(DESKTOP, color_scheme=scheme)
    sign_in(page, MAYA, PASSWORDS["client"])
    expect(page.locator("html")).to_have_attribute("data-bs-theme", scheme)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(33, 37, 41)" if scheme == "dark" else "rgb(255, 255, 255)")
    checks.page(page, f"home ({scheme})")
    page.goto(reverse("round_detail", args=[closed_then_drafting.pk]))
    checks.page(page, f"drafting form ({scheme})")
    page.goto(reverse("account"))
    checks.page(page, f"account ({scheme})")
    page.goto(reverse("my_history"))
    checks.page(page, f"history ({scheme})")


def test_without_the_script_the_dark_setting_is_still_followed(
    open_page, checks, closed_then_drafting
):
    page = open_page(PHONE, color_scheme="dark")
    sign_in(page, MAYA, PASSWORDS["client"])
    page.goto(reverse("round_detail", args=[closed_then_drafting.pk]))
    # As with JavaScript off: no colour mode set on the page, only the system's preference.
    page.evaluate("document.documentElement.removeAttribute('data-bs-theme')")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(33, 37, 41)"
    checks.page(page, "drafting form (dark, no colour mode set)")


def test_goal_form_counts_goals_and_characters_and_narrows_the_examples(
    open_page, closed_then_drafting
):
    page = open_page(PHONE)
    sign_in(page, MAYA, PASSWORDS["client"])
    page.goto(reverse("round_detail", args=[closed_then_drafting.pk]))
    counter = page.locator(".goal-count")
    expect(counter).to_have_text("1 of 10 goals")
    row = page.locator("#new-goal")
    labelled(row, "Goal").fill("Walk to work")
    expect(counter).to_have_text("2 of 10 goals")
    expect(row.locator(".char-count").first).to_have_text("12 of 200 characters")

    examples = page.locator(".goal-examples")
    expect(examples.locator("summary")).to_have_text("Example goals for each life area")
    labelled(row, "Life area").select_option(label="Health, body & sleep")
    expect(examples.locator("summary")).to_have_text("Example goals for Health, body & sleep")
    examples.locator("summary").click()
    expect(examples.get_by_text("Sleep before midnight most nights")).to_be_visible()
    expect(examples.get_by_text("Drink only at weekends")).to_be_hidden()

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").first).to_contain_text("Draft saved.")
    saved = page.locator("details.goal-saved")
    expect(saved).to_have_count(2)
    expect(saved.nth(1).locator("summary")).to_contain_text("Walk to work")
    expect(saved.nth(1).get_by_label("Goal", exact=False).first).to_be_hidden()
    saved.nth(1).locator("summary").click()
    expect(labelled(saved.nth(1), "Goal")).to_have_value("Walk to work")


def test_ten_saved_goals_fit_in_about_three_phone_screens(open_page, live_server):
    from alignment.models import Side

    round_ = open_round_for_pair("Intake")
    save_goals(round_, Side.CLIENT, [f"A goal of ordinary length, number {n}" for n in range(10)])
    page = open_page(PHONE)
    sign_in(page, MAYA, PASSWORDS["client"])
    page.goto(reverse("round_detail", args=[round_.pk]))
    expect(page.locator(".goal-count")).to_have_text("10 of 10 goals")
    height = page.locator("section[aria-labelledby=goals]").bounding_box()["height"]
    assert height <= 3 * PHONE["height"], height


def test_account_menu_leads_to_the_account_page_and_saves_a_preference(
    open_page, closed_then_drafting
):
    from accounts.models import User

    page = open_page(PHONE)
    sign_in(page, MAYA, PASSWORDS["client"])
    menu = page.locator("details.account-menu")
    expect(menu.get_by_role("link", name="Your account")).to_be_hidden()
    menu.locator("summary").click()
    expect(menu.get_by_role("link", name="Your account")).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu.get_by_role("link", name="Your account")).to_be_hidden()
    menu.locator("summary").click()
    menu.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    page.get_by_label("Only when something needs me").check()
    page.get_by_role("button", name="Save my account").click()
    expect(page.get_by_role("status").first).to_contain_text("Your account is saved.")
    assert User.objects.get(email=MAYA).email_preference == "needed"


def test_history_on_a_phone_keeps_chart_labels_and_agreed_goals_readable(
    open_page, closed_then_drafting
):
    page = open_page(PHONE)
    sign_in(page, MAYA, PASSWORDS["client"])
    page.goto(reverse("my_history"))
    sizes = page.evaluate(
        """() => {
          const svg = document.querySelector("svg.score-chart");
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return Array.from(svg.querySelectorAll("text"), (text) =>
            parseFloat(getComputedStyle(text).fontSize) * scale);
        }"""
    )
    assert sizes and min(sizes) >= 12, sizes
    column = page.locator(".history-table thead th").last.bounding_box()
    assert column["width"] >= 180, column
