from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import Assignment
from tests.conftest import make_user


def person_page(person):
    return reverse("clinic_person", args=[person.pk])


def assign(browser, client_user, therapist):
    url = reverse("clinic_person_assign", args=[client_user.pk])
    return browser.post(url, {"therapist": therapist.pk, "confirmed": "1"}, follow=True)


def test_reassigning_a_client_ends_the_old_assignment_and_keeps_the_history(
    as_admin, clinic_admin, client_user, therapist, other_therapist
):
    Assignment.objects.filter(client_user=client_user).update(
        started_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    )
    response = assign(as_admin, client_user, other_therapist)
    html = response.content.decode()
    assert "Maya Rivera is now assigned to Dr. Nair." in html
    old, new = Assignment.objects.filter(client_user=client_user).order_by("started_at")
    assert (old.therapist, new.therapist) == (therapist, other_therapist)
    assert old.ended_at == new.started_at
    assert new.ended_at is None and new.assigned_by == clinic_admin
    assert client_user.current_therapist == other_therapist
    history = html.split("Therapist history")[1]
    assert history.index("Dr. Nair") < history.index("Dr. Chen")
    assert "2 Mar 2026" in history
    assert "now" in history


def test_assigning_the_current_therapist_again_changes_nothing(as_admin, client_user, therapist):
    response = assign(as_admin, client_user, therapist)
    assert "Maya Rivera is already assigned to Dr. Chen. Nothing changed." in (
        response.content.decode()
    )
    assignment = Assignment.objects.get(client_user=client_user)
    assert assignment.ended_at is None


def test_client_without_a_therapist_gets_one(as_admin, clinic, therapist):
    person = make_user("new@harbor.test", clinic, "New Person", is_client=True)
    html = as_admin.get(person_page(person)).content.decode()
    assert "Not assigned to a therapist." in html
    assign(as_admin, person, therapist)
    assert person.current_therapist == therapist


def test_only_active_therapists_of_the_clinic_are_offered(
    as_admin, client_user, therapist, other_therapist, other_clinic_therapist
):
    other_therapist.is_active = False
    other_therapist.save()
    response = as_admin.get(person_page(client_user))
    offered = list(response.context["assignment_form"].fields["therapist"].queryset)
    assert offered == [therapist]
    for refused in (other_therapist, other_clinic_therapist):
        response = assign(as_admin, client_user, refused)
        assert response.context["assignment_form"].errors["therapist"]
    assert client_user.current_therapist == therapist


def test_therapists_are_not_assigned_a_therapist(as_admin, therapist, other_therapist):
    assert assign(as_admin, therapist, other_therapist).status_code == 404
    assert not Assignment.objects.filter(client_user=therapist).exists()


def test_another_clinics_client_cannot_be_reassigned(as_admin, other_clinic_client, therapist):
    assert assign(as_admin, other_clinic_client, therapist).status_code == 404
    assert other_clinic_client.current_therapist != therapist


def test_therapist_page_lists_their_current_clients(as_admin, therapist, client_user):
    html = as_admin.get(person_page(therapist)).content.decode()
    assert "Current clients" in html
    assert "Maya Rivera" in html


def test_service_refuses_a_therapist_from_another_clinic(client_user, other_clinic_therapist):
    with pytest.raises(services.ServiceError):
        services.assignment_change(
            client_user=client_user, therapist=other_clinic_therapist, changed_by=None
        )
    assert Assignment.objects.current().get(client_user=client_user).therapist != (
        other_clinic_therapist
    )
