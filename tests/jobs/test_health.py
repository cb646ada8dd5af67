"""/healthz answers without the database; /readyz checks database, migrations and the queue."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.tasks import clear_expired_sessions


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any database access in this request would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_readyz_is_ready_when_database_migrations_and_queue_are_fine(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "ok",
        "jobs": "ok",
    }
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_readyz_fails_when_a_job_has_waited_too_long(client, settings):
    result = clear_expired_sessions.enqueue()
    late = timezone.now() - timedelta(seconds=settings.SAMEPAGE_QUEUE_STUCK_AFTER + 60)
    DBTaskResult.objects.filter(pk=result.id).update(run_after=late)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["jobs"] == "stuck"


@pytest.mark.django_db
def test_readyz_fails_when_the_database_does_not_answer(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("jobs.health.connection.cursor", unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "database": "unreachable"}
