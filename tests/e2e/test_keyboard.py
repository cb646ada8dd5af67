"""Keyboard only: sign in, write goals and submit them with Tab, typing, Space and Enter.

After every Tab the focused element must show where the focus is (an outline or a box
shadow) and be on screen.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from alignment.models import Goal, Side
from tests.e2e.helpers import PASSWORDS, open_round_for_pair

pytestmark = pytest.mark.e2e

# What the focused element looks like, and a key to know when Tab has come round again.
FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "" && style.boxShadow !== "none";
  // Number each element the first time it has the focus: twins (two "Label my own goal
  // overboard" summaries) must not look like the same element coming round again.
  if (!element.dataset.e2eTab) {
    window.__e2eTabCount = (window.__e2eTabCount || 0) + 1;
    element.dataset.e2eTab = String(window.__e2eTabCount);
  }
  return {
    key: element.dataset.e2eTab,
    html: element.outerHTML.slice(0, 160),
    indicated: outline || shadow,
    outline: `${style.outlineStyle} ${style.outlineWidth}`,
    shadow: style.boxShadow,
  };
}"""
# Bootstrap scrolls smoothly, so a newly focused element may take a moment to come into view.
FOCUS_ON_SCREEN = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return true;
  const rect = element.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
    && rect.top < innerHeight && rect.left < innerWidth && element.checkVisibility();
}"""
# Once loaded, the browser scrolls (smoothly) to the #fragment and moves the point Tab starts
# from; a cycle begun before that would jump. Wait until the scroll is done.
SCROLL_SETTLED = """() => new Promise((resolve) => {
  const before = scrollY;
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const still = scrollY === before;
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (!target) return resolve(still);
    const atBottom = innerHeight + scrollY >= document.documentElement.scrollHeight - 1;
    resolve(still && (Math.abs(target.getBoundingClientRect().top) < 2 || atBottom));
  }));
})"""
MAX_TABS = 120


def focus_state(page):
    """The focused element, after checking that its focus is indicated and that it is in view."""
    state = page.evaluate(FOCUS_STATE)
    if state is None:
        return None
    assert state["indicated"], (
        f"Focus is not visible on {state['html']} "
        f"(outline {state['outline']}, box-shadow {state['shadow']})"
    )
    try:
        page.wait_for_function(FOCUS_ON_SCREEN, timeout=3_000)
    except PlaywrightTimeoutError:
        raise AssertionError(f"The focused element stays off screen: {state['html']}") from None
    return state


def tab_to(page, selector):
    """Press Tab until the element matching `selector` has the focus; check focus on the way."""
    for _ in range(MAX_TABS):
        focus_state(page)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def tab_all_the_way_round(page):
    """Tab through every focusable element of the page until the first one comes back.

    Returns the markup of each element that had the focus, in order.
    """
    page.wait_for_load_state("load")
    page.wait_for_function(SCROLL_SETTLED)
    visited = {}
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = focus_state(page)
        if state is None:  # between the end of the page and its start
            continue
        if state["key"] in visited:
            return list(visited.values())
        visited[state["key"]] = state["html"]
    raise AssertionError(f"Tab did not come round in {MAX_TABS} steps on {page.url}")


def reached(visited, *fragments):
    """Whether every fragment of markup is in some element that had the focus."""
    return all(any(fragment in html for html in visited) for fragment in fragments)


@pytest.fixture
def round_for_keyboard(live_server):
    return open_round_for_pair("Intake")


def test_goal_form_by_keyboard_alone_with_focus_always_visible(page, round_for_keyboard):
    keyboard = page.keyboard

    # Sign in: the email field has the focus when the page opens.
    page.goto(reverse("login"))
    tab_to(page, "#id_username")
    keyboard.type("maya@harbor.test")
    tab_to(page, "#id_password")
    keyboard.type(PASSWORDS["client"])
    tab_to(page, "main button[type=submit]")
    keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maya")

    # From home to the round, by keyboard.
    round_url = reverse("round_detail", args=[round_for_keyboard.pk])
    tab_to(page, f'main a[href="{round_url}"]')
    keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Intake")

    # Every focusable element of the empty goal form shows its focus.
    visited = tab_all_the_way_round(page)
    assert reached(visited, "Skip to main content", "Your account", 'name="goals-0-title"'), visited
    assert reached(visited, 'value="submit"'), visited

    # The first goal; the selects are set by typing, as a keyboard user does.
    tab_to(page, "#id_goals-0-title")
    keyboard.type("Stop panicking before exams")
    tab_to(page, "#id_goals-0-success")
    keyboard.type("I sit the exam and breathe normally.")
    tab_to(page, "#id_goals-0-area")
    keyboard.type("Stress")
    tab_to(page, "#id_goals-0-importance")
    keyboard.type("5")
    expect(page.locator("#id_goals-0-area")).to_have_value("stress_anxiety")
    expect(page.locator("#id_goals-0-importance")).to_have_value("5")
    tab_to(page, "button[value=add]")
    keyboard.press("Space")
    expect(page.get_by_role("status").first).to_contain_text("Draft saved.")

    # The second goal, then Enter on "Submit my goals".
    tab_to(page, "#id_goals-1-title")
    keyboard.type("Get excellent grades while working full time")
    tab_to(page, "#id_goals-1-area")
    keyboard.type("Work")
    expect(page.locator("#id_goals-1-area")).to_have_value("work_study")
    tab_to(page, "button[value=submit]")
    keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("Submitted.")

    goals = Goal.objects.filter(round=round_for_keyboard, side=Side.CLIENT).order_by("position")
    assert [(g.title, g.area, g.importance) for g in goals] == [
        ("Stop panicking before exams", "stress_anxiety", 5),
        ("Get excellent grades while working full time", "work_study", 3),
    ]
    assert goals[0].success == "I sit the exam and breathe normally."

    # The submitted page too: the "take back" button and the folded label forms.
    visited = tab_all_the_way_round(page)
    assert reached(visited, "Skip to main content", "Take back my submission"), visited
    assert reached(visited, "Label my own goal overboard"), visited
