"""Sign-in limits: one normalised address, and limits nobody elsewhere can turn into a lockout."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.models import User, normalize_email
from tests.conftest import PASSWORD, make_user

LOGIN = reverse("login")
ATTACKER = "203.0.113.7"
HOME_IP = "198.51.100.20"


def sign_in(client, email, password=PASSWORD, ip="127.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def fail(client, email, times, ip=ATTACKER):
    for _ in range(times):
        sign_in(client, email, "wrong-password", ip=ip)


@pytest.fixture
def limits(settings):
    """Small limits, so the tests stay short; the rules are those of the real settings."""

    def set_limits(**changed):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, **changed}

    return set_limits


@pytest.fixture
def dotted(clinic):
    return make_user("client@example.com", clinic, "Maya Rivera", is_client=True)


@pytest.fixture
def sam(clinic):
    return make_user("sam@example.com", clinic, "Sam Okafor", is_client=True)


def test_dotless_i_does_not_reach_an_account_locked_for_its_dotted_address(client, dotted):
    fail(client, "client@example.com", 5)
    response = sign_in(client, "clıent@example.com", ip=ATTACKER)
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_long_s_is_the_same_account_and_stays_locked(client, sam):
    fail(client, "sam@example.com", 5)
    response = sign_in(client, "ſam@example.com", ip=ATTACKER)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lookalike_letters_add_no_guesses_to_one_account(client, sam):
    # Each spelling that folds to the same address counts on that one address.
    for typed in ["sam@example.com", "ſam@example.com", "SAM@EXAMPLE.COM", "ſAM@example.com"]:
        sign_in(client, typed, "wrong-password", ip=ATTACKER)
    sign_in(client, "Sam@Example.com", "wrong-password", ip=ATTACKER)
    assert sign_in(client, "sam@example.com", ip=ATTACKER).status_code == 429


def test_right_password_with_long_s_signs_in_to_the_one_account(client, sam):
    assert sign_in(client, "ſam@example.com").status_code == 302
    assert client.session["_auth_user_id"] == str(sam.pk)


def test_dotless_i_is_another_address_without_an_account(client, dotted):
    response = sign_in(client, "clıent@example.com")
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_addresses_are_stored_normalised(clinic):
    person = make_user("ſam@Example.COM", clinic)
    assert person.email == "sam@example.com"
    person.email = "Sam@EXAMPLE.com"
    person.save()
    assert User.objects.get(pk=person.pk).email == "sam@example.com"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (" Maya@Example.COM ", "maya@example.com"),
        ("ſam@example.com", "sam@example.com"),
        ("STRASSE@example.de", "strasse@example.de"),
        ("straße@example.de", "strasse@example.de"),
        ("clıent@example.com", "clıent@example.com"),
    ],
)
def test_normalised_address(typed, stored):
    assert normalize_email(typed) == stored


def test_migration_normalises_addresses_already_stored(client_user):
    User.objects.filter(pk=client_user.pk).update(email="MAYA@Harbor.teſt")
    migration = importlib.import_module("accounts.migrations.0003_normalise_emails")
    migration.normalise_emails(apps, None)
    assert User.objects.get(pk=client_user.pk).email == "maya@harbor.test"


def test_migration_refuses_two_accounts_that_fold_together(client_user, clinic):
    other = make_user("other@harbor.test", clinic)
    User.objects.filter(pk=other.pk).update(email="maya@harbor.teſt")
    migration = importlib.import_module("accounts.migrations.0003_normalise_emails")
    with pytest.raises(RuntimeError, match="same email address"):
        migration.normalise_emails(apps, None)


def test_one_address_cannot_try_many_accounts(client, clinic, limits):
    limits(signin_ip=(6, 3600))
    for number in range(6):
        sign_in(client, f"person{number}@example.com", "guess-1", ip=ATTACKER)
    response = sign_in(client, "person7@example.com", "guess-1", ip=ATTACKER)
    assert response.status_code == 429
    assert re.search(r"try again in \d+ minutes?", response.content.decode())
    assert int(response["Retry-After"]) > 0
    # Another address is not affected.
    assert sign_in(client, "person8@example.com", "guess-1", ip=HOME_IP).status_code == 200


def test_failures_elsewhere_do_not_lock_the_person_out(client, sam):
    fail(client, "sam@example.com", 30, ip=ATTACKER)
    assert sign_in(client, "sam@example.com", ip=ATTACKER).status_code == 429
    response = sign_in(client, "sam@example.com", ip=HOME_IP)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(sam.pk)


def test_guessing_spread_over_many_addresses_reaches_the_account_limit(client, sam, limits):
    limits(signin_account=(12, 3600))
    for number in range(3):
        fail(client, "sam@example.com", 4, ip=f"203.0.113.{number + 10}")
    response = sign_in(client, "sam@example.com", ip=HOME_IP)
    assert response.status_code == 429
    assert "reset your password" in response.content.decode()


def test_one_address_alone_never_reaches_the_account_limit(client, sam, limits):
    limits(signin_account=(6, 3600))
    fail(client, "sam@example.com", 20, ip=ATTACKER)
    assert sign_in(client, "sam@example.com", ip=HOME_IP).status_code == 302


def test_completed_password_reset_lifts_the_lock(client, sam, mailoutbox, limits, run_jobs):
    limits(signin_account=(12, 3600))
    fail(client, "sam@example.com", 5, ip=HOME_IP)
    for number in range(3):
        fail(client, "sam@example.com", 4, ip=f"203.0.113.{number + 10}")
    assert sign_in(client, "sam@example.com", ip=HOME_IP).status_code == 429

    client.post(reverse("password_reset"), {"email": "sam@example.com"}, REMOTE_ADDR=HOME_IP)
    run_jobs()
    link = re.search(r"https?://\S+/password/reset/\S+/", mailoutbox[0].body).group()
    form_url = client.get(link[link.index("/accounts/") :]).url
    response = client.post(
        form_url,
        {"new_password1": "a-fresh-long-password-5", "new_password2": "a-fresh-long-password-5"},
    )
    assert response.status_code == 302
    response = sign_in(client, "sam@example.com", "a-fresh-long-password-5", ip=HOME_IP)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(sam.pk)


def test_behind_a_proxy_the_visitor_address_is_the_one_the_proxy_saw(client, sam, settings):
    settings.PROXY_COUNT = 1

    def attempt(forwarded):
        return client.post(
            LOGIN,
            {"username": "sam@example.com", "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    # The attacker writes a different address before the proxy's each time: still one address.
    for number in range(5):
        attempt(f"192.0.2.{number}, {ATTACKER}")
    assert attempt(f"192.0.2.99, {ATTACKER}").status_code == 429
    # Someone else behind the same proxy is not locked out.
    response = client.post(
        LOGIN,
        {"username": "sam@example.com", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=HOME_IP,
    )
    assert response.status_code == 302
