"""The audit trail's two pages in a real browser: the client's "who has seen your goals" (on a
phone) and the clinic admin's account activity (on a desktop), each checked with axe at both
sizes and by the HTML checker."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import PASSWORDS, open_round_for_pair, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def intake(live_server):
    from accounts.models import User

    round_ = open_round_for_pair("Intake")
    User.objects.create_user(
        "admin@harbor.test",
        PASSWORDS["admin"],
        full_name="Alex Admin",
        clinic=round_.therapist.clinic,
        is_clinic_admin=True,
    )
    return round_


def test_client_sees_who_opened_their_round_and_admin_sees_account_activity(
    open_page, checks, intake
):
    therapist = open_page(DESKTOP)
    sign_in(therapist, "chen@harbor.test", PASSWORDS["therapist"])
    therapist.goto(reverse("round_detail", args=[intake.pk]))

    client = open_page(PHONE)
    sign_in(client, "maya@harbor.test", PASSWORDS["client"])
    client.get_by_role("link", name="Who has seen your goals").click()
    expect(client.get_by_role("heading", level=1)).to_have_text("Who has seen your goals")
    row = client.get_by_role("row").filter(has_text="Dr. Chen")
    expect(row).to_contain_text("Intake")
    expect(row).to_contain_text("the round page")
    checks.page(client, "who has seen your goals")

    admin = open_page(DESKTOP)
    sign_in(admin, "admin@harbor.test", PASSWORDS["admin"])
    admin.get_by_role("link", name="Account activity").click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("account activity")
    signed_in = admin.get_by_role("row").filter(has_text="signed in")
    expect(signed_in.filter(has_text="Maya Rivera").first).to_be_visible()
    expect(admin.get_by_text("the round page")).to_have_count(0)
    checks.page(admin, "clinic account activity")
