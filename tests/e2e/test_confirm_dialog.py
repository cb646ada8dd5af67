"""With JavaScript on, destructive actions ask in a dialog; dismissing it changes nothing."""

import pytest
from playwright.sync_api import expect

from accounts import demo
from accounts.models import User
from alignment import demo as round_demo
from alignment.models import Round
from tests.e2e.conftest import DESKTOP
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_data(live_server):
    people = demo.seed_accounts()
    round_demo.seed_rounds(people)
    return people


def answer_dialog(page, *, accept):
    """Answer the next dialog; return a list that will hold its message."""
    seen = []

    def handle(dialog):
        seen.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", handle)
    return seen


def test_dismissing_the_dialog_changes_nothing_and_ok_acts(open_page, demo_data):
    week8 = Round.objects.get(title="Week 8 review")
    therapist = open_page(DESKTOP)
    sign_in(therapist, "therapist@example.com", demo.DEMO_PASSWORD)
    therapist.goto(f"/rounds/{week8.pk}/")

    seen = answer_dialog(therapist, accept=False)
    therapist.get_by_role("button", name="Close the round").click()
    expect(therapist.get_by_role("button", name="Close the round")).to_be_visible()
    assert seen and "read-only for both of you" in seen[0], seen
    therapist.wait_for_load_state("networkidle")  # no request was sent, none is in flight
    assert Round.objects.get(pk=week8.pk).state == Round.State.DISCUSSING

    seen = answer_dialog(therapist, accept=True)
    therapist.get_by_role("button", name="Close the round").click()
    expect(therapist.locator(".state-badge").first).to_have_text("closed")
    assert Round.objects.get(pk=week8.pk).state == Round.State.CLOSED


def test_deactivation_dialog_names_the_person(open_page, demo_data):
    maya = User.objects.get(email="client@example.com")
    admin = open_page(DESKTOP)
    sign_in(admin, "admin@example.com", demo.DEMO_PASSWORD)
    admin.goto(f"/clinic/people/{maya.pk}/")
    seen = answer_dialog(admin, accept=False)
    admin.get_by_role("button", name="Deactivate Maya Rivera").click()
    expect(admin.get_by_role("button", name="Deactivate Maya Rivera")).to_be_visible()
    assert seen and seen[0].startswith("Deactivate Maya Rivera?"), seen
    admin.wait_for_load_state("networkidle")
    assert User.objects.get(pk=maya.pk).is_active
