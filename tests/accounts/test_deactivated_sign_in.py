"""A deactivated person who types the right password learns why they cannot sign in."""

from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, make_user

NOT_ACTIVE = "Your account is not active"
MISMATCH = "do not match an account"


def sign_in(email, password=PASSWORD):
    return Client().post(reverse("login"), {"username": email, "password": password})


def deactivate(person):
    person.is_active = False
    person.save(update_fields=["is_active"])


def test_right_password_of_a_deactivated_account_says_so_and_whom_to_ask(clinic_admin, client_user):
    deactivate(client_user)
    response = sign_in(client_user.email.upper())
    html = response.content.decode()
    assert response.status_code == 200
    assert NOT_ACTIVE in html
    assert "ask your clinic&#x27;s admin (Alex Admin) to reactivate it" in html
    assert MISMATCH not in html
    assert "_auth_user_id" not in response.client.session


def test_wrong_password_of_a_deactivated_account_gets_the_usual_message(clinic_admin, client_user):
    deactivate(client_user)
    html = sign_in(client_user.email, "not-the-password-at-all").content.decode()
    assert MISMATCH in html
    assert NOT_ACTIVE not in html


def test_unknown_email_gets_the_usual_message(clinic_admin):
    html = sign_in("nobody@harbor.test").content.decode()
    assert MISMATCH in html
    assert NOT_ACTIVE not in html


def test_deactivated_admins_are_not_named_as_the_ones_to_ask(clinic, client_user):
    make_user("gone@harbor.test", clinic, "Gone Admin", is_clinic_admin=True, is_active=False)
    deactivate(client_user)
    html = sign_in(client_user.email).content.decode()
    assert NOT_ACTIVE in html
    assert "Gone Admin" not in html
    assert "ask your clinic to reactivate it" in html


def test_an_active_account_still_signs_in(client_user):
    assert sign_in(client_user.email).status_code == 302


def test_during_a_lockout_a_deactivated_account_is_not_told_apart(client_user):
    deactivate(client_user)
    browser = Client()
    for _ in range(5):
        browser.post(reverse("login"), {"username": client_user.email, "password": "wrong"})
    response = browser.post(reverse("login"), {"username": client_user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert NOT_ACTIVE not in response.content.decode()
