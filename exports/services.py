"""Writes of the exports app: a client closing their own account."""

from django.db import transaction
from django.utils import timezone

from accounts import services as account_services
from accounts.audit_events import audit_person
from accounts.models import User


def account_close(*, user):
    """Stop this client signing in, at their own request; every record is kept for the clinic.

    The deactivation is the usual one (sessions end, the clinic admin can see it and undo it);
    `closure_requested_at` says why it happened.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.closure_requested_at is None:
            user.closure_requested_at = timezone.now()
            user.save(update_fields=["closure_requested_at"])
            audit_person("account_closure_requested", user, detail="client_request")
        return account_services.user_deactivate(user=user)
