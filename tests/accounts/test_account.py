"""The "Your account" page: a person changes their own name, email preference and language,
never anyone else's, and what they typed is shown back escaped."""

import html

from django.urls import reverse

from accounts.models import User

ACCOUNT = reverse("account")


def post(client, **changes):
    data = {"full_name": "Maya Rivera", "email_preference": "digest", **changes}
    return client.post(ACCOUNT, data)


def test_account_page_shows_name_email_choices_and_password_link(client, client_user):
    client.force_login(client_user)
    page = html.unescape(client.get(ACCOUNT).content.decode())
    assert 'value="Maya Rivera"' in page
    assert "maya@harbor.test" in page
    for choice in ("Each change as it happens", "One summary a day", "Only when something"):
        assert choice in page
    assert reverse("password_change") in page


def test_a_person_changes_their_name_and_email_preference(client, client_user):
    client.force_login(client_user)
    response = post(client, full_name="  Maya R.  ", email_preference="needed")
    assert response.status_code == 302
    client_user.refresh_from_db()
    assert (client_user.full_name, client_user.email_preference) == ("Maya R.", "needed")
    assert "Your account is saved." in client.get(response.url).content.decode()


def test_new_people_get_email_as_a_digest_in_english(client_user):
    assert (client_user.email_preference, client_user.language) == ("digest", "en")


def test_an_empty_or_blank_name_is_refused_and_nothing_changes(client, client_user):
    client.force_login(client_user)
    for typed in ("", "    "):
        response = post(client, full_name=typed, email_preference="daily")
        assert response.status_code == 400
        assert "Write the name you would like others to see." in response.content.decode()
    client_user.refresh_from_db()
    assert (client_user.full_name, client_user.email_preference) == ("Maya Rivera", "digest")


def test_an_unknown_email_choice_is_refused_with_a_message(client, client_user):
    client.force_login(client_user)
    response = post(client, email_preference="hourly")
    assert response.status_code == 400
    assert "Choose one of the three email options." in response.content.decode()
    client_user.refresh_from_db()
    assert client_user.email_preference == "digest"


def test_a_refused_name_is_kept_in_the_form_but_not_in_the_header(client, client_user):
    client.force_login(client_user)
    response = post(client, full_name="x" * 151)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Keep your name to 150 characters (it has 151)." in page
    assert page.count("x" * 151) == 1  # the field, not the header or the footer


def test_only_your_own_account_changes_whatever_is_posted(client, client_user, therapist):
    client.force_login(client_user)
    data = {"full_name": "Changed", "email_preference": "daily", "id": therapist.pk}
    client.post(f"{ACCOUNT}?user={therapist.pk}", data)
    therapist.refresh_from_db()
    client_user.refresh_from_db()
    assert (therapist.full_name, therapist.email_preference) == ("Dr. Chen", "digest")
    assert client_user.full_name == "Changed"


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_name_with_markup_is_shown_escaped(client, client_user):
    client.force_login(client_user)
    post(client, full_name='<script>alert("x")</script>')
    page = client.get(ACCOUNT).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_language_is_offered_only_once_there_is_a_second_one(client, client_user, settings):
    client.force_login(client_user)
    assert 'name="language"' not in client.get(ACCOUNT).content.decode()
    settings.LANGUAGES = [("en", "English"), ("ar", "Arabic")]
    assert 'name="language"' in client.get(ACCOUNT).content.decode()
    post(client, language="ar")
    assert User.objects.get(pk=client_user.pk).language == "ar"
    response = post(client, language="xx")
    assert response.status_code == 400
    assert "Choose a language from the list." in response.content.decode()


def test_the_header_menu_leads_to_the_account_and_signs_out(client, client_user):
    client.force_login(client_user)
    page = client.get(reverse("home")).content.decode()
    menu = page[page.index('<details class="account-menu') : page.index("</details>")]
    assert f'href="{ACCOUNT}"' in menu
    assert f'action="{reverse("logout")}"' in menu
