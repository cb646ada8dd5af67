"""Sign-in forms with wording a client understands."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


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


class QueuedPasswordResetForm(PasswordResetForm):
    """Enqueue the reset email for any address; the worker looks the account up.

    The same work happens whether or not an account exists, so the response time reveals
    nothing (the lookup and the email happen later, in the background).
    """

    def save(self, **kwargs):
        from accounts.tasks import password_reset_send

        password_reset_send.enqueue(self.cleaned_data["email"])
