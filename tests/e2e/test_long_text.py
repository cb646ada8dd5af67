"""The longest text every field accepts, as one unbroken word, fits a phone on every page.

Each field is filled with as many characters as it accepts and no space (the worst case for
wrapping): names, emails, the round's name, goals, what success looks like, label reasons,
comments and revised wording. The goal form is filled in the browser; the rest is written the
way the forms write it (the services). Then every page each person reaches is measured at
390×844: `document.documentElement.scrollWidth` must not exceed the screen.
"""

from collections import Counter, deque

import pytest
from playwright.sync_api import expect

from accounts.models import Assignment, Clinic, User
from alignment import services
from alignment.access import RoundAccess
from alignment.models import (
    COMMENT_MAX,
    REASON_MAX,
    SUCCESS_MAX,
    TITLE_MAX,
    Goal,
    Resolution,
    Round,
    Side,
)
from alignment.services import GoalRow
from tests.e2e.conftest import PHONE
from tests.e2e.helpers import PASSWORDS, labelled, sign_in
from tests.e2e.test_crawl import PER_SHAPE, SIDEWAYS, links_of, shape

pytestmark = pytest.mark.e2e


def word(length, letter="W"):
    return letter * length


def email(letter):
    # The longest local part (64) and domain labels (63) an address may have: 254 in all.
    domain = ".".join([word(63, letter)] * 2 + [word(56, letter)]) + ".test"
    return f"{word(64, letter)}@{domain}"


def person(clinic, letter, role, flag):
    return User.objects.create_user(
        email(letter), PASSWORDS[role], full_name=word(150, letter), clinic=clinic, **{flag: True}
    )


@pytest.fixture
def long_words(live_server):
    clinic = Clinic.objects.create(name=word(100, "C"), time_zone="Europe/London")
    people = {
        "admin": person(clinic, "a", "admin", "is_clinic_admin"),
        "therapist": person(clinic, "t", "therapist", "is_therapist"),
        "client": person(clinic, "m", "client", "is_client"),
    }
    Assignment.objects.create(client_user=people["client"], therapist=people["therapist"])
    # A closed round with everything in it, for the report and the history.
    closed = services.round_open(
        therapist=people["therapist"], client_user=people["client"], title=word(120, "R")
    )
    fill_round(closed, people)
    services.round_close(access=RoundAccess(round=closed, side=Side.THERAPIST, can_write=True))
    # An open round, drafting: its goal form is filled in the browser.
    services.round_open(
        therapist=people["therapist"], client_user=people["client"], title=word(120, "D")
    )
    return people


def fill_round(round_, people):
    goals = {}
    for side in (Side.CLIENT, Side.THERAPIST):
        access = RoundAccess(round=round_, side=side, can_write=True)
        rows = [
            GoalRow(None, word(TITLE_MAX, letter), word(SUCCESS_MAX, "s"), "other", 3)
            for letter in "xyz"
        ]
        version = round_.sides.get(side=side).version
        services.goals_save(access=access, rows=rows, version=version, submit=True)
        goals[side] = list(Goal.objects.filter(round=round_, side=side))
    round_.refresh_from_db()
    client_side = RoundAccess(round=round_, side=Side.CLIENT, can_write=True)
    therapist_side = RoundAccess(round=round_, side=Side.THERAPIST, can_write=True)
    mine, theirs = goals[Side.CLIENT], goals[Side.THERAPIST]
    services.label_place(
        access=client_side,
        goal=theirs[0],
        kind="other",
        reason=word(REASON_MAX, "r"),
        placed_by=people["client"],
    )
    services.link_create(
        access=therapist_side,
        client_goal=mine[0],
        therapist_goal=theirs[1],
        by=people["therapist"],
    )
    key = f"p{mine[0].pk}-{theirs[1].pk}"
    services.comment_add(
        access=therapist_side, item_key=key, body=word(COMMENT_MAX, "k"), author=people["therapist"]
    )
    proposal = services.resolution_propose(
        access=therapist_side,
        item_key=key,
        decision=Resolution.Decision.REVISE,
        new_title=word(TITLE_MAX, "n"),
        by=people["therapist"],
    )
    services.resolution_confirm(access=client_side, resolution=proposal, by=people["client"])


def measure_every_page(page, origin, who):
    """Visit every page reachable from home at 390 px; return those wider than the screen."""
    queue, seen, shapes, too_wide, visited = deque(["/"]), {"/"}, Counter(), [], []
    while queue:
        path = queue.popleft()
        if shapes[shape(path)] >= PER_SHAPE:
            continue
        shapes[shape(path)] += 1
        page.goto(path)
        page.evaluate(
            "() => document.querySelectorAll('details').forEach((d) => { d.open = true; })"
        )
        measured = page.evaluate(SIDEWAYS)
        visited.append(path)
        if measured["scroll"] > measured["width"]:
            too_wide.append(f"{who} {path}: {measured['scroll']} px in {measured['width']} px")
        for link in links_of(page, origin):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return visited, too_wide


def test_longest_unbroken_text_never_makes_a_page_scroll_sideways(
    open_page, live_server, long_words
):
    drafting = Round.objects.get(state="drafting")
    client = open_page(PHONE)
    sign_in(client, long_words["client"].email, PASSWORDS["client"])
    client.goto(f"/rounds/{drafting.pk}/")
    row = client.locator("#new-goal")
    labelled(row, "Goal").fill(word(TITLE_MAX, "g"))
    labelled(row, "What would success look like? (optional)").fill(word(SUCCESS_MAX, "h"))
    # The new-goal row starts with no life area chosen, and a goal needs one to be saved.
    labelled(row, "Life area").select_option(label="Health, body & sleep")
    client.get_by_role("button", name="Submit my goals").click()
    expect(client.get_by_role("status").first).to_contain_text("Submitted.")
    assert Goal.objects.filter(round=drafting, title=word(TITLE_MAX, "g")).exists()

    too_wide, visited = [], []
    for role, browser in (
        ("client", client),
        ("therapist", open_page(PHONE)),
        ("admin", open_page(PHONE)),
    ):
        if browser is not client:
            sign_in(browser, long_words[role].email, PASSWORDS[role])
        pages, wide = measure_every_page(browser, live_server.url, role)
        visited += pages
        too_wide += wide
    assert len(visited) > 10, visited
    assert not too_wide, "Pages wider than a phone:\n  " + "\n  ".join(too_wide)
