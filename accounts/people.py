"""The clinic's accounts page: people and open invitations in one list, in a fixed number of
queries whatever the size of the clinic."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q, Value
from django.db.models.functions import Lower

from accounts.models import Assignment, Invitation, User

PER_PAGE = 50
PERSON, INVITATION = "person", "invitation"

ROLE_FLAGS = {"client": "is_client", "therapist": "is_therapist", "admin": "is_clinic_admin"}
STATUS_INVITED, STATUS_ACTIVE, STATUS_DEACTIVATED = "invited", "active", "deactivated"


@dataclass
class Row:
    """One line of the accounts page: a person with an account, or an open invitation."""

    person: User | None = None
    invitation: Invitation | None = None

    @property
    def current_therapist(self):
        if self.person is None or not self.person.current_assignments:
            return None
        return self.person.current_assignments[0].therapist


def current_assignments():
    return Prefetch(
        "assignments_as_client",
        queryset=Assignment.objects.current().select_related("therapist"),
        to_attr="current_assignments",
    )


def _filtered(*, clinic, q, role, status):
    people = User.objects.of_clinic(clinic)
    invitations = Invitation.objects.open().filter(clinic=clinic)
    if q:
        people = people.filter(Q(full_name__icontains=q) | Q(email__icontains=q))
        invitations = invitations.filter(email__icontains=q)
    if role in ROLE_FLAGS:
        people = people.filter(**{ROLE_FLAGS[role]: True})
        invitations = (
            invitations.filter(role=role) if role in Invitation.Role.values else invitations.none()
        )
    if status == STATUS_INVITED:
        people = people.none()
    elif status in (STATUS_ACTIVE, STATUS_DEACTIVATED):
        people = people.filter(is_active=status == STATUS_ACTIVE)
        invitations = invitations.none()
    return people, invitations


def _keys(queryset, kind, sort_field):
    # Identical columns on both sides so the two lists can be one sorted, paginated UNION.
    return (
        queryset.order_by()
        .annotate(row_kind=Value(kind), row_id=F("pk"), sort_key=Lower(sort_field))
        .values_list("sort_key", "row_kind", "row_id")
    )


def people_page(*, clinic, q="", role="", status="", page_number=1):
    """A page of the clinic's people and open invitations, sorted by name (invitations by
    email address), each person with their current therapist."""
    people, invitations = _filtered(clinic=clinic, q=q, role=role, status=status)
    keys = (
        _keys(people, PERSON, "full_name")
        .union(_keys(invitations, INVITATION, "email"), all=True)
        .order_by("sort_key", "row_kind", "row_id")
    )
    page = Paginator(keys, PER_PAGE).get_page(page_number)
    wanted = list(page.object_list)
    person_ids = [row_id for _, kind, row_id in wanted if kind == PERSON]
    invitation_ids = [row_id for _, kind, row_id in wanted if kind == INVITATION]
    by_person = User.objects.filter(pk__in=person_ids).prefetch_related(current_assignments())
    by_person = {person.pk: person for person in by_person}
    by_invitation = Invitation.objects.filter(pk__in=invitation_ids).select_related("therapist")
    by_invitation = {invitation.pk: invitation for invitation in by_invitation}
    page.rows = [
        Row(person=by_person.get(row_id))
        if kind == PERSON
        else Row(invitation=by_invitation.get(row_id))
        for _, kind, row_id in wanted
    ]
    # A row gone between the two queries (an invitation deleted with its clinic) is skipped.
    page.rows = [row for row in page.rows if row.person or row.invitation]
    return page


def assignment_history(*, client_user):
    """Every therapist this client has had, the current one first."""
    return client_user.assignments_as_client.select_related("therapist", "assigned_by").order_by(
        "-started_at", "-pk"
    )
