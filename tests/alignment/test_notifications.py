"""Emails say only that something happened, to whom it matters, with a link to the round.
They never carry goal text, a label's reason, a comment, a proposal's wording or the round's
title: mail passes through servers the clinic does not control."""

import pytest
from django.conf import settings
from django.urls import reverse

from alignment.models import Side
from tests.alignment.conftest import (
    CLIENT_GOALS,
    THERAPIST_GOALS,
    as_form_rows,
    goal_titled,
    key_of,
    new_token,
)

ROUND_TITLE = "Exam season check-in"
REASON = "You came to reach this goal, not to give it up."
COMMENT = "Let us talk about the auditions first."
NEW_WORDING = "Recover faster after each rejection"
CLINICAL_TEXT = (*CLIENT_GOALS, *THERAPIST_GOALS, ROUND_TITLE, REASON, COMMENT, NEW_WORDING)


@pytest.fixture
def mail(db, django_capture_on_commit_callbacks, mailoutbox, run_jobs):
    """Run an action and return the emails its digest sent once the quiet window passed.

    `db` comes first: setting up the test database replaces Django's outbox, and
    `mailoutbox` must be the outbox in use.
    """

    def sent_by(action):
        run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)  # what came before: not this action's
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action()
        run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)
        return list(mailoutbox)

    return sent_by


def assert_only_what_happened(message, round_):
    link = f"{settings.SITE_URL}/rounds/{round_.pk}/"
    assert link in message.body
    assert message.subject == "SamePage: something changed in your goals"
    assert message.alternatives == []
    assert message.content_subtype == "plain"
    for text in CLINICAL_TEXT:
        assert text not in message.body, text
        assert text not in message.subject, text


def submit_by_form(client, round_, side):
    return client.post(
        reverse("goals_save", args=[round_.pk]),
        {
            "goals-TOTAL_FORMS": "2",
            "goals-INITIAL_FORMS": "2",
            "goals-MIN_NUM_FORMS": "0",
            "goals-MAX_NUM_FORMS": "10",
            "version": str(round_.sides.get(side=side).version),
            "action": "submit",
            **{
                f"goals-{i}-{field}": str(value)
                for i, row in enumerate(as_form_rows(round_, side))
                for field, value in row.items()
            },
        },
    )


@pytest.fixture
def round_(build_round):
    return build_round(title=ROUND_TITLE)


def test_submitting_tells_the_other_side_only_that_it_happened(
    as_user, mail, round_, client_user, therapist
):
    browser = as_user(client_user)
    sent = mail(lambda: submit_by_form(browser, round_, Side.CLIENT))
    assert [m.to for m in sent] == [[therapist.email]]
    assert "Your client Maya Rivera submitted their goals." in sent[0].body
    assert_only_what_happened(sent[0], round_)


def test_saving_a_draft_sends_nothing(as_user, mail, post_goals, round_, client_user):
    as_user(client_user)
    assert mail(lambda: post_goals(round_, as_form_rows(round_, Side.CLIENT), side="client")) == []


def test_the_reveal_tells_both_sides(as_user, mail, round_, client_user, therapist):
    as_user(client_user)
    mail(lambda: submit_by_form(as_user(client_user), round_, Side.CLIENT))
    sent = mail(lambda: submit_by_form(as_user(therapist), round_, Side.THERAPIST))
    assert sorted(m.to[0] for m in sent) == sorted([client_user.email, therapist.email])
    for message in sent:
        assert "your goals are now shown side by side" in message.body
        assert_only_what_happened(message, round_)


def test_a_label_on_your_goal_tells_you(as_user, mail, build_round, client_user, therapist):
    round_ = build_round(title=ROUND_TITLE, reveal=True)
    goal = goal_titled(round_, CLIENT_GOALS[0])
    browser = as_user(therapist)
    sent = mail(
        lambda: browser.post(
            reverse("label_create", args=[round_.pk, goal.pk]),
            {"kind": "too_hard", "reason": REASON, "form_token": new_token()},
        )
    )
    assert [m.to for m in sent] == [[client_user.email]]
    expected = "Your therapist Dr. Chen labelled one of your goals overboard and gave a reason."
    assert expected in sent[0].body
    assert_only_what_happened(sent[0], round_)


def test_a_new_comment_tells_the_other_side(as_user, mail, build_round, client_user, therapist):
    round_ = build_round(title=ROUND_TITLE, reveal=True)
    key = key_of(goal_titled(round_, THERAPIST_GOALS[0]))
    browser = as_user(client_user)
    sent = mail(
        lambda: browser.post(
            reverse("comment_create", args=[round_.pk]),
            {"item": key, "body": COMMENT, "form_token": new_token()},
        )
    )
    assert [m.to for m in sent] == [[therapist.email]]
    assert "1 new comment from your client Maya Rivera." in sent[0].body
    assert_only_what_happened(sent[0], round_)


def test_a_proposal_awaiting_confirmation_tells_the_other_side(
    as_user, mail, build_round, client_user, therapist
):
    round_ = build_round(title=ROUND_TITLE, reveal=True)
    key = key_of(goal_titled(round_, CLIENT_GOALS[1]))
    browser = as_user(therapist)
    sent = mail(
        lambda: browser.post(
            reverse("resolution_propose", args=[round_.pk]),
            {"item": key, "decision": "revise", "new_title": NEW_WORDING, "form_token": ""},
        )
    )
    assert [m.to for m in sent] == [[client_user.email]]
    assert "1 proposal from your therapist Dr. Chen to confirm." in sent[0].body
    assert_only_what_happened(sent[0], round_)


