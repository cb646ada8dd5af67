"""Who may see and change a round: its client and its therapist, nobody else. Strangers get 404
(never 403), on every URL, and nothing changes. A replaced therapist may still read."""

import pytest
from django.urls import reverse

from alignment.models import Side
from tests.alignment.conftest import (
    CLIENT_GOALS,
    THERAPIST_GOALS,
    actions_offered,
    as_form_rows,
    db_state,
    every_post,
    forms_posting_to,
    goal_titled,
    html_of,
    key_of,
    propose,
    replace_therapist,
    round_urls,
)

HOME = reverse("home")
OUTSIDERS = (
    "clinic_admin",
    "other_therapist",
    "other_client",
    "other_clinic_admin",
    "other_clinic_therapist",
    "other_clinic_client",
)
# Everything a participant wrote in `discussed_round` (plus a revision), none of which an
# outsider may ever read.
CLINICAL_TEXT = (
    *CLIENT_GOALS,
    *THERAPIST_GOALS,
    "Perfect grades and full-time work at once burn you out.",
    "We mean the same thing here.",
    "Recover faster after setbacks",
)


@pytest.fixture
def round_with_everything(discussed_round, client_user):
    """The discussed round plus a revision proposal, so every kind of text is present."""
    c0 = goal_titled(discussed_round, CLIENT_GOALS[0])
    propose(client_user, discussed_round, key_of(c0), "revise", "Recover faster after setbacks")
    return discussed_round


# Seeing rounds -----------------------------------------------------------------------------


def test_client_sees_only_their_own_rounds(
    as_user, build_round, client_user, other_client, other_therapist
):
    build_round(title="Maya intake")
    build_round(title="Jordan intake", therapist_user=other_therapist, client=other_client)
    page = html_of(as_user(client_user).get(HOME))
    assert "Maya intake" in page
    assert "Jordan intake" not in page


def test_therapist_sees_only_their_clients_rounds(
    as_user, build_round, therapist, other_client, other_therapist
):
    build_round(title="Maya intake")
    build_round(title="Jordan intake", therapist_user=other_therapist, client=other_client)
    page = html_of(as_user(therapist).get(HOME))
    assert "Maya intake" in page
    assert "Jordan intake" not in page


def test_both_participants_can_open_the_round_page(
    as_user, round_with_everything, therapist, client_user
):
    url = reverse("round_detail", args=[round_with_everything.pk])
    for person in (therapist, client_user):
        response = as_user(person).get(url)
        assert response.status_code == 200
        assert CLIENT_GOALS[0] in html_of(response)


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_404_on_every_round_url(as_user, round_with_everything, everyone, outsider):
    browser = as_user(everyone[outsider])
    assert browser.get(reverse("round_detail", args=[round_with_everything.pk])).status_code == 404
    for url in round_urls(round_with_everything):
        assert browser.get(url).status_code in (404, 405), url


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_404_on_the_round_report_and_its_csv(
    as_user, round_with_everything, everyone, outsider
):
    browser = as_user(everyone[outsider])
    for name in ("round_report", "round_report_csv"):
        response = browser.get(reverse(name, args=[round_with_everything.pk]))
        assert response.status_code == 404, name
        for text in CLINICAL_TEXT:
            assert text not in response.content.decode(), (name, text)


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_404_on_every_post_and_nothing_changes(
    as_user, round_with_everything, everyone, outsider
):
    browser = as_user(everyone[outsider])
    posts = every_post(round_with_everything)
    assert len(posts) == 10
    before = db_state()
    for name, url, data in posts:
        response = browser.post(url, data)
        assert response.status_code == 404, name
        htmx = browser.post(url, data, headers={"HX-Request": "true"})
        assert htmx.status_code == 404, name
        for text in CLINICAL_TEXT:
            assert text not in html_of(response) + html_of(htmx), (name, text)
    assert db_state() == before


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_404_on_a_round_still_drafting(as_user, drafting_round, everyone, outsider):
    browser = as_user(everyone[outsider])
    before = db_state()
    assert browser.get(reverse("round_detail", args=[drafting_round.pk])).status_code == 404
    for name, url, data in every_post(drafting_round):
        assert browser.post(url, data).status_code == 404, name
    assert db_state() == before


def test_clinic_admin_sees_no_goal_label_comment_or_resolution_anywhere(
    as_user, round_with_everything, clinic_admin
):
    browser = as_user(clinic_admin)
    pages = [html_of(browser.get(HOME))]
    pages += [html_of(browser.get(url)) for url in round_urls(round_with_everything)]
    for page in pages:
        for text in CLINICAL_TEXT:
            assert text not in page, text


