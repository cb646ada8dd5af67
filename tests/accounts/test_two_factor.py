"""Two-factor sign-in: enrolment, the gate, codes, recovery codes, and a clinic admin's reset."""

import re
import time
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD

SETUP = reverse("two_factor_setup")
VERIFY = reverse("two_factor_verify")


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def sign_in(client, user):
    return client.post(reverse("login"), {"username": user.email, "password": PASSWORD})


def code_for(device, *, step_offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + step_offset * device.step
    return f"{totp.token():06d}"


def enrol(client, user):
    """Set up the app through the pages; returns the device and the recovery codes shown."""
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SETUP, {"code": code_for(device)}, follow=True)
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    device.refresh_from_db()
    return device, codes


def enrolled_and_signed_out(client, user):
    sign_in(client, user)
    device, codes = enrol(client, user)
    client.post(reverse("logout"))
    return device, codes


# Who must use it ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["therapist", "clinic_admin"])
def test_staff_are_asked_to_enrol_at_sign_in_and_reach_nothing_else(client, everyone, role):
    sign_in(client, everyone[role])
    for url in [reverse("home"), reverse("password_change"), reverse("clinic_people"), "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(SETUP), url
    assert client.get(SETUP).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_a_platform_operator_must_enrol_before_django_admin(client, db):
    from accounts.models import User

    operator = User.objects.create_superuser("ops@example.org", PASSWORD, full_name="Ops")
    client.force_login(operator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(SETUP)


def test_posts_are_refused_too_before_enrolment(client, therapist, client_user):
    sign_in(client, therapist)
    response = client.post(reverse("password_change"), {"old_password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(SETUP)


def test_clients_may_use_it_but_need_not(client, client_user):
    sign_in(client, client_user)
    assert client.get(reverse("home")).status_code == 200


def test_with_debug_on_it_is_optional_for_everyone():
    from tests.test_settings import run_django

    code = "from django.conf import settings as s; print(s.TWO_FACTOR_REQUIRED)"
    shell = ["shell", "--no-imports", "-c", code]
    demo = run_django(shell, DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="1")
    production = run_django(
        shell, DJANGO_SETTINGS_MODULE="config.settings", DJANGO_SECRET_KEY="k" * 50
    )
    assert (demo.stdout.strip(), production.stdout.strip()) == ("False", "True")


def test_with_the_requirement_off_staff_pass(client, therapist, settings):
    settings.TWO_FACTOR_REQUIRED = False
    sign_in(client, therapist)
    assert client.get(reverse("home")).status_code == 200


# Enrolment ------------------------------------------------------------------------------------


def test_setup_page_draws_the_qr_code_here_and_shows_the_secret(client, therapist):
    sign_in(client, therapist)
    html = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=therapist, confirmed=False)
    assert 'src="data:image/svg+xml' in html
    assert not re.search(r"""src=["']https?://""", html)
    secret = re.search(r'<code class="two-factor-secret">([A-Z2-7 ]+)</code>', html).group(1)
    assert secret.replace(" ", "") in unquote(device.config_url)
    assert "style=" not in html


def test_a_wrong_code_does_not_turn_it_on(client, therapist):
    sign_in(client, therapist)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=therapist)
    wrong = f"{(int(code_for(device)) + 1) % 1000000:06d}"
    response = client.post(SETUP, {"code": wrong})
    assert "That code does not match" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("home")).url.startswith(SETUP)


def test_enrolment_gives_ten_recovery_codes_once_and_opens_the_site(client, therapist):
    sign_in(client, therapist)
    device, codes = enrol(client, therapist)
    assert device.confirmed
    assert len(set(codes)) == 10
    assert client.get(reverse("home")).status_code == 200
    again = client.get(reverse("two_factor_recovery_codes")).content.decode()
    assert codes[0] not in again
    assert "You have 10 unused recovery codes." in again


# Signing in with it ---------------------------------------------------------------------------


def test_after_the_password_the_code_is_asked_before_anything(client, therapist):
    device, _codes = enrolled_and_signed_out(client, therapist)
    sign_in(client, therapist)
    response = client.get(reverse("home"))
    assert response.url.startswith(VERIFY)
    assert client.get(SETUP).url.startswith(VERIFY)  # cannot replace the app without it
    response = client.post(VERIFY, {"code": code_for(device, step_offset=1)})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_code_keeps_the_gate_closed(client, therapist):
    device, _codes = enrolled_and_signed_out(client, therapist)
    sign_in(client, therapist)
    response = client.post(VERIFY, {"code": "000000"})
    assert "That code does not work" in response.content.decode()
    assert client.get(reverse("home")).url.startswith(VERIFY)


def test_an_optional_client_who_enrolled_is_asked_too(client, client_user):
    enrolled_and_signed_out(client, client_user)
    sign_in(client, client_user)
    assert client.get(reverse("home")).url.startswith(VERIFY)


def test_a_recovery_code_works_once(client, therapist):
    _device, codes = enrolled_and_signed_out(client, therapist)
    sign_in(client, therapist)
    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    sign_in(client, therapist)
    response = client.post(VERIFY, {"code": codes[0]})
    assert "That code does not work" in response.content.decode()
    assert StaticToken.objects.filter(device__user=therapist).count() == 9


def test_guessing_codes_is_limited(client, therapist, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "two_factor_user": (3, 900)}
    enrolled_and_signed_out(client, therapist)
    sign_in(client, therapist)
    for _ in range(3):
        client.post(VERIFY, {"code": "123456"})
    assert client.post(VERIFY, {"code": "123456"}).status_code == 429


def test_new_recovery_codes_replace_the_old_ones(client, therapist):
    sign_in(client, therapist)
    _device, old = enrol(client, therapist)
    page = client.post(reverse("two_factor_recovery_codes"), follow=True).content.decode()
    new = re.findall(r"<li>([a-z2-7]{8})</li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)


# Turning it off -------------------------------------------------------------------------------


def test_a_client_can_turn_it_off(client, client_user):
    sign_in(client, client_user)
    enrol(client, client_user)
    client.post(reverse("two_factor_disable"))
    assert not TOTPDevice.objects.filter(user=client_user).exists()
    client.post(reverse("logout"))
    sign_in(client, client_user)
    assert client.get(reverse("home")).status_code == 200


def test_staff_cannot_turn_it_off(client, therapist):
    sign_in(client, therapist)
    enrol(client, therapist)
    response = client.post(reverse("two_factor_disable"), follow=True)
    assert "required for your role" in response.content.decode()
    assert TOTPDevice.objects.filter(user=therapist, confirmed=True).exists()


def test_clinic_admin_resets_a_lost_phone(client, clinic_admin, therapist, settings):
    enrolled_and_signed_out(client, therapist)
    sign_in(client, clinic_admin)
    enrol(client, clinic_admin)
    person_page = client.get(reverse("clinic_person", args=[therapist.pk])).content.decode()
    assert "Reset two-factor sign-in of Dr. Chen" in person_page
    response = client.post(reverse("clinic_person_two_factor_reset", args=[therapist.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=therapist).exists()
    assert not StaticToken.objects.filter(device__user=therapist).exists()
    client.post(reverse("logout"))
    sign_in(client, therapist)
    assert client.get(reverse("home")).url.startswith(SETUP)


def test_reset_of_another_clinics_person_is_not_found(
    client, clinic_admin, other_clinic_therapist, settings
):
    settings.TWO_FACTOR_REQUIRED = False
    sign_in(client, other_clinic_therapist)
    enrol(client, other_clinic_therapist)
    client.force_login(clinic_admin)
    url = reverse("clinic_person_two_factor_reset", args=[other_clinic_therapist.pk])
    assert client.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=other_clinic_therapist, confirmed=True).exists()


def test_a_session_verified_before_a_reset_must_enrol_again(client, therapist):
    from accounts import services

    sign_in(client, therapist)
    enrol(client, therapist)
    assert client.get(reverse("home")).status_code == 200
    services.two_factor_reset(user=therapist, reset_by=None)
    assert client.get(reverse("home")).url.startswith(VERIFY)
    assert client.get(VERIFY).url == reverse("home")
    assert client.get(reverse("home")).url.startswith(SETUP)
