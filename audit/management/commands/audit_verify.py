"""Check the audit trail's hash chain: exit 0 when intact, 1 naming the first bad row."""

from django.core.management.base import BaseCommand, CommandError

from audit.chain import verify
from audit.models import AuditEvent


class Command(BaseCommand):
    help = "Verify that no audit row was changed or deleted since it was written."

    def handle(self, *args, **options):
        problem = verify()
        if problem is not None:
            raise CommandError(f"Audit trail broken at {problem}.", returncode=1)
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {count} rows."))
