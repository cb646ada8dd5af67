"""Write a client's FHIR R4 Bundle to standard output, for a clinic's integration scripts."""

import json

from django.core.management.base import BaseCommand, CommandError

import audit
from accounts.models import User
from exports import fhir, fhir_source


class Command(BaseCommand):
    help = "Write the FHIR R4 Bundle (JSON) of the client with this email address to stdout."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        client_user = User.objects.filter(email__iexact=email.strip(), is_client=True).first()
        if client_user is None:
            raise CommandError(f"No client has the email address {email!r}.")
        data = fhir_source.export_data(client_user=client_user)
        audit.record(
            action="export_fhir",
            outcome="ok",
            actor=None,
            object_type="client_fhir",
            object_id=client_user.pk,
            clinic_id=client_user.clinic_id,
            detail="export_fhir command",
        )
        self.stdout.write(json.dumps(fhir.bundle(data), indent=2, ensure_ascii=False))
