from django.test import Client
from django.urls import reverse

from accounts.models import Assignment, User
from tests.conftest import PASSWORD, make_user

HOME = reverse("home")


def deactivate(browser, person):
    return browser.post(
        reverse("clinic_person_deactivate", args=[person.pk]), {"confirmed": "1"}, follow=True
    )


def reactivate(browser, person):
    return browser.post(reverse("clinic_person_reactivate", args=[person.pk]), follow=True)


def sign_in(browser, email):
    return browser.post(reverse("login"), {"username": email, "password": PASSWORD})


def test_signed_in_client_is_signed_out_on_their_next_request_after_deactivation(
    as_admin, client_user
):
    maya = Client()
    assert sign_in(maya, client_user.email).status_code == 302
    assert maya.get(HOME).status_code == 200

    html = deactivate(as_admin, client_user).content.decode()
    assert "Maya Rivera is deactivated" in html

    response = maya.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_deactivated_person_cannot_sign_in_and_nothing_is_deleted(as_admin, client_user):
    deactivate(as_admin, client_user)
    response = sign_in(Client(), client_user.email)
    assert response.status_code == 200
    assert "Your account is not active" in response.content.decode()
    client_user.refresh_from_db()
    assert not client_user.is_active
    assert client_user.deactivated_at is not None
    assert Assignment.objects.filter(client_user=client_user).count() == 1


def test_person_page_offers_deactivation_with_its_consequences(as_admin, client_user):
    html = as_admin.get(reverse("clinic_person", args=[client_user.pk])).content.decode()
    assert "Deactivating Maya Rivera signs them out at once and stops them signing in." in html
    assert "Nothing is deleted" in html
    assert "Deactivate Maya Rivera" in html


def test_deactivation_is_a_post(as_admin, client_user):
    url = reverse("clinic_person_deactivate", args=[client_user.pk])
    assert as_admin.get(url).status_code == 405
    assert User.objects.get(pk=client_user.pk).is_active


def test_reactivated_person_signs_in_again_but_old_sessions_stay_ended(as_admin, client_user):
    maya = Client()
    sign_in(maya, client_user.email)
    deactivate(as_admin, client_user)
    html = reactivate(as_admin, client_user).content.decode()
    assert "Maya Rivera is active again and can sign in." in html
    assert maya.get(HOME).status_code == 302
    assert sign_in(Client(), client_user.email).status_code == 302


def test_last_active_admin_cannot_deactivate_themselves(as_admin, clinic_admin):
    html = deactivate(as_admin, clinic_admin).content.decode()
    assert "This is the clinic&#x27;s last active admin account" in html
    assert User.objects.get(pk=clinic_admin.pk).is_active
    assert as_admin.get(HOME).status_code == 200


def test_admin_can_deactivate_themselves_when_another_admin_remains(as_admin, clinic, clinic_admin):
    make_user("second-admin@harbor.test", clinic, "Sam Second", is_clinic_admin=True)
    deactivate(as_admin, clinic_admin)
    assert not User.objects.get(pk=clinic_admin.pk).is_active
    assert as_admin.get(HOME).status_code == 302


def test_a_deactivated_second_admin_does_not_count(as_admin, clinic, clinic_admin):
    make_user("gone@harbor.test", clinic, "Gone Admin", is_clinic_admin=True, is_active=False)
    deactivate(as_admin, clinic_admin)
    assert User.objects.get(pk=clinic_admin.pk).is_active


def test_another_clinics_people_cannot_be_deactivated(as_admin, other_clinic_client):
    response = as_admin.post(reverse("clinic_person_deactivate", args=[other_clinic_client.pk]))
    assert response.status_code == 404
    assert User.objects.get(pk=other_clinic_client.pk).is_active


def admin_role(browser, person, grant):
    url = reverse("clinic_person_admin_role", args=[person.pk])
    return browser.post(url, {"is_clinic_admin": "1" if grant else "0"}, follow=True)


def test_therapist_made_clinic_admin_lets_the_first_admin_step_down(
    as_admin, clinic_admin, therapist
):
    assert (
        "Dr. Chen is now a clinic admin." in admin_role(as_admin, therapist, True).content.decode()
    )
    assert User.objects.get(pk=therapist.pk).is_clinic_admin
    deactivate(as_admin, clinic_admin)
    assert not User.objects.get(pk=clinic_admin.pk).is_active


def test_last_admin_cannot_remove_their_own_admin_role(as_admin, clinic_admin):
    html = admin_role(as_admin, clinic_admin, False).content.decode()
    assert "last active admin account" in html
    assert User.objects.get(pk=clinic_admin.pk).is_clinic_admin


def test_clients_are_never_made_clinic_admins(as_admin, client_user):
    html = admin_role(as_admin, client_user, True).content.decode()
    assert "Only active therapists can be made clinic admins." in html
    assert not User.objects.get(pk=client_user.pk).is_clinic_admin
