import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import SEEN_KEY, STARTED_KEY, TOUCH_EVERY
from jobs.tasks import clear_expired_sessions

WRITES = ("INSERT", "UPDATE", "DELETE")


def set_session(client, **values):
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


def writes_of(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


def test_a_request_a_minute_after_the_last_renews_the_session_for_thirty_minutes(
    client, client_user
):
    client.force_login(client_user)
    client.get(reverse("home"))
    set_session(client, **{SEEN_KEY: time.time() - TOUCH_EVERY - 1})
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(minutes=1))
    assert client.get(reverse("home")).status_code == 200
    remaining = Session.objects.get().expire_date - timezone.now()
    assert 29 * 60 < remaining.total_seconds() <= 30 * 60


def test_a_request_within_a_minute_of_the_last_writes_nothing(client, client_user):
    client.force_login(client_user)
    client.get(reverse("home"))  # the first request records when the session started
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert writes_of(queries) == []


@pytest.mark.parametrize("who", ["client_user", "therapist", "clinic_admin"])
def test_read_only_pages_write_nothing_for_any_role(client, everyone, who):
    client.force_login(everyone[who])
    client.get(reverse("home"))
    for name in ("home", "password_change"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        assert writes_of(queries) == [], name


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


def test_the_clearing_job_deletes_expired_sessions_only(client, client_user, therapist):
    client.force_login(client_user)
    kept = client.session.session_key
    expired = client.session.__class__()
    expired["x"] = 1
    expired.create()
    Session.objects.filter(pk=expired.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    clear_expired_sessions.call()
    assert list(Session.objects.values_list("pk", flat=True)) == [kept]
