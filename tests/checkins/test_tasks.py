"""Cadence and reminders, run with a fake clock."""

import datetime

import pytest
from django.utils import timezone

from checkins import services
from checkins.models import Checkin, CheckinSide
from checkins.tasks import open_due_checkins, send_checkin_reminders
from tests.alignment.conftest import replace_therapist
from tests.checkins.conftest import rate

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def at(moment):
    return moment.isoformat()


@pytest.fixture
def every_two_weeks(agreed_round, therapist, client_user):
    services.cadence_set(therapist=therapist, client_user=client_user, weeks=2)
    return agreed_round.closed_at


def test_a_checkin_opens_when_the_cadence_is_due_and_not_before(
    every_two_weeks, mailoutbox, django_capture_on_commit_callbacks, client_user, therapist
):
    closed = every_two_weeks
    assert open_due_checkins.call(now=at(closed + 13 * DAY)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert open_due_checkins.call(now=at(closed + 14 * DAY)) == 1
    checkin = Checkin.objects.get()
    assert checkin.by_schedule and checkin.created_at == closed + 14 * DAY
    assert sorted(m.to[0] for m in mailoutbox) == sorted([client_user.email, therapist.email])
    assert all("Sleep" not in m.body and "Sleep" not in m.subject for m in mailoutbox)
    # Running again while it is open opens nothing more.
    assert open_due_checkins.call(now=at(closed + 30 * DAY)) == 0


def test_the_next_checkin_is_due_weeks_after_the_last_one(every_two_weeks, client_user, therapist):
    closed = every_two_weeks
    open_due_checkins.call(now=at(closed + 14 * DAY))
    checkin = Checkin.objects.get()
    rate(client_user, checkin, [5, 5])
    rate(therapist, checkin, [5, 5])
    assert open_due_checkins.call(now=at(closed + 27 * DAY)) == 0
    assert open_due_checkins.call(now=at(closed + 28 * DAY)) == 1


def test_cadence_off_or_no_current_therapist_opens_nothing(
    every_two_weeks, client_user, therapist, other_therapist
):
    later = at(every_two_weeks + 60 * DAY)
    services.cadence_set(therapist=therapist, client_user=client_user, weeks=0)
    assert open_due_checkins.call(now=later) == 0
    services.cadence_set(therapist=therapist, client_user=client_user, weeks=4)
    replace_therapist(client_user, other_therapist)
    assert open_due_checkins.call(now=later) == 0
    assert not Checkin.objects.exists()


def test_a_side_that_has_not_rated_after_3_days_gets_one_reminder_only(
    checkin, client_user, therapist, mailoutbox, django_capture_on_commit_callbacks
):
    rate(therapist, checkin, [5, 5])
    opened = checkin.created_at
    assert send_checkin_reminders.call(now=at(opened + 2 * DAY)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_checkin_reminders.call(now=at(opened + 3 * DAY)) == 1
        assert send_checkin_reminders.call(now=at(opened + 5 * DAY)) == 0
    reminders = [m for m in mailoutbox if "reminder" in m.body]
    assert [m.to for m in reminders] == [[client_user.email]]
    assert CheckinSide.objects.get(side="client").reminded_at == opened + 3 * DAY
    assert CheckinSide.objects.get(side="therapist").reminded_at is None


def test_no_reminder_once_revealed(checkin, client_user, therapist):
    rate(therapist, checkin, [5, 5])
    rate(client_user, checkin, [5, 5])
    assert send_checkin_reminders.call(now=at(timezone.now() + 10 * DAY)) == 0


def test_the_jobs_run_through_the_tasks_framework_with_json_arguments(every_two_weeks, run_jobs):
    opened = open_due_checkins.enqueue(now=at(every_two_weeks + 14 * DAY))
    run_jobs()
    opened.refresh()
    assert opened.return_value == 1
    reminded = send_checkin_reminders.enqueue(now=at(every_two_weeks + 30 * DAY))
    run_jobs()
    reminded.refresh()
    assert reminded.return_value == 2
