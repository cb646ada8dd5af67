"""One round from start to end, in a real browser, each step as a person takes it.

The only setup in the database is the clinic and its admin. Three people, three browser
contexts: the admin and the therapist at 1280×900, the client on a phone (390×844). Every page
visited goes through axe in both viewports and the Nu HTML checker (see conftest.py).
"""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Clinic, User
from alignment.models import Round
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import (
    PASSWORDS,
    agenda_item,
    invitation_link,
    labelled,
    open_item,
    sign_in,
    write_goal,
)
from tests.jobrunner import run_due_jobs

pytestmark = pytest.mark.e2e

ADMIN_EMAIL = "alex.admin@harbor.test"
THERAPIST_EMAIL = "chen@harbor.test"
CLIENT_EMAIL = "maya@harbor.test"

# The matcher suggests the first two as a pair ("exams ≈ test; panicking ≈ anxiety").
CLIENT_GOALS = [
    ("Stop panicking before exams", "Stress & anxiety", 5),
    ("Get excellent grades while working full time", "Work & study", 5),
]
THERAPIST_GOALS = [
    ("Reduce test anxiety", "Stress & anxiety", 4),
    ("Learn to sit with failure", "Mood & emotions", 4),
]
LABEL_REASON = "I came to get better at handling rejection, not to stop trying."
COMMENT = "We both wrote this one down. Shall we start with it?"
REVISED = "Stay calm before and during exams"
CLINICAL_TEXT = [t for t, _, _ in CLIENT_GOALS + THERAPIST_GOALS] + [LABEL_REASON, COMMENT, REVISED]


def titles(goals):
    return [title for title, _, _ in goals]


def accept_invitation(page, link, *, full_name, password):
    page.goto(link)
    expect(page.get_by_role("heading", name="Join SamePage")).to_be_visible()
    labelled(page, "Your full name").fill(full_name)
    labelled(page, "Choose a password").fill(password)
    labelled(page, "Type the same password again").fill(password)


def invite(page, email, *, role, therapist=None):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Invite").click()
    labelled(page, "Email address").fill(email)
    page.get_by_label(role, exact=True).check()
    if therapist:
        labelled(page, "Therapist (clients only)").select_option(label=therapist)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_contain_text(f"Invitation sent to {email}")


def write_and_save(page, goals, *, submit):
    """Write each goal, saving with "add another" between them, then save or submit."""
    for number, (title, area, importance) in enumerate(goals):
        write_goal(page, title=title, area=area, importance=importance)
        last = number == len(goals) - 1
        if not last:
            page.get_by_role("button", name="Save and add another goal").click()
            expect(page.get_by_role("status").first).to_contain_text("Draft saved.")
    button = "Submit my goals" if submit else "Save draft"
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("status").first).to_contain_text("Submitted." if submit else "saved")


def assert_not_on_page(page, texts):
    html = page.content()
    for text in texts:
        assert text not in html, f"{text!r} is on {page.url} but must not be"


