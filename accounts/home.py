"""What each role sees on its home page, fetched with a fixed number of queries."""

from django.db.models import Prefetch

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


def clinic_people(*, clinic):
    """The clinic's therapists and clients, with each client's current therapist."""
    current = Assignment.objects.current().select_related("therapist")
    people = (
        User.objects.of_clinic(clinic)
        .prefetch_related(
            Prefetch("assignments_as_client", queryset=current, to_attr="current_assignments")
        )
        .order_by("full_name")
    )
    therapists = [p for p in people if p.is_therapist]
    clients = [p for p in people if p.is_client]
    for client_user in clients:
        assignment = client_user.current_assignments[0] if client_user.current_assignments else None
        client_user.assigned_therapist = assignment.therapist if assignment else None
    return {"therapists": therapists, "clients": clients}
