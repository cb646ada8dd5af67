"""A reset request does the same work whether or not the account exists: it only enqueues a
job; the worker looks the account up and sends the email."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.tasks import password_reset_send


def request_reset(client, email):
    # Each request starts from the same rate-limit counts, so only the address differs.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code == 302
    # Statements and table names only: the parameters differ by the address typed, savepoint
    # ids by call, and the values an UPDATE sets by the second the request ran in.
    return [
        re.sub(
            r'"s\d+_x\d+"', "savepoint", q["sql"].split("(")[0].split(" WHERE")[0].split(" SET ")[0]
        )
        for q in queries.captured_queries
    ]


@pytest.mark.django_db
def test_a_reset_request_does_the_same_work_for_known_and_unknown_addresses(
    client, client_user, run_jobs
):
    known = request_reset(client, client_user.email)
    unknown = request_reset(client, "nobody@harbor.test")
    assert known == unknown
    assert not any("accounts_user" in sql for sql in known)  # no lookup in the request
    assert mail.outbox == []  # nothing sent in the request
    jobs = DBTaskResult.objects.order_by("enqueued_at")
    assert [job.args_kwargs["args"] for job in jobs] == [
        [client_user.email],
        ["nobody@harbor.test"],
    ]

    run_jobs()
    assert [m.to for m in mail.outbox] == [[client_user.email]]
    assert "/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_job_links_to_the_site_address(settings, client_user):
    settings.SITE_URL = "https://samepage.example.org"
    password_reset_send.call(client_user.email)
    [message] = mail.outbox
    assert "https://samepage.example.org/accounts/password/reset/" in message.body


@pytest.mark.django_db
def test_the_job_sends_nothing_to_a_deactivated_account(client_user):
    client_user.is_active = False
    client_user.save()
    password_reset_send.call(client_user.email)
    assert mail.outbox == []
