"""Load demo clinics, accounts and rounds. Safe to run twice."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import demo
from alignment import demo as round_demo
from checkins import demo as checkin_demo


class Command(BaseCommand):
    help = "Create the demo clinics, accounts and rounds (refuses with DEBUG off unless --force)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (not for production)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password, so it refuses to run "
                "with DEBUG off. Use --force if this really is a demo installation."
            )
        people = demo.seed_accounts()
        round_demo.seed_rounds(people)
        checkin_demo.seed_checkins(people)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Demo logins (password: {demo.DEMO_PASSWORD}):")
        for email, full_name, _roles, clinic in demo.DEMO_PEOPLE:
            self.stdout.write(f"  {email:34} {full_name} ({clinic})")
