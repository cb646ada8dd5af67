"""The one place that answers "may this person manage this account or invitation?".

Everything answers 404 outside the admin's own clinic, and to anyone who is not a clinic admin
of a clinic (platform operators included: they use Django admin), so nothing confirms that
another clinic's people or invitations exist.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Invitation, User


def admin_clinic(user):
    """The clinic this signed-in person administers, or 404."""
    if not (user.is_authenticated and user.is_clinic_admin and user.clinic_id):
        raise Http404
    return user.clinic


def person_for_admin(user, person_id):
    clinic = admin_clinic(user)
    return get_object_or_404(User.objects.select_related("clinic"), pk=person_id, clinic=clinic)


def invitation_for_admin(user, invitation_id):
    return get_object_or_404(Invitation, pk=invitation_id, clinic=admin_clinic(user))
