"""Write the audit trail as CSV for the platform operator (to a file or standard output)."""

import csv

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from audit.models import AuditEvent

COLUMNS = (
    "seq",
    "at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "round_id",
    "clinic_id",
    "detail",
    "ip",
    "outcome",
    "prev_hash",
    "hash",
)


class Command(BaseCommand):
    help = "Export audit events as CSV, oldest first (holds ids, never clinical text)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="File to write (default: standard output).")
        parser.add_argument("--since", help="Only events at or after this ISO date-time.")

    def handle(self, *args, output=None, since=None, **options):
        events = AuditEvent.objects.order_by("seq")
        if since:
            when = parse_datetime(since)
            if when is None:
                raise CommandError("--since must be an ISO date-time, e.g. 2026-01-31T00:00Z.")
            events = events.filter(at__gte=when)
        if output:
            with open(output, "w", newline="", encoding="utf-8") as stream:
                count = self._write(stream, events)
            self.stderr.write(f"Wrote {count} audit events to {output}.")
        else:
            self._write(self.stdout, events)

    def _write(self, stream, events):
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        count = 0
        for event in events.iterator(chunk_size=2000):
            row = [getattr(event, column) for column in COLUMNS]
            row[1] = event.at.isoformat()
            writer.writerow(row)
            count += 1
        return count
