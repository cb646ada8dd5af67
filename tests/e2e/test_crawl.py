"""Every page the demo reaches, as every demo person, on the demo data itself.

The demo is seeded into the live server's database (`seed_demo` does the same), then each demo
person signs in and follows every link of their own pages, breadth first. Each page found goes
through axe at 1280×900 and 390×844, must not scroll sideways at either size, and its HTML goes
to the Nu checker once; the guard fails the test on any console error or CSP violation.

Pages of the same shape (the same URL with other ids) are visited a few times each, not all:
enough to meet every state the demo has, and quick enough for a small machine.
"""

import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import expect

from accounts import demo
from alignment import demo as round_demo
from tests.e2e.conftest import DESKTOP, PHONE, axe_check
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

# Same-shaped pages visited at most this often per person: the demo has at most three rounds
# per person, so every round state each person can reach is met.
PER_SHAPE = 3
# Not pages: signing out, the platform operator's admin, downloads and static files.
SKIP = re.compile(r"^/(accounts/logout/|admin/|static/|favicon\.ico)|\.(csv|zip|json)$")

NO_DIALOGS = (
    "() => document.querySelectorAll('[data-confirm]')"
    ".forEach((form) => form.removeAttribute('data-confirm'))"
)
SIDEWAYS = """() => ({
  scroll: document.documentElement.scrollWidth,
  width: document.documentElement.clientWidth,
})"""


@pytest.fixture
def demo_data(live_server):
    """The demo, exactly as `manage.py seed_demo` creates it."""
    people = demo.seed_accounts()
    round_demo.seed_rounds(people)
    return people


def shape(path):
    """Ids and query strings (sort orders, filters) do not make a page of another shape."""
    return re.sub(r"\d+", "<id>", path.split("?", 1)[0])


def links_of(page, origin):
    hrefs = page.eval_on_selector_all("a[href]", "(links) => links.map((a) => a.href)")
    found = []
    for href in hrefs:
        url, _ = urldefrag(href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin or SKIP.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def assert_no_sideways_scroll(page, name):
    original = page.viewport_size
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        measured = page.evaluate(SIDEWAYS)
        assert measured["scroll"] <= measured["width"], (
            f"{name} scrolls sideways at {size['width']} px: "
            f"{measured['scroll']} px wide in {measured['width']} px"
        )
    page.set_viewport_size(original)


def crawl(page, checks, origin, who, start="/"):
    """Visit every page reachable by links from `start`; return the paths visited."""
    queue, seen, shapes, visited = deque([start]), {start}, Counter(), []
    while queue:
        path = queue.popleft()
        if shapes[shape(path)] >= PER_SHAPE:
            continue
        shapes[shape(path)] += 1
        response = page.goto(path)
        assert response is not None and response.ok, f"{who}: GET {path} answered {response}"
        name = f"{who} {path}"
        checks.page(page, name)
        assert_no_sideways_scroll(page, name)
        visited.append(path)
        for link in links_of(page, origin):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return visited


DEMO_PEOPLE = [email for email, _name, _roles, _clinic in demo.DEMO_PEOPLE]


@pytest.mark.parametrize("email", DEMO_PEOPLE)
def test_every_page_a_demo_person_reaches(open_page, checks, live_server, demo_data, email):
    page = open_page(DESKTOP)
    sign_in(page, email, demo.DEMO_PASSWORD)
    visited = crawl(page, checks, live_server.url, email.split("@")[0])
    # The home page links onwards: a crawl of one page would prove nothing.
    assert len(visited) > 2, visited


def test_every_page_before_signing_in(open_page, checks, live_server, demo_data):
    page = open_page(PHONE)
    visited = crawl(page, checks, live_server.url, "anonymous", start="/accounts/login/")
    assert "/accounts/password/reset/" in visited, visited


def test_pages_behind_forms_pass_the_same_checks(open_page, checks, live_server, demo_data):
    """Confirmation pages (as shown without JavaScript), and the pages a reassignment brings:
    the overview's rounds left open, and the new therapist's agreed goals of earlier rounds."""
    from accounts.models import User
    from alignment.models import Round

    maya = User.objects.get(email="client@example.com")
    week8 = Round.objects.get(title="Week 8 review")

    def check(page, name):
        if page.url.rstrip("/").endswith(
            ("close", "deactivate", "assign", "close-at-reassignment")
        ):
            # The answer to a POST: a GET of its URL would not show it, so keep the page's DOM
            # (the site's scripts add nothing to it) for the Nu checker.
            axe_check(page, name, failures=checks.axe_failures)
            checks.html[name] = page.content()
            checks.checked.append(name)
        else:
            checks.page(page, name)
        assert_no_sideways_scroll(page, name)

    def without_dialogs(page):
        # axe needs JavaScript, so the pages run it; the forms then post as they do without it.
        page.evaluate(NO_DIALOGS)

    therapist = open_page(DESKTOP)
    sign_in(therapist, "therapist@example.com", demo.DEMO_PASSWORD)
    therapist.goto(f"/rounds/{week8.pk}/")
    without_dialogs(therapist)
    therapist.get_by_role("button", name="Close the round").click()
    check(therapist, "confirm: close the round")

    admin = open_page(PHONE)
    sign_in(admin, "admin@example.com", demo.DEMO_PASSWORD)
    admin.goto(f"/clinic/people/{maya.pk}/")
    without_dialogs(admin)
    admin.get_by_role("button", name="Deactivate Maya Rivera").click()
    check(admin, "confirm: deactivate")
    admin.goto(f"/clinic/people/{maya.pk}/")
    without_dialogs(admin)
    admin.locator("#id_therapist").select_option(label="Dr. Priya Nair (therapist2@example.com)")
    admin.get_by_role("button", name="Reassign").click()
    check(admin, "confirm: reassign")
    admin.get_by_role("button", name="Yes, reassign to Dr. Priya Nair").click()
    expect(admin.get_by_role("status")).to_contain_text("is now assigned to Dr. Priya Nair")
    admin.goto("/clinic/overview/")
    check(admin, "overview: a round left open by the reassignment")
    without_dialogs(admin)
    admin.get_by_role("button", name="Close at reassignment").click()
    check(admin, "confirm: close at reassignment")

    new_therapist = open_page(PHONE)
    sign_in(new_therapist, "therapist2@example.com", demo.DEMO_PASSWORD)
    new_therapist.goto(f"/rounds/clients/{maya.pk}/agreed-goals/")
    check(new_therapist, "agreed goals of earlier rounds")
    new_therapist.goto(f"/rounds/new/{maya.pk}/")
    check(new_therapist, "open a round, with earlier agreed goals")
