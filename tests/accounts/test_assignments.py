from datetime import UTC, datetime

import pytest
from django.conf import settings
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


def test_reassignment_emails_the_client_and_both_therapists_without_clinical_text(
    as_admin,
    client_user,
    therapist,
    other_therapist,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        assign(as_admin, client_user, other_therapist)
    sent = {message.to[0]: message for message in mailoutbox}
    assert set(sent) == {client_user.email, therapist.email, other_therapist.email}
    to_client = sent[client_user.email]
    assert to_client.subject == "SamePage: your therapist changed"
    assert "Your therapist in SamePage is now Dr. Nair (before: Dr. Chen)." in to_client.body
    assert "Maya Rivera is now assigned to you as a client." in sent[other_therapist.email].body
    assert "Maya Rivera is now assigned to another therapist, Dr. Nair." in (
        sent[therapist.email].body
    )
    for message in mailoutbox:
        assert "contact your clinic" in message.body
        assert message.body.rstrip().endswith(f"See it in SamePage: {settings.SITE_URL}/")


def test_no_email_when_nothing_changed(
    as_admin, client_user, therapist, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assign(as_admin, client_user, therapist)
    assert mailoutbox == []


def test_client_home_shows_the_change_of_therapist(
    as_admin, client, client_user, therapist, other_therapist
):
    assign(as_admin, client_user, other_therapist)
    client.force_login(client_user)
    page = client.get(reverse("home")).content.decode()
    assert "your clinic assigned you to <strong>Dr. Nair</strong>" in page
    assert "before, your therapist was Dr. Chen" in page


def test_client_home_is_quiet_without_a_recent_change(client, client_user, other_therapist):
    client.force_login(client_user)
    assert "your clinic assigned you to" not in client.get(reverse("home")).content.decode()
    services.assignment_change(client_user=client_user, therapist=other_therapist, changed_by=None)
    Assignment.objects.filter(client_user=client_user).update(
        started_at=datetime(2020, 1, 1, tzinfo=UTC)
    )
    assert "your clinic assigned you to" not in client.get(reverse("home")).content.decode()
