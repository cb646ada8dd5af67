"""Steps a person takes in the browser, shared by the browser tests."""

import re

from django.core import mail
from playwright.sync_api import expect

PASSWORDS = {
    # Long and unlike the names, so Django's password validators accept them.
    "admin": "harbor-lantern-admin-57",
    "therapist": "quiet-harbor-lantern-93",
    "client": "orange-kettle-meadow-28",
}


def labelled(scope, text):
    """The form field whose label reads `text` (crispy adds "*" to required fields)."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$"))


def sign_in(page, email, password):
    """Through the login form, as a person does (django-axes watches this path)."""
    page.goto("/accounts/login/")
    labelled(page, "Email address").fill(email)
    labelled(page, "Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Hello, "))


def mail_to(address, subject):
    """The last email sent to `address` with this subject (locmem backend, same process)."""
    sent = [m for m in mail.outbox if address in m.to and m.subject == subject]
    assert sent, (
        f"No email {subject!r} to {address}; sent: {[(m.to, m.subject) for m in mail.outbox]}"
    )
    return sent[-1]


def invitation_link(address):
    body = mail_to(address, "You are invited to SamePage").body
    found = re.search(r"https?://\S+/accounts/invite/\S+/", body)
    assert found, f"No invitation link in the email to {address}:\n{body}"
    return found.group(0)


def write_goal(page, *, title, area, importance, success=""):
    """Fill the empty "new goal" row of the goal form (it is always the last one)."""
    row = page.locator("#new-goal")
    labelled(row, "Goal").fill(title)
    if success:
        labelled(row, "What would success look like? (optional)").fill(success)
    labelled(row, "Life area").select_option(label=area)
    labelled(row, "How important is this to you? (1 = a little, 5 = very)").select_option(
        str(importance)
    )


def agenda_item(page, text):
    """The agenda item (a fold on the round page) that mentions `text` once unfolded."""
    return page.locator("details.agenda-item").filter(has_text=text)


def open_item(page, text):
    """Unfold, from its row in the overview, the agenda item that mentions `text`: in place
    with JavaScript, by following the row's link without it."""
    row = page.locator(".overview-table tbody tr").filter(has_text=text).first
    row.locator("a.overview-link").click()
    item = agenda_item(page, text)
    expect(item.locator(".goal").first).to_be_visible()
    return item


def open_round_for_pair(title):
    """A clinic with Dr. Chen and their client Maya, and a round opened between them."""
    from accounts.models import Assignment, Clinic, User
    from alignment import services

    clinic = Clinic.objects.create(name="Harbor Clinic", time_zone="Europe/London")
    people = {
        role: User.objects.create_user(
            email, PASSWORDS[role], full_name=name, clinic=clinic, **{f"is_{role}": True}
        )
        for role, email, name in (
            ("therapist", "chen@harbor.test", "Dr. Chen"),
            ("client", "maya@harbor.test", "Maya Rivera"),
        )
    }
    Assignment.objects.create(client_user=people["client"], therapist=people["therapist"])
    return services.round_open(
        therapist=people["therapist"], client_user=people["client"], title=title
    )
