"""Password reset: limited per address and per visitor, and a completed reset unlocks sign-in."""

from django.contrib.auth import views as auth_views

from accounts import services, throttle
from accounts.forms import QueuedPasswordResetForm
from accounts.models import normalize_email


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm

    def form_valid(self, form):
        # Counted on the typed address whether or not it has an account, so the limit itself
        # says nothing about who has one.
        limits = [
            ("password_reset_ip", throttle.client_ip(self.request) or "unknown"),
            ("password_reset_email", normalize_email(form.cleaned_data["email"])),
        ]
        wait = max(throttle.wait_seconds(name, ident) for name, ident in limits)
        if wait:
            return throttle.too_many_requests(self.request, wait)
        for name, ident in limits:
            throttle.count(name, ident)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever reset the password proved they hold the mailbox: sign-in opens again for them.
        services.signin_locks_clear(user=form.user)
        return response
