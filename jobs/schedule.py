"""Periodic jobs: settings.SAMEPAGE_SCHEDULE maps a task's dotted path to its period in seconds.

The worker calls enqueue_due() every few seconds. The time of the last run is kept in the
database and read under a row lock, so any number of workers enqueue each job once per period.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from jobs.models import ScheduledRun

logger = logging.getLogger(__name__)


def enqueue_due(*, now=None, schedule=None):
    """Enqueue every scheduled job whose period has passed; return their paths."""
    now = now or timezone.now()
    schedule = settings.SAMEPAGE_SCHEDULE if schedule is None else schedule
    enqueued = []
    for task_path, period in schedule.items():
        try:
            if _enqueue_if_due(task_path, timedelta(seconds=period), now):
                enqueued.append(task_path)
        except IntegrityError:
            pass  # another worker created the row at the same moment: it runs the job
    return enqueued


def _enqueue_if_due(task_path, period, now):
    with transaction.atomic():
        run = ScheduledRun.objects.select_for_update().filter(task_path=task_path).first()
        if run is not None and run.last_enqueued_at > now - period:
            return False
        import_string(task_path).enqueue()
        if run is None:
            ScheduledRun.objects.create(task_path=task_path, last_enqueued_at=now)
        else:
            run.last_enqueued_at = now
            run.save(update_fields=["last_enqueued_at"])
    logger.info("Scheduled job %s enqueued", task_path)
    return True
