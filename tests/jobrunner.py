"""Run background jobs in the test's own thread and transaction, as the worker would."""

from datetime import timedelta

from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max


def run_due_jobs(*, later=0, limit=200):
    """Run every job due now or within `later` seconds, then the jobs those enqueue, and so on.

    Returns how many ran. The worker's own loop closes connections between jobs, which would
    end the test's transaction: this runs each job as its loop does, without that.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    ran = 0
    for ran in range(limit):  # noqa: B007
        horizon = timezone.now() + timedelta(seconds=later)
        job = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .filter(Q(run_after=get_date_max()) | Q(run_after__lte=horizon))
            .first()
        )
        if job is None:
            return ran
        job.claim(worker.worker_id)
        worker.run_task(job)
    raise AssertionError(f"Jobs still due after {limit} runs: a job that enqueues itself?")