def test_refused_actions_send_nothing(as_user, mail, build_round, client_user):
    round_ = build_round(title=ROUND_TITLE, reveal=True)
    key = key_of(goal_titled(round_, THERAPIST_GOALS[0]))
    browser = as_user(client_user)
    token = new_token()
    data = {"item": key, "body": COMMENT, "form_token": token}
    mail(lambda: browser.post(reverse("comment_create", args=[round_.pk]), data))
    assert mail(lambda: browser.post(reverse("comment_create", args=[round_.pk]), data)) == []
    bad_label = {"kind": "other", "reason": ""}
    goal = goal_titled(round_, THERAPIST_GOALS[0])
    url = reverse("label_create", args=[round_.pk, goal.pk])
    assert mail(lambda: browser.post(url, bad_label)) == []


def test_no_email_of_a_whole_round_carries_clinical_text(
    as_user, mail, round_, client_user, therapist
):
    """From submit to close, every email sent: none carries anything either side wrote."""
    sent = []
    sent += mail(lambda: submit_by_form(as_user(client_user), round_, Side.CLIENT))
    sent += mail(lambda: submit_by_form(as_user(therapist), round_, Side.THERAPIST))
    c0 = goal_titled(round_, CLIENT_GOALS[0])
    browser = as_user(therapist)
    sent += mail(
        lambda: browser.post(
            reverse("label_create", args=[round_.pk, c0.pk]),
            {"kind": "too_hard", "reason": REASON, "form_token": new_token()},
        )
    )
    sent += mail(
        lambda: browser.post(
            reverse("comment_create", args=[round_.pk]),
            {"item": key_of(c0), "body": COMMENT, "form_token": new_token()},
        )
    )
    sent += mail(
        lambda: browser.post(
            reverse("resolution_propose", args=[round_.pk]),
            {"item": key_of(c0), "decision": "revise", "new_title": NEW_WORDING},
        )
    )
    sent += mail(lambda: browser.post(reverse("round_close", args=[round_.pk]), {"confirmed": "1"}))
    assert len(sent) == 7
    for message in sent:
        assert_only_what_happened(message, round_)


def comment_on(browser, round_, title):
    return browser.post(
        reverse("comment_create", args=[round_.pk]),
        {"item": key_of(goal_titled(round_, title)), "body": COMMENT, "form_token": new_token()},
    )


def test_a_burst_of_ten_actions_sends_one_digest(
    db, mailoutbox, as_user, run_jobs, build_round, client_user, therapist
):
    round_ = build_round(title=ROUND_TITLE, reveal=True)
    run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)
    mailoutbox.clear()
    browser = as_user(client_user)
    for _ in range(10):
        assert comment_on(browser, round_, THERAPIST_GOALS[0]).status_code == 302
    assert run_jobs() == 0  # within the quiet window: nothing yet
    assert mailoutbox == []
    run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)
    assert [m.to for m in mailoutbox] == [[therapist.email]]
    assert "10 new comments from your client Maya Rivera." in mailoutbox[0].body
    assert_only_what_happened(mailoutbox[0], round_)
    # The next action starts a new window and, in time, a new digest.
    comment_on(browser, round_, THERAPIST_GOALS[0])
    run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)
    assert len(mailoutbox) == 2
    assert "1 new comment from your client Maya Rivera." in mailoutbox[1].body


def test_a_digest_sums_up_each_kind_of_event_for_its_reader(
    db, mailoutbox, as_user, run_jobs, build_round, client_user, therapist
):
    round_ = build_round(title=ROUND_TITLE, reveal=True)
    run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)
    mailoutbox.clear()
    browser = as_user(therapist)
    for _ in range(3):
        assert comment_on(browser, round_, CLIENT_GOALS[0]).status_code == 302
    browser.post(
        reverse("resolution_propose", args=[round_.pk]),
        {"item": key_of(goal_titled(round_, CLIENT_GOALS[1])), "decision": "keep"},
    )
    run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)
    [message] = mailoutbox
    assert message.to == [client_user.email]
    assert "Hello Maya Rivera," in message.body
    assert "3 new comments from your therapist Dr. Chen." in message.body
    assert "1 proposal from your therapist Dr. Chen to confirm." in message.body
    assert "what you or your therapist wrote" in message.body
    assert_only_what_happened(message, round_)


def test_a_therapist_reads_about_their_client(
    db, mailoutbox, as_user, run_jobs, build_round, client_user, therapist
):
    round_ = build_round(title=ROUND_TITLE, reveal=True)
    run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)
    mailoutbox.clear()
    comment_on(as_user(client_user), round_, THERAPIST_GOALS[0])
    run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)
    [message] = mailoutbox
    assert "Hello Dr. Chen," in message.body
    assert "your client Maya Rivera" in message.body
    assert "your therapist" not in message.body
    assert "what you or your client wrote" in message.body


def test_an_action_rolled_back_leaves_nothing_to_send(
    db, mailoutbox, run_jobs, build_round, client_user, therapist
):
    from django.db import transaction

    from alignment import notifications
    from alignment.models import Notification

    round_ = build_round(title=ROUND_TITLE, reveal=True)
    run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW)
    mailoutbox.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        notifications.notify(round_=round_, recipient=therapist, event=notifications.COMMENTED)
        raise RuntimeError("the action failed after notifying")
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert run_jobs(later=settings.SAMEPAGE_DIGEST_WINDOW) == 0
    assert mailoutbox == []
