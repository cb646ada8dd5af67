"""What a clinic admin can change: invitations, assignments, deactivation.

Every function takes keyword-only arguments and does its writes in one transaction. Rule
breaks raise ServiceError with a message a person can read.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import throttle
from accounts.audit_events import audit_invitation as _audit_invitation
from accounts.audit_events import audit_person as _audit_person
from accounts.emails import send_assignment_emails
from accounts.models import Assignment, Clinic, Invitation, User, normalize_email
from accounts.two_factor import (  # noqa: F401  (account actions live in one namespace)
    two_factor_disable,
    two_factor_enrol_confirm,
    two_factor_enrol_start,
    two_factor_recovery_codes_renew,
    two_factor_reset,
    two_factor_verify,
)

INVITATION_VALID_FOR = timedelta(days=7)


class ServiceError(Exception):
    """A rule said no; the message says why, in words for the person who asked."""


class InvitationAlreadyPending(ServiceError):
    def __init__(self, invitation):
        super().__init__(_("An invitation to this email address is already waiting."))
        self.invitation = invitation


class InvitationNotUsable(ServiceError):
    """The link was used, withdrawn or has expired; `status` says which."""

    def __init__(self, status):
        super().__init__(status.label)
        self.status = status


# Invitations ---------------------------------------------------------------------------------


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_link(token):
    return settings.SITE_URL + reverse("invitation_open", args=[token])


def _new_token(invitation):
    """Give the invitation a fresh token and expiry; only the hash is kept."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.expires_at = timezone.now() + INVITATION_VALID_FOR
    return token


def _send_invitation_email(*, email, token):
    # Only after the commit, so nobody gets a link that does not exist. A closure rather than
    # functools.partial: the token never appears in a logged repr.
    link = invitation_link(token)

    def send():
        subject = render_to_string("accounts/email/invitation_subject.txt").strip()
        body = render_to_string("accounts/email/invitation_body.txt", {"link": link})
        send_mail(subject, body, None, [email])

    transaction.on_commit(send)


def _check_therapist(*, clinic, therapist):
    if therapist is not None and not (
        therapist.clinic_id == clinic.pk and therapist.is_therapist and therapist.is_active
    ):
        raise ServiceError(_("Choose an active therapist of your clinic."))


def invitation_create(*, clinic, email, role, invited_by, therapist=None):
    """Invite an email address to the clinic and email the link.

    An open invitation that has expired is renewed with the new details; one still pending is
    left alone (InvitationAlreadyPending), so a form posted twice sends one invitation.
    """
    email = normalize_email(email)
    if role != Invitation.Role.CLIENT:
        therapist = None
    _check_therapist(clinic=clinic, therapist=therapist)
    # Only this clinic's own people are checked: whether the address has an account in another
    # clinic must not change the answer. Such an invitation is sent like any other, and its
    # link then tells the invitee (who holds the mailbox) to sign in to the account they have.
    if User.objects.filter(email=email, clinic=clinic).exists():
        raise ServiceError(_("This person already has an account in your clinic."))
    with transaction.atomic():
        invitation = (
            Invitation.objects.open().select_for_update().filter(clinic=clinic, email=email).first()
        )
        if invitation is not None and invitation.status == Invitation.Status.PENDING:
            raise InvitationAlreadyPending(invitation)
        invitation = invitation or Invitation(clinic=clinic, email=email)
        invitation.role, invitation.therapist, invitation.invited_by = role, therapist, invited_by
        invitation.created_at = timezone.now()
        token = _new_token(invitation)
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError:
            # The same form, posted twice at the same moment: the other request won.
            raise InvitationAlreadyPending(
                Invitation.objects.open().get(clinic=clinic, email=email)
            ) from None
        _send_invitation_email(email=email, token=token)
        _audit_invitation("invitation_sent", invitation)
    return invitation


def invitation_resend(*, invitation):
    """Send a new link valid for 7 days; the old link stops working."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status not in (Invitation.Status.PENDING, Invitation.Status.EXPIRED):
            raise InvitationNotUsable(invitation.status)
        token = _new_token(invitation)
        invitation.save(update_fields=["token_hash", "expires_at"])
        _send_invitation_email(email=invitation.email, token=token)
        _audit_invitation("invitation_resent", invitation)
    return invitation


def invitation_revoke(*, invitation):
    """Withdraw an invitation that has not been accepted; its link stops working."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status not in (Invitation.Status.PENDING, Invitation.Status.EXPIRED):
            raise InvitationNotUsable(invitation.status)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        _audit_invitation("invitation_revoked", invitation)
    return invitation


def invitation_find(*, token):
    """The invitation whose link carries this token, or None. Any state: the caller says why."""
    digest = token_hash(token)
    invitation = Invitation.objects.select_related("clinic").filter(token_hash=digest).first()
    # The index finds the row; the constant-time comparison keeps timing from telling more.
    if invitation is None or not hmac.compare_digest(invitation.token_hash, digest):
        return None
    return invitation


