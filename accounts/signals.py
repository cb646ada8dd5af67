"""Count failed sign-ins for the wider limits; a successful sign-in or reset clears them."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts import throttle


@receiver(user_login_failed)
def count_failed_signin(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    # A pair (account, address) already locked by django-axes adds nothing to the account's
    # wider count: one attacker's address alone can then never lock the account for everyone.
    if getattr(request, "axes_locked_out", False):
        throttle.count("signin_ip", throttle.client_ip(request))
        return
    throttle.signin_failed(request, credentials.get("username", ""))


@receiver(user_logged_in)
def clear_on_signin(sender, user, request=None, **kwargs):
    throttle.signin_clear(user.email)
