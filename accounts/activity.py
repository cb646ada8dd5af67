"""The clinic's account events from the audit trail: sign-ins, invitations, assignments, roles.

Never views or changes of clinical data (those are the client's to see), and only events of
the admin's own clinic.
"""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, User
from audit.models import AuditEvent

PER_PAGE = 50
CLINICAL_ACTIONS = ("view", "change")
OBJECT_KINDS = ("user", "invitation")
LABELS = {
    "sign_in": _("signed in"),
    "sign_in_failed": _("failed sign-in"),
    "sign_out": _("signed out"),
    "invitation_sent": _("invitation sent"),
    "invitation_resent": _("invitation sent again"),
    "invitation_revoked": _("invitation withdrawn"),
    "invitation_accepted": _("invitation accepted"),
    "assignment_changed": _("therapist assigned"),
    "user_deactivated": _("account deactivated"),
    "user_reactivated": _("account reactivated"),
    "role_changed": _("role changed"),
    "mfa_enrolled": _("two-factor sign-in set up"),
    "mfa_recovery_codes_renewed": _("new recovery codes"),
    "mfa_disabled": _("two-factor sign-in turned off"),
    "mfa_reset": _("two-factor sign-in reset by the clinic"),
}
DETAILS = {
    "clinic_admin_granted": _("made clinic admin"),
    "clinic_admin_removed": _("no longer clinic admin"),
}


def clinic_events(*, clinic, page_number=None):
    """A page of the clinic's account events, newest first, each with its people named."""
    events = (
        AuditEvent.objects.filter(clinic_id=clinic.pk)
        .exclude(action__in=CLINICAL_ACTIONS)
        .select_related("actor")
        .order_by("-seq")
    )
    page = Paginator(events, PER_PAGE).get_page(page_number)
    rows = list(page.object_list)
    ids = {kind: {e.object_id for e in rows if e.object_type == kind} for kind in OBJECT_KINDS}
    people = User.objects.filter(clinic=clinic, pk__in=ids["user"]).in_bulk()
    invitations = Invitation.objects.filter(clinic=clinic, pk__in=ids["invitation"]).in_bulk()
    for event in rows:
        event.label = LABELS.get(event.action, event.action)
        event.detail_label = DETAILS.get(event.detail, "")
        event.person = people.get(event.object_id) if event.object_type == "user" else None
        event.invitation = (
            invitations.get(event.object_id) if event.object_type == "invitation" else None
        )
    page.rows = rows
    return page
