"""Account actions for the audit trail: ids only, never an email address or a name.

The actor is the signed-in person of the request being served unless one is given (the new
account, when an invitation is accepted).
"""

import audit


def audit_invitation(action, invitation, **actor):
    audit.record(
        action=action,
        outcome="ok",
        object_type="invitation",
        object_id=invitation.pk,
        clinic_id=invitation.clinic_id,
        **actor,
    )


def audit_person(action, person, *, detail="", **actor):
    audit.record(
        action=action,
        outcome="ok",
        object_type="user",
        object_id=person.pk,
        clinic_id=person.clinic_id,
        detail=detail,
        **actor,
    )
