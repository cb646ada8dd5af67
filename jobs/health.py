"""Health checks for load balancers: fast, no session, no template.

/healthz  the process answers (no database).
/readyz   the database answers, every migration is applied, and the job queue moves.
"""

from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult

_migrated = False  # once all migrations are applied they stay applied: check once per process


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


def _migrations_applied():
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


def _queue_moving():
    """No job has waited to start for longer than SAMEPAGE_QUEUE_STUCK_AFTER seconds."""
    limit = timezone.now() - timedelta(seconds=settings.SAMEPAGE_QUEUE_STUCK_AFTER)
    return not DBTaskResult.objects.ready().filter(run_after__lt=limit).exists()


@never_cache
@require_safe
def readyz(request):
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        checks["migrations"] = "ok" if _migrations_applied() else "pending"
        checks["jobs"] = "ok" if _queue_moving() else "stuck"
    except DatabaseError:
        checks["database"] = "unreachable"
    ready = all(value == "ok" for value in checks.values())
    status = 200 if ready else 503
    return JsonResponse({"status": "ok" if ready else "fail", **checks}, status=status)
