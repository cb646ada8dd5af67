"""Two-factor sign-in in a real browser: required set-up, recovery codes, the code at sign-in.

The QR code is an SVG drawn by the server (a data: image the CSP allows); every page passes axe
and the HTML checker, and nothing is requested from another host.
"""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.e2e.helpers import PASSWORDS, labelled

pytestmark = pytest.mark.e2e

EMAIL = "chen@harbor.test"


@pytest.fixture
def therapist(live_server, settings):
    from accounts.models import Clinic, User

    settings.TWO_FACTOR_REQUIRED = True
    clinic = Clinic.objects.create(name="Harbor Clinic", time_zone="Europe/London")
    return User.objects.create_user(
        EMAIL, PASSWORDS["therapist"], full_name="Dr. Chen", clinic=clinic, is_therapist=True
    )


def code_from(secret, *, steps_ahead=0):
    totp = TOTP(b32decode(secret.replace(" ", "")), step=30, t0=0, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def password_step(page):
    page.goto("/accounts/login/")
    labelled(page, "Email address").fill(EMAIL)
    labelled(page, "Password").fill(PASSWORDS["therapist"])
    page.get_by_role("button", name="Sign in").click()


def test_a_therapist_sets_up_two_factor_and_signs_in_with_it(page, checks, therapist):
    password_step(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    checks.page(page, "two-factor set-up")
    qr = page.get_by_role("img", name="QR code to add SamePage to your authenticator app")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    secret = page.locator(".two-factor-secret").inner_text()

    # Nothing else opens before the second factor is set up.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")

    labelled(page, "Code").fill(code_from(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    checks.page(page, "recovery codes")

    # Sign-out lives in the header's account menu.
    page.locator("details.account-menu summary").click()
    page.get_by_role("button", name="Sign out").click()
    password_step(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("One more step")
    checks.page(page, "two-factor code")
    labelled(page, "Code").fill(code_from(secret, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Hello, "))
    page.locator("details.account-menu summary").click()
    page.get_by_role("link", name="Two-factor sign-in").click()
    checks.page(page, "two-factor overview")
