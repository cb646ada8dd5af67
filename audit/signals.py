"""Sign-in, failed sign-in and sign-out, from Django's auth signals.

A failed sign-in stores the id of the account the typed address belongs to, if any, and never
the typed text: a mistyped address, or a password typed into the address field, is exactly
what must not sit in a log for years. Django has already replaced the password with stars.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.chain import record
from audit.request_info import client_ip, clinic_of


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def _signed_in(sender, request, user, **kwargs):
    record(
        action="sign_in",
        outcome="ok",
        actor=user,
        object_type="user",
        object_id=user.pk,
        clinic_id=clinic_of(user),
        ip=client_ip(request),
    )


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def _signed_out(sender, request, user, **kwargs):
    record(
        action="sign_out",
        outcome="ok",
        actor=user,
        object_type="user" if user is not None else "",
        object_id=getattr(user, "pk", None),
        clinic_id=clinic_of(user),
        ip=client_ip(request),
    )


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    account = matched_account(credentials)
    record(
        action="sign_in_failed",
        outcome="denied",
        object_type="user" if account is not None else "",
        object_id=getattr(account, "pk", None),
        clinic_id=clinic_of(account),
        ip=client_ip(request),
    )


def matched_account(credentials):
    """The account the typed identifier names, looked up the way sign-in looks it up."""
    user_model = get_user_model()
    typed = (credentials or {}).get("username") or (credentials or {}).get(
        user_model.USERNAME_FIELD
    )
    if not typed or not isinstance(typed, str):
        return None
    try:
        # The user manager knows how addresses are normalised; ask it, as sign-in does.
        return user_model._default_manager.get_by_natural_key(typed.strip())
    except (user_model.DoesNotExist, user_model.MultipleObjectsReturned):
        return None
