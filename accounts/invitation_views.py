"""Inviting people by email (clinic admin) and joining from the emailed link (invitee)."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts import services
from accounts.access import admin_clinic, invitation_for_admin
from accounts.clinic_forms import InvitationAcceptForm, InvitationForm
from accounts.confirm import ask_first, is_confirmed
from accounts.models import Invitation, User


def _invited_list():
    return reverse("clinic_people") + "?status=invited"


@login_required
def invite(request):
    """Invite a therapist or a client by email; a second identical post sends nothing more."""
    clinic = admin_clinic(request.user)
    form = InvitationForm(request.POST or None, clinic=clinic)
    pending = None
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                clinic=clinic, invited_by=request.user, **form.cleaned_data
            )
        except services.InvitationAlreadyPending as error:
            pending = error.invitation
        except services.ServiceError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link works for 7 days.")
                % {"email": invitation.email},
            )
            return redirect(_invited_list())
    return render(request, "accounts/clinic_invite.html", {"form": form, "pending": pending})


@login_required
@require_POST
def invitation_resend(request, invitation_id):
    invitation = invitation_for_admin(request.user, invitation_id)
    try:
        services.invitation_resend(invitation=invitation)
    except services.InvitationNotUsable:
        messages.error(request, _("This invitation was already accepted or withdrawn."))
    else:
        messages.success(
            request,
            _("A new link was sent to %(email)s. The previous link no longer works.")
            % {"email": invitation.email},
        )
    return redirect(_invited_list())


@login_required
@require_POST
def invitation_revoke(request, invitation_id):
    invitation = invitation_for_admin(request.user, invitation_id)
    if not is_confirmed(request):
        email = {"email": invitation.email}
        return ask_first(
            request,
            title=_("Withdraw the invitation to %(email)s?") % email,
            consequences=[
                _("The link sent to %(email)s stops working at once.") % email,
                _("You can invite the same address again later."),
            ],
            button=_("Yes, withdraw the invitation"),
            cancel_url=_invited_list(),
        )
    try:
        services.invitation_revoke(invitation=invitation)
    except services.InvitationNotUsable:
        messages.error(request, _("This invitation was already accepted or withdrawn."))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn. Its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect(_invited_list())


def _link_not_usable(request, reason):
    # 410 Gone: the link existed and will never work again. Unknown links answer 404.
    status = 404 if reason == "unknown" else 410
    return render(request, "accounts/invitation_unusable.html", {"reason": reason}, status=status)


INVITATION_SESSION_KEY = "samepage_invitation_token"


@never_cache
def invitation_open(request, token):
    """The emailed link: keep its token in the session and move to an address without it.

    As Django's password reset does, so the token never stays in the address bar, the browser
    history, a Referer header or the server's access log beyond this one request.
    """
    if services.invitation_find(token=token) is None:
        return _link_not_usable(request, "unknown")
    request.session[INVITATION_SESSION_KEY] = token
    return redirect("invitation_accept")


@never_cache
@sensitive_post_parameters("password1", "password2")
def invitation_accept(request):
    """Choose a name and password, then arrive signed in at home."""
    token = request.session.get(INVITATION_SESSION_KEY)
    invitation = services.invitation_find(token=token) if token else None
    if invitation is None:
        return _link_not_usable(request, "unknown")
    if invitation.status != Invitation.Status.PENDING:
        return _link_not_usable(request, invitation.status)
    if User.objects.filter(email=invitation.email).exists():
        return _link_not_usable(request, "account_exists")
    form = InvitationAcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationNotUsable as error:
            return _link_not_usable(request, error.status)
        except services.ServiceError:
            return _link_not_usable(request, "account_exists")
        login(request, user, backend="accounts.backends.EmailBackend")
        request.session.pop(INVITATION_SESSION_KEY, None)
        messages.success(request, _("Welcome to SamePage. Your account is ready."))
        return redirect("home")
    context = {"form": form, "invitation": invitation}
    return render(request, "accounts/invitation_accept.html", context)
