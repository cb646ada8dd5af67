"""What each role sees on its home page, fetched with a fixed number of queries."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Lower

from accounts.models import Assignment, User
from alignment import home as round_home
from alignment import reports


def home_context(user):
    """Sections of the home page for whichever roles this person has."""
    context = {"user": user}
    if user.is_client:
        context["my_therapist"] = user.current_therapist
        context["client_rounds"] = round_home.client_round_lines(user)
    if user.is_therapist:
        # The therapist's home is their caseload dashboard, in its default order.
        context["caseload"] = reports.caseload(therapist=user)
    if user.is_clinic_admin and user.clinic_id:
        context["clinic_people"] = clinic_people(clinic=user.clinic)
    return context


def therapist_clients(*, therapist):
    """Clients currently assigned to this therapist, in their clinic only."""
    return (
        User.objects.filter(
            is_client=True,
            clinic_id=therapist.clinic_id,
            assignments_as_client__therapist=therapist,
            assignments_as_client__ended_at__isnull=True,
        )
        .distinct()
        .order_by("full_name")
    )


# People listed on the admin's home per role; the people page lists everyone, a page at a time.
HOME_LIST_LIMIT = 20


def clinic_people(*, clinic):
    """The first therapists and clients of the clinic by name, each client with their current
    therapist, and how many there are in all: a fixed amount of work at any clinic size."""
    current = Assignment.objects.current()
    people = User.objects.of_clinic(clinic).order_by(Lower("full_name"), "pk")
    counts = User.objects.of_clinic(clinic).aggregate(
        therapist_count=Count("pk", filter=Q(is_therapist=True)),
        client_count=Count("pk", filter=Q(is_client=True)),
        unassigned_count=Count(
            "pk",
            filter=Q(is_client=True, is_active=True)
            & ~Q(Exists(current.filter(client_user=OuterRef("pk")))),
        ),
    )
    therapists = list(people.filter(is_therapist=True)[:HOME_LIST_LIMIT])
    clients = list(
        people.filter(is_client=True).prefetch_related(
            Prefetch(
                "assignments_as_client",
                queryset=current.select_related("therapist"),
                to_attr="current_assignments",
            )
        )[:HOME_LIST_LIMIT]
    )
    for client_user in clients:
        assignment = client_user.current_assignments[0] if client_user.current_assignments else None
        client_user.assigned_therapist = assignment.therapist if assignment else None
    return {"therapists": therapists, "clients": clients, **counts}
