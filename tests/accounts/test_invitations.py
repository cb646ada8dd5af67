import hashlib
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Assignment, Invitation, User
from tests.accounts.conftest import NEW_PASSWORD, accept, link_in
from tests.conftest import make_user

INVITE = reverse("clinic_invite")


def sign_out(client):
    client.post(reverse("logout"))


def test_invited_client_accepts_and_arrives_signed_in_with_their_therapist(
    client, invite, therapist, mailoutbox
):
    response = invite("Noor.Haddad@Example.org", therapist=therapist)
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["noor.haddad@example.org"]
    link, _ = link_in(mailoutbox[0])
    assert link.startswith(settings.SITE_URL + "/accounts/invite/")

    sign_out(client)
    form_page = client.get(urlsplit(link).path, follow=True)
    assert form_page.status_code == 200
    assert "noor.haddad@example.org" in form_page.content.decode()
    response = accept(client, link)
    assert response.status_code == 302
    assert response.url == reverse("home")

    home = client.get(reverse("home"))
    person = home.context["user"]
    assert person.email == "noor.haddad@example.org"
    assert person.full_name == "Noor Haddad"
    assert person.is_client and not person.is_therapist and not person.is_clinic_admin
    assert person.clinic == therapist.clinic
    assert "Your therapist is <strong>Dr. Chen</strong>" in home.content.decode()
    assert person.check_password(NEW_PASSWORD)
    assert Invitation.objects.get().accepted_user == person


def test_invited_therapist_joins_as_a_therapist(client, invite, clinic, mailoutbox):
    invite("new.therapist@example.org", role="therapist")
    link, _ = link_in(mailoutbox[0])
    sign_out(client)
    accept(client, link, full_name="Dr. Okafor")
    home = client.get(reverse("home"))
    person = User.objects.get(email="new.therapist@example.org")
    assert person.is_therapist and not person.is_client
    assert person.clinic == clinic
    assert home.context["user"] == person
    assert "No clients are assigned to you yet." in home.content.decode()


def test_invitation_email_says_only_that_the_clinic_invited_them(invite, mailoutbox):
    invite("noor@example.org")
    message = mailoutbox[0]
    link, _ = link_in(message)
    assert message.subject == "You are invited to SamePage"
    assert message.body == (
        "Your clinic has invited you to SamePage.\n\n"
        "To set up your account, open this link within 7 days. It works once:\n\n"
        f"{link}\n\n"
        "If you were not expecting this invitation, you can ignore this email.\n"
    )
    assert "Harbor" not in message.body


def test_invitation_token_is_stored_only_as_a_hash(invite, mailoutbox):
    invite("noor@example.org")
    _, token = link_in(mailoutbox[0])
    invitation = Invitation.objects.get()
    for field in Invitation._meta.concrete_fields:
        assert token not in str(field.value_from_object(invitation)), field.name
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()