def invitation_accept(*, invitation, full_name, password):
    """Create the invitee's account from a pending invitation and assign their therapist."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != Invitation.Status.PENDING:
            raise InvitationNotUsable(invitation.status)
        # One address, one account: an address that has an account (here or in another
        # clinic) never gets a second one, and the existing account is never moved or changed.
        if User.objects.filter(email=invitation.email).exists():
            raise ServiceError(_("There is already an account with this email address."))
        user = User.objects.create_user(
            invitation.email,
            password,
            full_name=full_name,
            clinic=invitation.clinic,
            is_client=invitation.role == Invitation.Role.CLIENT,
            is_therapist=invitation.role == Invitation.Role.THERAPIST,
        )
        therapist = invitation.therapist
        # The therapist may have left since the invitation was sent: then the admin assigns.
        if (
            therapist is not None
            and user.is_client
            and therapist.is_active
            and therapist.is_therapist
            and therapist.clinic_id == invitation.clinic_id
        ):
            Assignment.objects.create(
                client_user=user, therapist=therapist, assigned_by=invitation.invited_by
            )
        invitation.accepted_at = timezone.now()
        invitation.accepted_user = user
        invitation.save(update_fields=["accepted_at", "accepted_user"])
        _audit_invitation("invitation_accepted", invitation, actor=user)
    return user


# Assignments ---------------------------------------------------------------------------------


def assignment_change(*, client_user, therapist, changed_by):
    """End the client's current assignment and start one with `therapist`.

    Returns the new Assignment, or None when `therapist` is already the current one.
    """
    clinic = client_user.clinic
    if not client_user.is_client:
        raise ServiceError(_("Only clients are assigned a therapist."))
    _check_therapist(clinic=clinic, therapist=therapist)
    if therapist.pk == client_user.pk:
        raise ServiceError(_("A person cannot be their own therapist."))
    with transaction.atomic():
        # Lock the client so two admins reassigning at once cannot both end the same row.
        User.objects.select_for_update().get(pk=client_user.pk)
        current = Assignment.objects.current().filter(client_user=client_user).first()
        if current is not None and current.therapist_id == therapist.pk:
            return None
        now = timezone.now()
        if current is not None:
            current.ended_at = now
            current.save(update_fields=["ended_at"])
        assignment = Assignment.objects.create(
            client_user=client_user, therapist=therapist, started_at=now, assigned_by=changed_by
        )
        _audit_person("assignment_changed", client_user, actor=changed_by)
        send_assignment_emails(
            client_user=client_user,
            previous=current.therapist if current is not None else None,
            therapist=therapist,
        )
    return assignment


# Deactivation --------------------------------------------------------------------------------


def _lock_clinic_admins(user):
    """Lock the clinic row so two admins cannot remove each other's admin rights at once."""
    if user.clinic_id:
        Clinic.objects.select_for_update().get(pk=user.clinic_id)
    return User.objects.select_for_update().get(pk=user.pk)


def _refuse_if_last_active_admin(user):
    if not (user.is_clinic_admin and user.is_active and user.clinic_id):
        return
    others = User.objects.filter(clinic_id=user.clinic_id, is_clinic_admin=True, is_active=True)
    if not others.exclude(pk=user.pk).exists():
        raise ServiceError(
            _(
                "This is the clinic's last active admin account: without it nobody could manage "
                "the clinic's accounts. Make another therapist a clinic admin first."
            )
        )


def user_deactivate(*, user):
    """Stop a person signing in and end their open sessions; nothing is deleted."""
    with transaction.atomic():
        user = _lock_clinic_admins(user)
        if not user.is_active:
            return user
        _refuse_if_last_active_admin(user)
        user.is_active = False
        user.deactivated_at = timezone.now()
        user.save(update_fields=["is_active", "deactivated_at"])
        _audit_person("user_deactivated", user)
    return user


def user_reactivate(*, user):
    """Let a deactivated person sign in again (sessions from before stay ended)."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
            _audit_person("user_reactivated", user)
    return user


def user_set_clinic_admin(*, user, is_clinic_admin):
    """Give an active therapist the clinic-admin role, or take it away (never the last one)."""
    with transaction.atomic():
        user = _lock_clinic_admins(user)
        if is_clinic_admin and not (user.is_therapist and user.is_active):
            raise ServiceError(_("Only active therapists can be made clinic admins."))
        if not is_clinic_admin:
            _refuse_if_last_active_admin(user)
        user.is_clinic_admin = is_clinic_admin
        user.save(update_fields=["is_clinic_admin"])
        detail = "clinic_admin_granted" if is_clinic_admin else "clinic_admin_removed"
        _audit_person("role_changed", user, detail=detail)
    return user


# Sign-in limits -------------------------------------------------------------------------------


def signin_locks_clear(*, user):
    """Lift every sign-in pause on this account (after a completed password reset)."""
    from axes.utils import reset as axes_reset  # axes reads settings when imported

    axes_reset(username=user.email)
    throttle.signin_clear(user.email)
