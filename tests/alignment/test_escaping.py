"""Whatever people type is shown as text, never run as markup: in the round page, its htmx
partial and the home page. Emails are plain text and carry none of it."""

import pytest
from django.urls import reverse

from accounts.models import User
from alignment.discussion import round_view
from alignment.models import Side
from alignment.services import GoalRow
from tests.alignment.conftest import (
    THERAPIST_GOALS,
    comment,
    goal_titled,
    html_of,
    key_of,
    label,
    new_token,
    propose,
)

HOME = reverse("home")


def evil(n):
    return f"<script>alert({n})</script>"


def escaped(n):
    return f"&lt;script&gt;alert({n})&lt;/script&gt;"


GOAL, SUCCESS, REASON, COMMENT, NAME, ROUND, WORDING = range(1, 8)


@pytest.fixture
def evil_round(build_round, client_user, therapist):
    """A revealed round where every free text field, and the client's name, is a script."""
    User.objects.filter(pk=client_user.pk).update(full_name=evil(NAME))
    client_user.refresh_from_db()
    round_ = build_round(
        title=evil(ROUND),
        client=client_user,
        client_goals=[GoalRow(None, evil(GOAL), evil(SUCCESS), "mood", 4)],
        therapist_goals=list(THERAPIST_GOALS),
        reveal=True,
    )
    mine = round_.goals.get(side=Side.CLIENT)
    label(therapist, round_, mine, reason=evil(REASON))
    comment(therapist, round_, key_of(mine), body=evil(COMMENT))
    theirs = goal_titled(round_, THERAPIST_GOALS[0])
    propose(therapist, round_, key_of(theirs), "revise", evil(WORDING))
    return round_


def assert_escaped(page, numbers, where):
    assert "<script>alert(" not in page, where
    for n in numbers:
        assert escaped(n) in page, (where, n)


@pytest.mark.parametrize("who", ["client_user", "therapist"])
def test_round_page_shows_scripts_as_text(as_user, evil_round, everyone, who):
    url = reverse("round_detail", args=[evil_round.pk]) + "?open=all"
    page = html_of(as_user(everyone[who]).get(url))
    assert_escaped(page, (GOAL, SUCCESS, REASON, COMMENT, NAME, ROUND, WORDING), "round page")


def test_htmx_partial_shows_scripts_as_text(as_user, evil_round, therapist):
    goal = goal_titled(evil_round, THERAPIST_GOALS[1])
    response = as_user(therapist).post(
        reverse("comment_create", args=[evil_round.pk]),
        {
            "item": key_of(goal),
            "body": evil(8),
            "form_token": new_token(),
            # The items the person had unfolded come back unfolded: here, all of them.
            "open_items": ",".join(item.key for item in round_view(evil_round).items),
        },
        headers={"HX-Request": "true"},
    )
    page = html_of(response)
    assert page.lstrip().startswith('<div id="discussion">')
    assert_escaped(page, (GOAL, SUCCESS, REASON, COMMENT, NAME, WORDING, 8), "partial")


def test_form_errors_show_what_was_typed_as_text(as_user, evil_round, client_user):
    goal = goal_titled(evil_round, THERAPIST_GOALS[1])
    response = as_user(client_user).post(
        reverse("label_create", args=[evil_round.pk, goal.pk]), {"kind": "", "reason": evil(9)}
    )
    assert response.status_code == 400
    assert_escaped(html_of(response), (9,), "label form with errors")


@pytest.mark.parametrize("who", ["client_user", "therapist"])
def test_home_page_shows_scripts_as_text(as_user, evil_round, everyone, who):
    page = html_of(as_user(everyone[who]).get(HOME))
    assert_escaped(page, (ROUND, NAME), "home page")


def test_draft_page_shows_scripts_as_text(as_user, post_goals, build_round, client_user):
    round_ = build_round(client_goals=(), therapist_goals=())
    browser = as_user(client_user)
    response = post_goals(round_, [{"title": evil(GOAL), "success": evil(SUCCESS)}], side="client")
    page = html_of(browser.get(response["Location"]))
    assert_escaped(page, (GOAL, SUCCESS), "draft page")


def test_emails_are_plain_text_with_no_typed_text(
    as_user, evil_round, client_user, therapist, django_capture_on_commit_callbacks, run_jobs
):
    from django.conf import settings
    from django.core import mail

    run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)  # earlier events: not what is tested here
    mail.outbox.clear()
    goal = goal_titled(evil_round, THERAPIST_GOALS[1])
    browser = as_user(client_user)
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(
            reverse("label_create", args=[evil_round.pk, goal.pk]),
            {"kind": "other", "reason": evil(10), "form_token": new_token()},
        )
        browser.post(
            reverse("comment_create", args=[evil_round.pk]),
            {"item": key_of(goal), "body": evil(11), "form_token": new_token()},
        )
    run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)
    assert len(mail.outbox) == 1  # one digest for the label and the comment
    for message in mail.outbox:
        assert message.alternatives == []
        assert message.content_subtype == "plain"
        # The name is the one thing from a person in an email: kept as typed, not as markup.
        assert f"{evil(NAME)} " in message.body
        assert "&lt;" not in message.body
        for n in (GOAL, SUCCESS, REASON, COMMENT, ROUND, WORDING, 10, 11):
            assert f"alert({n})" not in message.body, n
            assert f"alert({n})" not in message.subject, n
