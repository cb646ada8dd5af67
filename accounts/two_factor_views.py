"""Two-factor pages: set up the app, sign in with a code, recovery codes, turn off, reset."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts import services, throttle, two_factor
from accounts.access import person_for_admin
from accounts.forms import TwoFactorCodeForm

NEW_CODES_KEY = "samepage_new_recovery_codes"


@login_required
def overview(request):
    """Whether two-factor sign-in is on, and what the person can do about it."""
    user = request.user
    context = {
        "enrolled": two_factor.is_enrolled(user),
        "required": two_factor.is_required(user),
        "codes_left": two_factor.recovery_codes_left(user),
    }
    return render(request, "accounts/two_factor/overview.html", context)


@never_cache
@login_required
def setup(request):
    """Scan the QR code (or type the secret), then confirm with a code from the app."""
    if not request.user.is_verified() and two_factor.remember_enrolment(request):
        # Set up elsewhere since this session signed in: prove it first, never replace it.
        return redirect("two_factor_verify")
    device = services.two_factor_enrol_start(user=request.user)
    form = TwoFactorCodeForm(request.POST or None)
    form.fields["code"].help_text = _("The 6-digit code the app shows now for SamePage.")
    if request.method == "POST" and form.is_valid():
        codes = services.two_factor_enrol_confirm(
            user=request.user, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            two_factor.remember_enrolment(request, True)
            request.session[NEW_CODES_KEY] = codes
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect("two_factor_recovery_codes")
        form.add_error("code", _("That code does not match. Type the code the app shows now."))
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_data_uri(device),
        "secret": two_factor.secret_text(device),
        "required": two_factor.is_required(request.user),
    }
    return render(request, "accounts/two_factor/setup.html", context)


@never_cache
@login_required
def verify(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    if not two_factor.remember_enrolment(request):
        return redirect("home")  # reset meanwhile: the gate says what comes next
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ident = str(request.user.pk)
        wait = throttle.wait_seconds("two_factor_user", ident)
        if wait:
            return throttle.too_many_requests(request, wait)
        device = services.two_factor_verify(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_page(request))
        throttle.count("two_factor_user", ident)
        form.add_error("code", _("That code does not work. Try the code the app shows now."))
    return render(request, "accounts/two_factor/verify.html", {"form": form})


def _next_page(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "home"


@never_cache
@login_required
def recovery_codes(request):
    """New codes are shown once, right after they are made; later only how many are left."""
    if not two_factor.is_enrolled(request.user):
        return redirect("two_factor_setup")
    if request.method == "POST":
        request.session[NEW_CODES_KEY] = services.two_factor_recovery_codes_renew(user=request.user)
        messages.success(request, _("New recovery codes are ready. The old ones no longer work."))
        return redirect("two_factor_recovery_codes")
    context = {
        "new_codes": request.session.pop(NEW_CODES_KEY, None),
        "codes_left": two_factor.recovery_codes_left(request.user),
    }
    return render(request, "accounts/two_factor/recovery_codes.html", context)


@login_required
@require_POST
def disable(request):
    """Turn two-factor sign-in off: only where it is optional."""
    if two_factor.is_required(request.user):
        messages.error(request, _("Two-factor sign-in is required for your role."))
    else:
        services.two_factor_disable(user=request.user)
        two_factor.remember_enrolment(request, False)
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("two_factor")


@login_required
@require_POST
def person_reset(request, person_id):
    """A clinic admin removes a person's second factor (lost phone); 404 outside the clinic."""
    person = person_for_admin(request.user, person_id)
    services.two_factor_reset(user=person, reset_by=request.user)
    messages.success(
        request,
        _("%(name)s's two-factor sign-in was reset. They set it up again at their next sign-in.")
        % {"name": person.full_name},
    )
    return redirect("clinic_person", person_id=person.pk)
