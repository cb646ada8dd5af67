"""Sign-in, lockout and the home page of each role."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts import home as home_data
from accounts import throttle
from accounts.forms import EmailAuthenticationForm


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # The wider limits (per account from everywhere, per address over all accounts) are
        # checked before any password; django-axes holds the narrow per account+address one.
        wait = throttle.signin_wait(request, request.POST.get("username", ""))
        if wait:
            return _login_refused(request, throttle.wait_message(wait), wait)
        return super().post(request, *args, **kwargs)


def _login_refused(request, message, wait):
    form = EmailAuthenticationForm(request)
    context = {"form": form, "lockout_message": message}
    response = render(request, "registration/login.html", context, status=429)
    response["Retry-After"] = str(int(wait))
    return response


def lockout(request, credentials=None, *args, **kwargs):
    """Shown by django-axes after 5 failed sign-ins: say when to try again, keep it calm."""
    message = _(
        "Too many unsuccessful sign-in attempts for this account. For your safety, please wait "
        "15 minutes and try again, or reset your password."
    )
    return _login_refused(request, message, 15 * 60)


@login_required
def home(request):
    """One page per person, with a section for each of their roles."""
    return render(request, "accounts/home.html", home_data.home_context(request.user))
