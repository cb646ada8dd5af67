"""Sign-in events: count failures for the wider limits, and note who owes a second factor."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts import throttle, two_factor


@receiver(user_login_failed)
def count_failed_signin(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    # A pair (account, address) already locked by django-axes adds nothing to the account's
    # wider count: one attacker's address alone can then never lock the account for everyone.
    if getattr(request, "axes_locked_out", False):
        throttle.signin_ip_failed(request)
        return
    throttle.signin_failed(request, credentials.get("username", ""))


@receiver(user_logged_in)
def clear_on_signin(sender, user, request=None, **kwargs):
    throttle.signin_clear(user.email)
    if request is not None and hasattr(request, "session"):
        two_factor.remember_enrolment(request, two_factor.is_enrolled(user))
