"""Demo clinics and accounts for trying SamePage locally (`manage.py seed_demo`)."""

from django.db import transaction
from django.utils import timezone

from accounts.models import Assignment, Clinic, User, normalize_email

DEMO_PASSWORD = "samepage-demo"  # noqa: S105 - printed on purpose; demo data refuses DEBUG off

HARBOR = "Harbor Clinic"
NORTHSIDE = "Northside Practice"

# email, full name, roles, clinic
DEMO_PEOPLE = [
    ("admin@example.com", "Alex Morgan", {"is_clinic_admin": True}, HARBOR),
    ("therapist@example.com", "Dr. Sam Chen", {"is_therapist": True}, HARBOR),
    ("therapist2@example.com", "Dr. Priya Nair", {"is_therapist": True}, HARBOR),
    ("client@example.com", "Maya Rivera", {"is_client": True}, HARBOR),
    ("client2@example.com", "Jordan Lee", {"is_client": True}, HARBOR),
    ("client3@example.com", "Tom Becker", {"is_client": True}, HARBOR),
    ("admin@northside.example.com", "Robin Hale", {"is_clinic_admin": True}, NORTHSIDE),
    ("therapist@northside.example.com", "Dr. Ines Ortega", {"is_therapist": True}, NORTHSIDE),
    ("client@northside.example.com", "Kai Svensson", {"is_client": True}, NORTHSIDE),
]

# client email -> therapist email
DEMO_ASSIGNMENTS = {
    "client@example.com": "therapist@example.com",
    "client2@example.com": "therapist@example.com",
    "client3@example.com": "therapist2@example.com",
    "client@northside.example.com": "therapist@northside.example.com",
}


# The demo's rounds begin about two months ago: its people joined and were assigned before that.
JOINED_DAYS_AGO = 90


@transaction.atomic
def seed_accounts():
    """Create (or leave as they are) the demo clinics, people and assignments."""
    clinics = {
        name: Clinic.objects.get_or_create(name=name, defaults={"time_zone": "Europe/London"})[0]
        for name in (HARBOR, NORTHSIDE)
    }
    people = {}
    joined = timezone.now() - timezone.timedelta(days=JOINED_DAYS_AGO)
    for email, full_name, roles, clinic_name in DEMO_PEOPLE:
        user = User.objects.filter(email=normalize_email(email)).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                full_name=full_name,
                clinic=clinics[clinic_name],
                date_joined=joined,
                **roles,
            )
        people[email] = user
    for client_email, therapist_email in DEMO_ASSIGNMENTS.items():
        client_user = people[client_email]
        if not Assignment.objects.current().filter(client_user=client_user).exists():
            Assignment.objects.create(
                client_user=client_user, therapist=people[therapist_email], started_at=joined
            )
    return people
