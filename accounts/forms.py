"""Sign-in forms with wording a client understands."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User, normalize_email

MISMATCH = _("That email address and password do not match an account. Check both and try again.")


class EmailAuthenticationForm(AuthenticationForm):
    """Email and password; one message whether the email is unknown or the password wrong.

    Only someone who typed the right password of a deactivated account learns that it is not
    active (and whom to ask): that reveals nothing to a person who does not know the password.
    """

    username = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {"invalid_login": MISMATCH, "inactive": MISMATCH}

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            inactive = self._deactivated_account()
            if inactive is None:
                raise
            raise forms.ValidationError(_deactivated_message(inactive), code="inactive") from None

    def _deactivated_account(self):
        """The deactivated account these credentials really open, else None."""
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        # During a lockout no password is checked at all, or this would be a guessing oracle.
        if not email or not password or getattr(self.request, "axes_locked_out", False):
            return None
        person = User.objects.filter(email__iexact=normalize_email(email)).first()
        if person is None or person.is_active or not person.check_password(password):
            return None
        return person


def _deactivated_message(person):
    admins = (
        User.objects.filter(clinic_id=person.clinic_id, is_clinic_admin=True, is_active=True)
        .exclude(pk=person.pk)
        .order_by("full_name")
        .values_list("full_name", flat=True)
        if person.clinic_id
        else []
    )
    if admins:
        return gettext(
            "Your account is not active: it was deactivated by your clinic. To use SamePage "
            "again, ask your clinic's admin (%(names)s) to reactivate it."
        ) % {"names": ", ".join(admins)}
    return gettext(
        "Your account is not active: it was deactivated by your clinic. To use SamePage again, "
        "ask your clinic to reactivate it."
    )


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