def test_a_round_from_invitation_to_report(open_page, checks, guard, live_server, settings):
    settings.SITE_URL = live_server.url  # links in emails point at the live server
    clinic = Clinic.objects.create(name="Harbor Clinic", time_zone="Europe/London")
    User.objects.create_user(
        ADMIN_EMAIL,
        PASSWORDS["admin"],
        full_name="Alex Admin",
        clinic=clinic,
        is_clinic_admin=True,
    )

    # The clinic admin signs in and invites a therapist.
    admin = open_page(DESKTOP)
    admin.goto("/")
    expect(admin).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    checks.page(admin, "sign in")
    sign_in(admin, ADMIN_EMAIL, PASSWORDS["admin"])
    checks.page(admin, "home (clinic admin, empty clinic)")
    admin.get_by_role("link", name="Invite a therapist or client").click()
    checks.page(admin, "invite form")
    invite(admin, THERAPIST_EMAIL, role="Therapist")
    checks.page(admin, "people: invited")

    # The therapist follows the emailed link and sets a name and password.
    therapist = open_page(DESKTOP)
    link = invitation_link(THERAPIST_EMAIL)
    assert link.startswith(live_server.url + "/accounts/invite/")
    accept_invitation(therapist, link, full_name="Dr. Chen", password=PASSWORDS["therapist"])
    checks.page(therapist, "join (therapist)")
    therapist.get_by_role("button", name="Create my account").click()
    expect(therapist.get_by_role("status")).to_contain_text("Welcome to SamePage")
    expect(therapist.get_by_text("No clients are assigned to you yet.")).to_be_visible()
    checks.page(therapist, "home (therapist, no clients)")

    # The admin invites the client, choosing the therapist in the invitation form.
    invite(admin, CLIENT_EMAIL, role="Client", therapist=f"Dr. Chen ({THERAPIST_EMAIL})")
    checks.page(admin, "people: invited client")

    # The client joins on a phone and finds their therapist named.
    client = open_page(PHONE)
    accept_invitation(
        client,
        invitation_link(CLIENT_EMAIL),
        full_name="Maya Rivera",
        password=PASSWORDS["client"],
    )
    checks.page(client, "join (client)")
    client.get_by_role("button", name="Create my account").click()
    expect(client.get_by_text("Your therapist is Dr. Chen.")).to_be_visible()
    checks.page(client, "home (client, no rounds)")

    # The admin sees the assignment on the client's page.
    admin.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(admin.locator("tr", has_text="Maya Rivera")).to_contain_text("Dr. Chen")
    checks.page(admin, "people")
    admin.get_by_role("link", name="Maya Rivera", exact=True).click()
    expect(admin.get_by_text(re.compile(r"Assigned to Dr\. Chen since"))).to_be_visible()
    checks.page(admin, "person (client)")

    # The therapist opens a round and writes and submits their goals.
    therapist.goto("/")
    therapist.get_by_role("link", name="Open a round with Maya Rivera").click()
    checks.page(therapist, "open a round")
    labelled(therapist, "Name of the round").fill("Intake")
    therapist.get_by_role("button", name="Open the round").click()
    expect(therapist.get_by_role("heading", level=1)).to_have_text("Intake")
    round_url = therapist.url
    round_id = Round.objects.get(title="Intake").pk
    assert round_url.endswith(reverse("round_detail", args=[round_id]))
    checks.page(therapist, "round: drafting, empty (therapist)")
    write_and_save(therapist, THERAPIST_GOALS, submit=True)
    expect(therapist.get_by_text("Maya Rivera has not submitted yet.")).to_be_visible()
    checks.page(therapist, "round: drafting, submitted (therapist)")

    # The client, on the phone, sees only that the therapist has submitted: not their goals.
    client.goto("/")
    checks.page(client, "home (client, round drafting)")
    client.get_by_role("link", name="Intake").click()
    expect(client.get_by_text("Dr. Chen has submitted their goals.")).to_be_visible()
    assert_not_on_page(client, titles(THERAPIST_GOALS))
    checks.page(client, "round: drafting, empty (client)")
    write_and_save(client, CLIENT_GOALS[:1], submit=False)
    checks.page(client, "round: drafting, draft saved (client)")

    # Before the reveal the therapist sees only "waiting", never the client's draft.
    therapist.reload()
    expect(therapist.get_by_role("status")).to_contain_text(
        "Waiting for Maya Rivera to submit their goals."
    )
    assert_not_on_page(therapist, titles(CLIENT_GOALS))

    # The client adds a goal and submits: both lists are revealed.
    write_and_save(client, CLIENT_GOALS[1:], submit=True)
    expect(client.locator(".state-badge").first).to_have_text("discussing")
    for title in titles(THERAPIST_GOALS):
        expect(client.locator(".ov-title", has_text=title)).to_be_visible()
    checks.page(client, "round: revealed (client)")

    # The client opens the therapist's goal from the overview and labels it overboard.
    item = open_item(client, "Learn to sit with failure")
    goal = item.locator(".goal").filter(has_text="Learn to sit with failure")
    goal.get_by_role("link", name="Label this goal overboard").click()
    goal.get_by_label("not what I want from therapy").check()
    goal.get_by_label("In your words (required)").fill(LABEL_REASON)
    goal.get_by_role("button", name="Place the label").click()
    expect(client.locator(".overboard-label")).to_contain_text(LABEL_REASON)
    expect(item.locator(".messages .alert")).to_be_focused()  # the outcome, where they were
    assert "#goal-" not in client.url  # swapped in place by htmx, not a redirect
    checks.page(client, "round: label placed (client)")

    # The therapist sees who labelled their goal and why, and links the suggested pair.
    therapist.reload()
    open_item(therapist, "Learn to sit with failure")
    label = therapist.locator(".overboard-label")
    expect(label).to_contain_text("Maya Rivera (client) thinks your goal is overboard")
    expect(label).to_contain_text(LABEL_REASON)
    checks.page(therapist, "round: labelled (therapist)")
    open_item(therapist, "Stop panicking before exams")
    suggestion = therapist.locator(".suggestion").filter(has_text="Reduce test anxiety")
    expect(suggestion).to_contain_text("These seem to mean the same thing")
    expect(suggestion).to_contain_text("panicking ≈ anxiety")
    suggestion.get_by_role("button", name="Link").click()
    shared = agenda_item(therapist, "Stop panicking before exams")
    expect(shared).to_have_count(1)
    expect(shared).to_contain_text("Reduce test anxiety")
    expect(shared.locator("h3")).to_contain_text("Shared")
    checks.page(therapist, "round: linked (therapist)")

    # The therapist comments on the shared goal and proposes a new wording: each form opens
    # inside the item when asked for.
    shared.get_by_role("link", name="Comment").click()
    shared.get_by_label("Add a comment").fill(COMMENT)
    shared.get_by_role("button", name="Post comment").click()
    expect(shared.locator(".comment-body")).to_have_text(COMMENT)
    shared.get_by_role("link", name="Propose a resolution").click()
    shared.get_by_label("revise", exact=True).check()
    shared.get_by_label("Agreed new wording (only for revise)").fill(REVISED)
    shared.get_by_role("button", name="Send proposal").click()
    expect(shared.locator(".resolution")).to_contain_text("proposed by Dr. Chen")
    expect(shared.locator(".resolution")).to_contain_text(REVISED)
    checks.page(therapist, "round: proposed (therapist)")

    # The client reads the comment and confirms the proposal.
    client.reload()
    item = open_item(client, "Stop panicking before exams")
    expect(item.locator(".comment-body")).to_have_text(COMMENT)
    checks.page(client, "round: to confirm (client)")
    item.get_by_role("button", name="Confirm").click()
    expect(client.locator(".agreed")).to_contain_text(REVISED)
    checks.page(client, "round: confirmed (client)")

    # The agreed goal shows for the therapist too; the therapist closes the round.
    therapist.reload()
    expect(therapist.locator(".agreed")).to_contain_text(REVISED)
    # Closing asks first: the dialog says what will happen, and only "OK" closes.
    dialogs = []
    therapist.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    therapist.get_by_role("button", name="Close the round").click()
    expect(therapist.locator(".state-badge").first).to_have_text("closed")
    assert dialogs and "read-only for both of you" in dialogs[0], dialogs
    expect(therapist.locator(".agreed")).to_contain_text(REVISED)
    checks.page(therapist, "round: closed (therapist)")
    client.reload()
    expect(client.locator(".agreed")).to_contain_text(REVISED)
    checks.page(client, "round: closed (client)")

    # Emails say only that something changed: never goal text, labels, comments or the title.
    run_due_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)  # the digests, after their quiet window
    assert len(mail.outbox) > 2
    for message in mail.outbox:
        for text in [*CLINICAL_TEXT, "Intake"]:
            assert text not in message.subject + message.body, (message.to, text)

    # Clinic admin pages never show clinical text.
    admin.goto("/")
    assert_not_on_page(admin, CLINICAL_TEXT)
    checks.page(admin, "home (clinic admin, after the round)")
    admin.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    assert_not_on_page(admin, CLINICAL_TEXT)
    admin.get_by_role("link", name="Maya Rivera", exact=True).click()
    assert_not_on_page(admin, CLINICAL_TEXT)

    guard.assert_clean()

    # --- Reports: the round report and its CSV, both histories, the caseload, the overview. ---

    # The therapist opens the printable report from the round page and downloads the CSV.
    report_url = reverse("round_report", args=[round_id])
    csv_url = reverse("round_report_csv", args=[round_id])
    assert (report_url, csv_url) == (
        f"/rounds/{round_id}/report/",
        f"/rounds/{round_id}/report.csv",
    )
    therapist.get_by_role("link", name="Printable report of this round").click()
    expect(therapist).to_have_url(re.compile(re.escape(report_url) + "$"))
    everything = [*titles(CLIENT_GOALS), *titles(THERAPIST_GOALS), LABEL_REASON, COMMENT, REVISED]
    for text in everything:
        expect(therapist.locator("main")).to_contain_text(text)
    checks.page(therapist, "round report")
    with therapist.expect_download() as download_info:
        therapist.locator(f'main a[href="{csv_url}"]').click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    csv_text = Path(download.path()).read_text(encoding="utf-8-sig")
    for text in everything:
        assert text in csv_text, f"{text!r} missing from the CSV"

    # The therapist reads the client's history, then the caseload.
    therapist.goto(round_url)
    therapist.get_by_role("link", name="History of Maya Rivera").click()
    expect(therapist.get_by_role("heading", level=1)).to_have_text("History of Maya Rivera")
    expect(therapist.locator("main")).to_contain_text(REVISED)
    checks.page(therapist, "client history (therapist)")
    therapist.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Caseload"
    ).click()
    expect(therapist.locator("table.caseload")).to_contain_text("Maya Rivera")
    checks.page(therapist, "caseload")

    # The client reads their own history on the phone.
    client.get_by_role("link", name="Your history").click()
    expect(client.locator("main")).to_contain_text(REVISED)
    checks.page(client, "history (client)")

    # The clinic admin's overview counts the closed round and shows no clinical text.
    admin.get_by_role("navigation", name="Main").get_by_role("link", name="Overview").click()
    expect(admin).to_have_url(re.compile(re.escape(reverse("clinic_overview")) + "$"))
    expect(admin.get_by_test_id("closed-rounds")).to_have_text("1")
    assert_not_on_page(admin, CLINICAL_TEXT)
    checks.page(admin, "clinic overview")
    served = checks.html["clinic overview"]  # the raw HTML, hidden parts included
    assert not [text for text in CLINICAL_TEXT if text in served]