def test_link_expires_after_seven_days(client, invite, mailoutbox):
    invite("noor@example.org")
    invitation = Invitation.objects.get()
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    link, _ = link_in(mailoutbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    sign_out(client)
    response = accept(client, link)
    assert response.status_code == 410
    assert "This invitation link has expired" in response.content.decode()
    assert not User.objects.filter(email="noor@example.org").exists()


def test_used_link_says_it_was_used(client, invite, mailoutbox):
    invite("noor@example.org")
    link, _ = link_in(mailoutbox[0])
    sign_out(client)
    accept(client, link)
    sign_out(client)
    response = client.get(urlsplit(link).path, follow=True)
    assert response.status_code == 410
    assert "This invitation link has already been used" in response.content.decode()
    assert accept(client, link, full_name="Someone Else").status_code == 410
    assert User.objects.get(email="noor@example.org").full_name == "Noor Haddad"


def test_withdrawn_link_says_it_was_withdrawn(client, invite, mailoutbox):
    invite("noor@example.org")
    link, _ = link_in(mailoutbox[0])
    invitation = Invitation.objects.get()
    response = client.post(
        reverse("clinic_invitation_revoke", args=[invitation.pk]), {"confirmed": "1"}, follow=True
    )
    assert "The invitation to noor@example.org is withdrawn." in response.content.decode()
    sign_out(client)
    response = accept(client, link)
    assert response.status_code == 410
    assert "This invitation was withdrawn" in response.content.decode()
    assert not User.objects.filter(email="noor@example.org").exists()


def test_unknown_link_is_not_found(client, db):
    response = client.get(reverse("invitation_open", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()


def test_sending_again_gives_a_new_link_and_the_old_one_stops_working(
    client, invite, mailoutbox, django_capture_on_commit_callbacks
):
    invite("noor@example.org")
    old_link, _ = link_in(mailoutbox[0])
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("clinic_invitation_resend", args=[invitation.pk]), follow=True
        )
    assert "A new link was sent to noor@example.org" in response.content.decode()
    assert len(mailoutbox) == 2
    new_link, _ = link_in(mailoutbox[1])
    assert new_link != old_link
    invitation.refresh_from_db()
    assert invitation.expires_at - timezone.now() > timedelta(days=6)

    sign_out(client)
    assert client.get(urlsplit(old_link).path).status_code == 404
    assert accept(client, new_link).status_code == 302


def test_inviting_an_address_with_an_account_elsewhere_answers_as_for_a_new_address(
    client, invite, other_clinic_client, mailoutbox
):
    fresh = invite("noor@example.org")
    elsewhere = invite("KAI@elsewhere.test")
    assert fresh.status_code == elsewhere.status_code == 302
    assert fresh.url == elsewhere.url
    page = client.get(elsewhere.url).content.decode()
    assert "Invitation sent to kai@elsewhere.test." in page
    assert "already" not in page
    assert len(mailoutbox) == 2
    assert mailoutbox[1].to == ["kai@elsewhere.test"]


def test_accepting_with_an_account_elsewhere_leaves_that_account_untouched(
    client, invite, other_clinic_client, other_clinic, mailoutbox
):
    invite("kai@elsewhere.test")
    link, _ = link_in(mailoutbox[0])
    sign_out(client)
    response = accept(client, link, full_name="Someone Else", password="new-pass-phrase-77")
    assert response.status_code == 410
    assert "You already have an account" in response.content.decode()
    assert "_auth_user_id" not in client.session
    kept = User.objects.get(email="kai@elsewhere.test")
    assert (kept.pk, kept.clinic, kept.full_name) == (
        other_clinic_client.pk,
        other_clinic,
        "Kai Svensson",
    )
    assert not kept.check_password("new-pass-phrase-77")
    assert Invitation.objects.get().accepted_at is None


def test_inviting_someone_already_in_the_clinic_says_so(invite, other_client, mailoutbox):
    response = invite("Jordan@Harbor.test")
    assert response.status_code == 200
    assert "This person already has an account in your clinic." in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_form_posted_twice_sends_one_invitation(invite, mailoutbox):
    invite("noor@example.org")
    response = invite("Noor@Example.org")
    html = response.content.decode()
    assert response.status_code == 200
    assert "An invitation to noor@example.org is already waiting" in html
    invitation = Invitation.objects.get()
    assert reverse("clinic_invitation_resend", args=[invitation.pk]) in html
    assert len(mailoutbox) == 1


def test_inviting_again_after_expiry_sends_a_fresh_link(client, invite, mailoutbox):
    invite("noor@example.org")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    assert invite("noor@example.org", role="therapist").status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.status == Invitation.Status.PENDING
    assert invitation.role == Invitation.Role.THERAPIST
    link, _ = link_in(mailoutbox[1])
    sign_out(client)
    assert accept(client, link).status_code == 302


def test_password_must_be_typed_twice_and_pass_the_password_rules(client, invite, mailoutbox):
    invite("noor@example.org")
    link, _ = link_in(mailoutbox[0])
    sign_out(client)
    mismatch = accept(client, link, password2="something-else-entirely-7")
    assert mismatch.status_code == 200
    assert mismatch.context["form"].errors["password2"]
    too_common = accept(client, link, password="password")
    assert "This password is too common." in too_common.content.decode()
    assert not User.objects.filter(email="noor@example.org").exists()


def test_only_active_therapists_of_the_clinic_can_be_chosen(
    as_admin, invite, therapist, other_therapist, other_clinic_therapist
):
    other_therapist.is_active = False
    other_therapist.save()
    html = as_admin.get(INVITE).content.decode()
    assert "Dr. Chen" in html
    assert "Dr. Nair" not in html
    assert "Dr. Ortega" not in html
    response = invite("noor@example.org", therapist=other_clinic_therapist)
    assert response.status_code == 200
    assert response.context["form"].errors["therapist"]
    assert not Invitation.objects.exists()


def test_a_therapist_is_not_assigned_a_therapist(invite, therapist):
    response = invite("noor@example.org", role="therapist", therapist=therapist)
    assert "Only clients are assigned a therapist." in response.content.decode()
    assert not Invitation.objects.exists()


def test_link_for_an_address_that_joined_elsewhere_meanwhile_says_so(
    client, invite, mailoutbox, other_clinic
):
    invite("noor@example.org")
    link, _ = link_in(mailoutbox[0])
    make_user("noor@example.org", other_clinic, is_client=True)
    sign_out(client)
    response = accept(client, link)
    assert "There is already an account with this email address." in response.content.decode()
    assert User.objects.filter(email="noor@example.org").count() == 1


def test_client_invited_to_a_therapist_who_left_joins_unassigned(
    client, invite, therapist, mailoutbox
):
    invite("noor@example.org", therapist=therapist)
    User.objects.filter(pk=therapist.pk).update(is_active=False)
    link, _ = link_in(mailoutbox[0])
    sign_out(client)
    accept(client, link)
    person = User.objects.get(email="noor@example.org")
    assert not Assignment.objects.filter(client_user=person).exists()


def test_admin_cannot_touch_another_clinics_invitation(as_admin, other_clinic_admin, db):
    invitation = Invitation.objects.create(
        clinic=other_clinic_admin.clinic,
        email="someone@example.org",
        role="client",
        token_hash="0" * 64,
        expires_at=timezone.now() + timedelta(days=7),
    )
    for name in ("clinic_invitation_resend", "clinic_invitation_revoke"):
        assert (
            as_admin.post(reverse(name, args=[invitation.pk]), {"confirmed": "1"}).status_code
            == 404
        )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_link_moves_its_token_into_the_session_before_showing_the_form(client, invite, mailoutbox):
    invite("noor@example.org")
    link, token = link_in(mailoutbox[0])
    sign_out(client)
    opened = client.get(urlsplit(link).path)
    assert opened.status_code == 302
    assert opened.url == reverse("invitation_accept")
    assert token not in opened.url
    form_page = client.get(opened.url)
    assert form_page.status_code == 200
    assert token not in form_page.content.decode()
    assert "Join SamePage" in form_page.content.decode()


def test_form_address_without_the_link_opened_first_does_not_work(client, invite, mailoutbox):
    invite("noor@example.org")
    sign_out(client)
    response = client.post(
        reverse("invitation_accept"),
        {"full_name": "Noor", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()
    assert not User.objects.filter(email="noor@example.org").exists()


def test_accepting_forgets_the_token(client, invite, mailoutbox):
    invite("noor@example.org")
    link, _ = link_in(mailoutbox[0])
    sign_out(client)
    accept(client, link)
    assert "samepage_invitation_token" not in client.session
