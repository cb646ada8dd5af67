from django.core.management import call_command

from alignment.discussion import round_view
from alignment.models import Link, OverboardLabel, Round


def test_demo_has_rounds_in_every_state_telling_the_stories(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert set(Round.objects.values_list("state", flat=True)) == {
        "drafting",
        "discussing",
        "closed",
    }
    assert Round.objects.count() == 5
    sit_with_failure = OverboardLabel.objects.get(goal__title="Learn to sit with failure")
    assert sit_with_failure.by_side == "client"
    assert sit_with_failure.kind == "not_wanted"
    assert "not to stop trying" in sit_with_failure.reason
    own = OverboardLabel.objects.filter(goal__side="client", by_side="client")
    assert own.filter(placed_by__email="client2@example.com").exists()
    cast_by_therapist = OverboardLabel.objects.get(goal__side="client", by_side="therapist")
    assert cast_by_therapist.goal.title.startswith("Get top grades")


def test_demo_graduate_and_performer_goals_are_there(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    titles = set(Round.objects.values_list("goals__title", flat=True))
    assert "Manage stress so I can keep going" in titles
    assert "Stop falling apart after audition rejections" in titles


def test_demo_shows_goals_pulling_apart(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    opposed = {
        (link.client_goal.title, link.therapist_goal.title)
        for link in Link.objects.filter(relation=Link.Relation.OPPOSED, removed_at__isnull=True)
    }
    assert ("Never take a day off until I graduate", "Protect time for rest and sleep") in opposed
    jordan = Round.objects.get(client_user__email="client2@example.com", title="Intake")
    kinds = [item.kind for item in round_view(jordan).items]
    assert kinds.count("opposed") == 1  # the other opposed pair is labelled: overboard first
    assert kinds.index("opposed") == kinds.count("overboard")