def test_someone_signed_out_is_sent_to_sign_in_and_nothing_changes(client, round_with_everything):
    response = client.get(reverse("round_detail", args=[round_with_everything.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    before = db_state()
    for name, url, data in every_post(round_with_everything):
        assert client.post(url, data).status_code == 302, name
    assert db_state() == before


def test_round_of_an_unknown_id_is_not_found(as_user, therapist, db):
    assert as_user(therapist).get(reverse("round_detail", args=[999999])).status_code == 404


# A therapist who was replaced ---------------------------------------------------------------


def test_the_current_therapist_is_offered_every_action(as_user, round_with_everything, therapist):
    # One-click actions are forms on the page; the others open a small form when asked for.
    assert actions_offered(as_user(therapist), round_with_everything) >= {
        "label_withdraw",
        "link_remove",
        "round_close",
        "label_create",
        "comment_create",
        "resolution_propose",
        "link_create",
    }


def test_replaced_therapist_can_still_read_the_old_round(
    as_user, round_with_everything, therapist, other_therapist, client_user
):
    replace_therapist(client_user, other_therapist)
    response = as_user(therapist).get(reverse("round_detail", args=[round_with_everything.pk]))
    assert response.status_code == 200
    page = html_of(response)
    assert "read-only for you" in page
    assert "Read-only: this client now works with another therapist." in page
    assert CLIENT_GOALS[0] in page
    assert forms_posting_to(page, round_with_everything) == set()


def test_replaced_therapist_cannot_change_a_discussed_round(
    as_user, round_with_everything, therapist, other_therapist, client_user
):
    replace_therapist(client_user, other_therapist)
    browser = as_user(therapist)
    for name, url, data in every_post(round_with_everything):
        before = db_state()
        response = browser.post(url, data, follow=True)
        page = html_of(response)
        if name in ("goals_save", "submission_withdraw"):
            assert "Both lists are revealed, so the goals themselves are frozen." in page, name
        else:
            assert "You can read this round but no longer change it." in page, name
        assert db_state() == before, name


def test_replaced_therapist_cannot_change_their_draft(
    as_user, post_goals, drafting_round, therapist, other_therapist, client_user
):
    replace_therapist(client_user, other_therapist)
    browser = as_user(therapist)
    goals = as_form_rows(drafting_round, Side.THERAPIST)
    goals[0]["title"] = "Changed after being replaced"
    before = db_state()
    for action in ("save", "submit"):
        response = post_goals(drafting_round, goals, side=Side.THERAPIST, action=action)
        assert response.status_code == 409
        assert "You can read this round but no longer change it." in html_of(response)
    withdraw = browser.post(
        reverse("submission_withdraw", args=[drafting_round.pk]), {"confirmed": "1"}, follow=True
    )
    assert "You can read this round but no longer change it." in html_of(withdraw)
    assert db_state() == before


def test_replaced_therapists_draft_page_shows_no_goal_form(
    as_user, drafting_round, therapist, other_therapist, client_user
):
    replace_therapist(client_user, other_therapist)
    page = html_of(as_user(therapist).get(reverse("round_detail", args=[drafting_round.pk])))
    assert "read-only for you" in page
    assert "Submit my goals" not in page


def test_after_reassignment_the_client_can_read_but_not_change_the_old_round(
    as_user, round_with_everything, therapist, other_therapist, client_user
):
    replace_therapist(client_user, other_therapist)
    browser = as_user(client_user)
    page = html_of(browser.get(reverse("round_detail", args=[round_with_everything.pk])))
    assert CLIENT_GOALS[0] in page
    assert "you now work with another therapist" in page
    assert forms_posting_to(page, round_with_everything) == set()
    for name, url, data in every_post(round_with_everything):
        if name == "round_close":
            continue  # only the therapist may close; that refusal is tested elsewhere
        before = db_state()
        page = html_of(browser.post(url, data, follow=True))
        if name in ("goals_save", "submission_withdraw"):
            assert "Both lists are revealed, so the goals themselves are frozen." in page, name
        else:
            assert "You can read this round but no longer change it." in page, name
        assert db_state() == before, name


def test_after_reassignment_the_clients_home_marks_the_old_round_read_only(
    as_user, round_with_everything, other_therapist, client_user
):
    replace_therapist(client_user, other_therapist)
    home = html_of(as_user(client_user).get(reverse("home")))
    assert "Read-only: you now work with another therapist" in home
    assert "Your move" not in home
