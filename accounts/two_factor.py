"""Two-factor sign-in: who must use it, and every change to a person's second factor.

A second factor is an authenticator app (TOTP, django-otp's TOTPDevice) plus ten one-time
recovery codes (a StaticDevice). Therapists, clinic admins and the platform operator must use
it when settings.TWO_FACTOR_REQUIRED is on (DEBUG off); for clients it is optional.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit_events import audit_person

# Whether the person had a second factor when this session signed in, so the gate on every
# page needs no query. Pages that change it update it; verify and setup check the database.
SESSION_KEY = "samepage_two_factor_enrolled"
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator app"
RECOVERY_DEVICE_NAME = "recovery codes"


def is_required(user):
    """Must this person use a second factor before reaching anything?"""
    return bool(
        settings.TWO_FACTOR_REQUIRED
        and (user.is_therapist or user.is_clinic_admin or user.is_superuser)
    )


def is_enrolled(user):
    """Has this person a confirmed authenticator app?"""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def remember_enrolment(request, enrolled=None):
    """Record in the session whether this person has a second factor (read it if not given)."""
    if enrolled is None:
        enrolled = is_enrolled(request.user)
    request.session[SESSION_KEY] = enrolled
    return enrolled


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# Enrolment ------------------------------------------------------------------------------------


def two_factor_enrol_start(*, user):
    """The person's unconfirmed authenticator device, made once and kept until confirmed."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_text(device):
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device):
    """The otpauth link drawn as an SVG QR code on the server: no request leaves the site."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, light="#fff")


def two_factor_enrol_confirm(*, user, device, code):
    """Confirm the new app with a code it shows; replace any older app and give new codes.

    Returns the ten recovery codes, or None when the code is wrong.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token(_clean(code)):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_person("mfa_enrolled", user)
        return _new_recovery_codes(user)


def two_factor_recovery_codes_renew(*, user):
    """Ten fresh recovery codes; the old ones stop working."""
    with transaction.atomic():
        audit_person("mfa_recovery_codes_renewed", user)
        return _new_recovery_codes(user)


def _new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


# Sign-in --------------------------------------------------------------------------------------


def two_factor_verify(*, user, code):
    """The device that accepts this code (app code or unused recovery code), or None.

    A recovery code works once. django-otp slows down guessing on each device after failures.
    """
    code = _clean(code)
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(code):
                return device
    return None


def _clean(code):
    return "".join((code or "").split()).lower()


# Turning it off -------------------------------------------------------------------------------


def two_factor_disable(*, user):
    """Remove the person's app and recovery codes (only offered where it is optional)."""
    with transaction.atomic():
        _delete_devices(user)
        audit_person("mfa_disabled", user)


def two_factor_reset(*, user, reset_by):
    """A clinic admin removes a person's second factor after a lost phone.

    Sessions verified with it stop counting as verified, so the person is asked to set it up
    again (if required) at their next page.
    """
    with transaction.atomic():
        _delete_devices(user)
        audit_person("mfa_reset", user, actor=reset_by)


def _delete_devices(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
