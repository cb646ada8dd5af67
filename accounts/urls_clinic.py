"""Clinic admin pages, under /clinic/. Every one answers 404 to anyone but the clinic's admins."""

from django.urls import path

from accounts import activity_views, clinic_views, invitation_views, two_factor_views
from accounts.throttle import rate_limited

urlpatterns = [
    path("people/", clinic_views.people, name="clinic_people"),
    path("people/<int:person_id>/", clinic_views.person, name="clinic_person"),
    path("people/<int:person_id>/assign/", clinic_views.person_assign, name="clinic_person_assign"),
    path(
        "people/<int:person_id>/deactivate/",
        clinic_views.person_deactivate,
        name="clinic_person_deactivate",
    ),
    path(
        "people/<int:person_id>/reactivate/",
        clinic_views.person_reactivate,
        name="clinic_person_reactivate",
    ),
    path(
        "people/<int:person_id>/admin-role/",
        clinic_views.person_admin_role,
        name="clinic_person_admin_role",
    ),
    # Each invitation sends an email: limited per admin and per address (settings.RATE_LIMITS).
    path(
        "people/<int:person_id>/two-factor/reset/",
        two_factor_views.person_reset,
        name="clinic_person_two_factor_reset",
    ),
    path("invite/", rate_limited("invitation")(invitation_views.invite), name="clinic_invite"),
    path("activity/", activity_views.clinic_activity, name="clinic_activity"),
    path(
        "invitations/<int:invitation_id>/resend/",
        rate_limited("invitation")(invitation_views.invitation_resend),
        name="clinic_invitation_resend",
    ),
    path(
        "invitations/<int:invitation_id>/revoke/",
        invitation_views.invitation_revoke,
        name="clinic_invitation_revoke",
    ),
]
