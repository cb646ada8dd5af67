import time

from django.urls import reverse

from accounts.middleware import SEEN_KEY, STARTED_KEY


def set_session(client, **values):
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


def test_every_request_renews_the_session_for_thirty_minutes(client, client_user):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(client_user)
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(minutes=1))
    assert client.get(reverse("home")).status_code == 200
    remaining = Session.objects.get().expire_date - timezone.now()
    assert 29 * 60 < remaining.total_seconds() <= 30 * 60


def test_idle_session_expires_after_thirty_minutes(client, client_user):
    client.force_login(client_user)
    assert client.get(reverse("home")).status_code == 200
    set_session(client, **{SEEN_KEY: time.time() - 31 * 60})
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_active_session_ends_after_twelve_hours(client, client_user):
    client.force_login(client_user)
    client.get(reverse("home"))
    set_session(client, **{STARTED_KEY: time.time() - 12 * 3600 - 1, SEEN_KEY: time.time()})
    assert client.get(reverse("home")).status_code == 302


def test_session_used_within_thirty_minutes_stays(client, client_user):
    client.force_login(client_user)
    client.get(reverse("home"))
    set_session(client, **{SEEN_KEY: time.time() - 29 * 60})
    assert client.get(reverse("home")).status_code == 200
