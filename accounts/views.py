"""Sign-in, lockout and the home page of each role."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts import home as home_data
from accounts.forms import EmailAuthenticationForm


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True


def lockout(request, credentials=None, *args, **kwargs):
    """Shown by django-axes after 5 failed sign-ins: say when to try again, keep it calm."""
    form = EmailAuthenticationForm(request)
    message = _(
        "Too many unsuccessful sign-in attempts for this account. For your safety, please wait "
        "15 minutes and try again, or reset your password."
    )
    return render(
        request, "registration/login.html", {"form": form, "lockout_message": message}, status=429
    )


@login_required
def home(request):
    """One page per person, with a section for each of their roles."""
    return render(request, "accounts/home.html", home_data.home_context(request.user))
