"""The background worker: runs queued jobs and enqueues periodic ones (SAMEPAGE_SCHEDULE)."""

import logging
import threading
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from jobs.schedule import enqueue_due

logger = logging.getLogger(__name__)


def scheduler_loop(*, interval, stop):
    while not stop.is_set():
        close_old_connections()
        try:
            enqueue_due()
        except Exception:  # a database restart: try again next time round
            logger.exception("Scheduler could not enqueue periodic jobs; retrying")
        connection.close()
        stop.wait(interval)


class Command(BaseCommand):
    help = "Run background jobs (email, digests, periodic jobs). Ctrl+C stops it."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls.")
        parser.add_argument("--no-scheduler", action="store_true", help="Run jobs only.")

    def handle(self, *, interval, no_scheduler, **options):
        stop = threading.Event()
        if not no_scheduler:
            threading.Thread(
                target=scheduler_loop,
                kwargs={"interval": max(interval, 5.0), "stop": stop},
                daemon=True,
                name="scheduler",
            ).start()
        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        self.stdout.write("Background worker started.")
        try:
            while worker.running:
                try:
                    worker.run()
                except Exception:  # database unreachable: wait and go on, never die
                    logger.exception("Worker lost its database; retrying in 1 s")
                    close_old_connections()
                    time.sleep(1)
        finally:
            stop.set()
