from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD

LOGIN = reverse("login")


def sign_in(client, email, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


@pytest.mark.parametrize("typed", ["maya@harbor.test", "MAYA@Harbor.Test", "  Maya@HARBOR.test "])
def test_login_by_email_in_any_letter_case(client, client_user, typed):
    response = sign_in(client, typed)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == client_user


def test_wrong_password_and_unknown_email_look_the_same(client, client_user):
    wrong_password = sign_in(client, "maya@harbor.test", "not-the-password")
    unknown_email = sign_in(client, "nobody@harbor.test", "not-the-password")
    assert wrong_password.status_code == unknown_email.status_code == 200
    assert wrong_password.context["form"].errors == unknown_email.context["form"].errors
    assert "do not match an account" in wrong_password.content.decode()


def test_deactivated_person_cannot_sign_in(client, client_user):
    client_user.is_active = False
    client_user.save()
    response = sign_in(client, "maya@harbor.test")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Your account is not active" in response.content.decode()


def test_lockout_after_five_failures_even_with_right_password(client, client_user):
    for _ in range(5):
        sign_in(client, "maya@harbor.test", "wrong")
    response = sign_in(client, "Maya@Harbor.test")
    assert response.status_code == 429
    assert "wait 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_released_after_cool_off(client, client_user):
    for _ in range(5):
        sign_in(client, "maya@harbor.test", "wrong")
    assert sign_in(client, "maya@harbor.test").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = sign_in(client, "maya@harbor.test")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(client_user.pk)


def test_four_failures_do_not_lock(client, client_user):
    for _ in range(4):
        sign_in(client, "maya@harbor.test", "wrong")
    assert sign_in(client, "maya@harbor.test").status_code == 302


def test_logout_is_a_post(client, client_user):
    client.force_login(client_user)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_anonymous_home_redirects_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_password_reset_sends_a_link_without_clinical_text(
    client, client_user, mailoutbox, run_jobs
):
    response = client.post(reverse("password_reset"), {"email": "MAYA@harbor.test"})
    assert response.status_code == 302
    run_jobs()  # the email is sent by the background worker
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["maya@harbor.test"]
    assert "/accounts/password/reset/" in mailoutbox[0].body


def test_password_reset_for_unknown_email_looks_the_same(client, db, mailoutbox, run_jobs):
    response = client.post(reverse("password_reset"), {"email": "nobody@harbor.test"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert run_jobs() == 1  # the job ran, found no account and sent nothing
    assert mailoutbox == []


def test_change_password(client, client_user):
    client.force_login(client_user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-password-77",
            "new_password2": "another-long-password-77",
        },
    )
    assert response.status_code == 302
    client_user.refresh_from_db()
    assert client_user.check_password("another-long-password-77")
