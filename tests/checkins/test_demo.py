from django.core.management import call_command

from checkins.models import Checkin
from checkins.reading import comparison


def test_demo_has_two_checkins_for_maya_with_one_goal_rated_3_apart(db, settings, mailoutbox):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    checkins = list(Checkin.objects.order_by("revealed_at"))
    assert [c.client_user.email for c in checkins] == ["client@example.com"] * 2
    assert all(c.is_revealed for c in checkins)
    latest = comparison(checkins[1])
    (flagged,) = latest.flagged
    assert flagged.goal.title.startswith("Get cast") and flagged.row.gap == 3
    assert latest.goals[0] is flagged
    assert (flagged.row.ratings.previous_client, flagged.row.ratings.previous_therapist) == (3, 3)
    assert latest.client_t is not None and latest.client_t > latest.therapist_t
    assert mailoutbox == []
