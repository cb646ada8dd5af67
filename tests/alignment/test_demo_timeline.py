"""The demo tells its stories in time: every event of every round follows the one before."""

from django.core.management import call_command
from django.utils import timezone

from accounts.models import Assignment
from alignment.models import Comment, Link, OverboardLabel, Resolution, Round


def assert_in_order(round_, *steps):
    """Each (name, time) is no earlier than the one before it; missing times are skipped."""
    present = [(name, when) for name, when in steps if when is not None]
    for (before, earlier), (after, later) in zip(present, present[1:], strict=False):
        assert earlier <= later, f"{round_.title} ({round_.state}): {after} before {before}"


def test_every_demo_round_follows_the_order_of_events(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    now = timezone.now()
    rounds = list(Round.objects.all())
    assert len(rounds) == 5
    for round_ in rounds:
        opened = round_.created_at
        assert opened < now - timezone.timedelta(days=1), round_.title
        started = Assignment.objects.get(client_user=round_.client_user, ended_at=None).started_at
        assert started < opened, f"{round_.title}: opened before the client was assigned"
        goals = list(round_.goals.all())
        sides = list(round_.sides.all())
        for goal in goals:
            assert_in_order(round_, ("opened", opened), ("goal written", goal.created_at))
        for part in sides:
            own = [g.created_at for g in goals if g.side == part.side]
            assert_in_order(
                round_,
                ("opened", opened),
                ("last goal written", max(own, default=opened)),
                ("submitted", part.submitted_at),
                ("revealed", round_.revealed_at),
            )
        after_reveal = [("link", link.created_at) for link in Link.objects.filter(round=round_)] + [
            ("comment", comment.created_at) for comment in Comment.objects.filter(round=round_)
        ]
        for label in OverboardLabel.objects.filter(goal__round=round_):
            if label.by_side != label.goal.side:  # one's own goal can be labelled while drafting
                after_reveal.append(("label on the other side's goal", label.created_at))
            assert_in_order(
                round_, ("goal written", label.goal.created_at), ("label", label.created_at)
            )
        for resolution in Resolution.objects.filter(round=round_):
            after_reveal.append(("proposed", resolution.created_at))
            assert_in_order(
                round_,
                ("revealed", round_.revealed_at),
                ("proposed", resolution.created_at),
                ("confirmed", resolution.confirmed_at),
                ("closed", round_.closed_at),
            )
        for name, when in after_reveal:
            assert_in_order(round_, ("revealed", round_.revealed_at), (name, when))
            assert_in_order(round_, (name, when), ("closed", round_.closed_at))
            assert_in_order(round_, (name, when), ("last activity", round_.last_activity_at))
        assert_in_order(
            round_,
            ("opened", opened),
            ("revealed", round_.revealed_at),
            ("closed", round_.closed_at),
            ("last activity", round_.last_activity_at),
            ("now", now),
        )


def test_the_closed_intake_is_from_weeks_ago_and_its_resolutions_too(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    intake = Round.objects.get(state="closed")
    weeks_ago = timezone.now() - timezone.timedelta(days=30)
    assert intake.closed_at < weeks_ago
    assert all(r.confirmed_at < weeks_ago for r in Resolution.objects.filter(round=intake))
