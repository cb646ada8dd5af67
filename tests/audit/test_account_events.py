"""Account actions in the trail: sign-in, failed sign-in, sign-out and the clinic's changes."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP

from accounts import services
from accounts.models import Invitation
from audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def events(action):
    return list(AuditEvent.objects.filter(action=action))


def test_sign_in_and_sign_out_are_recorded(client, therapist):
    client.post(reverse("login"), {"username": therapist.email, "password": PASSWORD})
    client.post(reverse("logout"))
    (signed_in,) = events("sign_in")
    (signed_out,) = events("sign_out")
    assert (signed_in.actor_id, signed_in.object_id, signed_in.outcome) == (
        therapist.pk,
        therapist.pk,
        "ok",
    )
    assert signed_in.clinic_id == therapist.clinic_id
    assert signed_in.ip == "127.0.0.1"
    assert signed_out.actor_id == therapist.pk


def test_failed_sign_in_names_the_account_but_stores_nothing_typed(client, therapist):
    client.post(reverse("login"), {"username": therapist.email.upper(), "password": "wrong-guess"})
    (failed,) = events("sign_in_failed")
    assert (failed.actor_id, failed.object_type, failed.object_id) == (None, "user", therapist.pk)
    assert (failed.outcome, failed.clinic_id) == ("denied", therapist.clinic_id)
    row = " ".join(str(v) for v in vars(failed).values()).lower()
    assert therapist.email not in row and "wrong-guess" not in row


def test_failed_sign_in_for_no_account_stores_no_identifier(client, clinic):
    client.post(reverse("login"), {"username": "nobody@harbor.test", "password": "guess-one"})
    (failed,) = events("sign_in_failed")
    assert (failed.object_id, failed.clinic_id, failed.object_type) == (None, None, "")
    assert "nobody" not in " ".join(str(v) for v in vars(failed).values())


def test_clinic_admin_actions_are_recorded_with_the_admin_as_actor(
    as_user, clinic_admin, client_user, other_therapist, therapist
):
    browser = as_user(clinic_admin)
    browser.post(
        reverse("clinic_person_assign", args=[client_user.pk]),
        {"therapist": other_therapist.pk, "confirmed": "1"},
    )
    browser.post(reverse("clinic_person_deactivate", args=[client_user.pk]), {"confirmed": "1"})
    browser.post(reverse("clinic_person_reactivate", args=[client_user.pk]))
    browser.post(reverse("clinic_person_admin_role", args=[therapist.pk]), {"is_clinic_admin": "1"})
    recorded = list(
        AuditEvent.objects.exclude(action="sign_in").values_list(
            "action", "actor_id", "object_id", "detail"
        )
    )
    assert recorded == [
        ("assignment_changed", clinic_admin.pk, client_user.pk, ""),
        ("user_deactivated", clinic_admin.pk, client_user.pk, ""),
        ("user_reactivated", clinic_admin.pk, client_user.pk, ""),
        ("role_changed", clinic_admin.pk, therapist.pk, "clinic_admin_granted"),
    ]


def test_invitation_life_is_recorded_without_the_address(clinic, clinic_admin, therapist):
    invitation = services.invitation_create(
        clinic=clinic,
        email="newcomer@harbor.test",
        role=Invitation.Role.CLIENT,
        invited_by=clinic_admin,
        therapist=therapist,
    )
    services.invitation_resend(invitation=invitation)
    user = services.invitation_accept(
        invitation=invitation, full_name="New Person", password=PASSWORD
    )
    second = services.invitation_create(
        clinic=clinic, email="later@harbor.test", role=Invitation.Role.THERAPIST, invited_by=None
    )
    services.invitation_revoke(invitation=second)
    recorded = list(AuditEvent.objects.values_list("action", "object_id", "actor_id"))
    assert recorded == [
        ("invitation_sent", invitation.pk, None),
        ("invitation_resent", invitation.pk, None),
        ("invitation_accepted", invitation.pk, user.pk),
        ("invitation_sent", second.pk, None),
        ("invitation_revoked", second.pk, None),
    ]
    assert not AuditEvent.objects.filter(detail__contains="@").exists()


def test_a_refused_change_leaves_no_event(clinic_admin):
    with pytest.raises(services.ServiceError):
        services.user_deactivate(user=clinic_admin)  # the last active admin
    assert not AuditEvent.objects.filter(action="user_deactivated").exists()


def test_two_factor_changes_are_recorded_with_who_made_them(therapist, clinic_admin):
    device = services.two_factor_enrol_start(user=therapist)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    assert services.two_factor_enrol_confirm(user=therapist, device=device, code=f"{code:06d}")
    services.two_factor_recovery_codes_renew(user=therapist)
    services.two_factor_reset(user=therapist, reset_by=clinic_admin)
    (enrolled,) = events("mfa_enrolled")
    (renewed,) = events("mfa_recovery_codes_renewed")
    (reset,) = events("mfa_reset")
    assert (enrolled.object_id, renewed.object_id, reset.object_id) == (therapist.pk,) * 3
    assert reset.actor_id == clinic_admin.pk
    assert reset.clinic_id == therapist.clinic_id
