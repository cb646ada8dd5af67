"""Background jobs of the accounts app, run by the task worker on a schedule."""

from django.core.management import call_command
from django.tasks import task

# How often the scheduler should run `clear_expired_sessions`: sessions last 30 idle minutes,
# so clearing hourly keeps the table to about an hour's sign-ins.
CLEAR_SESSIONS_EVERY_SECONDS = 60 * 60


@task
def clear_expired_sessions():
    """Delete expired sessions from the database (Django's `clearsessions`)."""
    call_command("clearsessions")
