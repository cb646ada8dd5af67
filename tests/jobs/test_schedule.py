"""Periodic jobs are enqueued once per period, whichever worker asks."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.schedule import enqueue_due

SCHEDULE = {"jobs.tasks.clear_expired_sessions": 3600}


@pytest.mark.django_db
def test_a_periodic_job_is_enqueued_once_per_period():
    start = timezone.now()
    assert enqueue_due(now=start, schedule=SCHEDULE) == ["jobs.tasks.clear_expired_sessions"]
    # A second worker (or the same one a moment later) finds it already done.
    assert enqueue_due(now=start + timedelta(seconds=5), schedule=SCHEDULE) == []
    assert enqueue_due(now=start + timedelta(seconds=3599), schedule=SCHEDULE) == []
    assert DBTaskResult.objects.count() == 1
    assert enqueue_due(now=start + timedelta(seconds=3600), schedule=SCHEDULE) == [
        "jobs.tasks.clear_expired_sessions"
    ]
    assert DBTaskResult.objects.count() == 2


@pytest.mark.django_db
def test_clearing_sessions_deletes_only_expired_ones(run_jobs):
    live = SessionStore()
    live["x"] = 1
    live.create()
    old = SessionStore()
    old["x"] = 1
    old.create()
    Session.objects.filter(pk=old.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    enqueue_due(schedule=SCHEDULE)
    run_jobs()
    assert list(Session.objects.values_list("pk", flat=True)) == [live.session_key]


def test_the_default_schedule_names_real_tasks(settings):
    from django.tasks import Task
    from django.utils.module_loading import import_string

    for path in settings.SAMEPAGE_SCHEDULE:
        assert isinstance(import_string(path), Task), path
