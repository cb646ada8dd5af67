"""Scheduled jobs: open check-ins on each client's cadence, and remind a side once.

Both are Django `@task`s meant to run periodically (hourly is plenty):
``checkins.tasks.open_due_checkins`` and ``checkins.tasks.send_checkin_reminders``. Each takes
``now`` as an ISO 8601 string (tasks take JSON arguments) so tests can pass a fake clock; both
are safe to run twice: the open check-in constraint and the reminder mark make a repeat a no-op.
"""

import datetime
import logging

from django.db.models import Max
from django.tasks import task
from django.utils import timezone

from accounts.models import Assignment
from alignment.services import ActionRefused
from checkins import reading, services
from checkins.models import Cadence, Checkin, CheckinSide

REMIND_AFTER = datetime.timedelta(days=3)

logger = logging.getLogger(__name__)


def _clock(now):
    return datetime.datetime.fromisoformat(now) if now else timezone.now()


def due_pairs(now):
    """(therapist, client) pairs whose cadence says a check-in is due at `now`.

    Due when the pair has no open check-in and `weeks` have passed since the later of the pair's
    last check-in and the closing of their last round (whose agreed goals are rated).
    """
    cadences = Cadence.objects.filter(weeks__gt=0, client_user__is_active=True)
    current = {
        a.client_user_id: a.therapist
        for a in Assignment.objects.current()
        .filter(client_user__in=cadences.values("client_user"), therapist__is_active=True)
        .select_related("therapist")
    }
    last_checkin = dict(
        Checkin.objects.filter(client_user__in=current)
        .values("client_user")
        .annotate(at=Max("created_at"))
        .values_list("client_user", "at")
    )
    open_pairs = set(
        Checkin.objects.filter(state=Checkin.State.RATING).values_list("client_user", "therapist")
    )
    due = []
    for cadence in cadences.select_related("client_user"):
        therapist = current.get(cadence.client_user_id)
        if therapist is None or (cadence.client_user_id, therapist.pk) in open_pairs:
            continue
        round_ = reading.last_closed_round(client_user=cadence.client_user, therapist=therapist)
        if round_ is None:
            continue
        anchors = [round_.closed_at, last_checkin.get(cadence.client_user_id)]
        anchor = max(a for a in anchors if a is not None)
        if now >= anchor + datetime.timedelta(weeks=cadence.weeks):
            due.append((therapist, cadence.client_user))
    return due


@task
def open_due_checkins(now=None):
    """Open every check-in that is due; returns how many were opened."""
    now = _clock(now)
    opened = 0
    for therapist, client_user in due_pairs(now):
        try:
            services.checkin_open(
                therapist=therapist, client_user=client_user, by_schedule=True, now=now
            )
        except ActionRefused:
            # No agreed goals, or opened meanwhile: nothing to do; say who, never what.
            logger.info("No check-in opened for client %s", client_user.pk)
            continue
        opened += 1
    return opened


@task
def send_checkin_reminders(now=None):
    """Remind each side that has not submitted 3 days after opening, once; returns how many."""
    now = _clock(now)
    waiting = CheckinSide.objects.filter(
        submitted_at__isnull=True,
        reminded_at__isnull=True,
        checkin__state=Checkin.State.RATING,
        checkin__created_at__lte=now - REMIND_AFTER,
    ).values_list("pk", flat=True)
    return sum(services.reminder_mark(part_id=pk, now=now) for pk in list(waiting))
