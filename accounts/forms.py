"""Sign-in forms with wording a client understands."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User, normalize_email


class EmailAuthenticationForm(AuthenticationForm):
    """Email and password; one message whether the email is unknown or the password wrong."""

    username = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "That email address and password do not match an account. Check both and try again."
        ),
        "inactive": _(
            "That email address and password do not match an account. Check both and try again."
        ),
    }


class EmailPasswordResetForm(PasswordResetForm):
    """Finds the account by exact match on the normalised address, as sign-in does."""

    def get_users(self, email):
        users = User._default_manager.filter(email=normalize_email(email), is_active=True)
        return (user for user in users if user.has_usable_password())


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class QueuedPasswordResetForm(EmailPasswordResetForm):
    """Enqueue the reset email for any address; the worker looks the account up.

    The same work happens whether or not an account exists, so the response time reveals
    nothing (the lookup and the email happen later, in the background).
    """

    def save(self, **kwargs):
        from accounts.tasks import password_reset_send

        password_reset_send.enqueue(self.cleaned_data["email"])
