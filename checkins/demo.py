"""Demo check-ins: Maya and Dr. Chen rated the Intake's agreed goals twice; at the second
check-in they rate her Broadway goal 3 apart, so it comes first, "you see this differently"."""

from django.db import transaction
from django.utils import timezone

from alignment import notifications
from checkins import services
from checkins.access import checkin_for
from checkins.models import Checkin, CheckinSide, GasScale
from checkins.reading import agreed_goals, last_closed_round

# Per check-in, by goal title prefix: (client rating, therapist rating, client note).
RATINGS = (
    (
        40,
        {
            "Get cast": (3, 3, ""),
            "Recover faster": (2, 4, "Last week's 'no' still cost me three days."),
            "Keep a steady": (5, 5, ""),
        },
    ),
    (
        12,
        {
            "Get cast": (7, 4, "Two callbacks this month: it finally feels possible."),
            "Recover faster": (5, 6, ""),
            "Keep a steady": (6, 6, ""),
        },
    ),
)


@transaction.atomic
def seed_checkins(people):
    """Create Maya's two check-ins unless she has some already."""
    client_user = people["client@example.com"]
    therapist = people["therapist@example.com"]
    if Checkin.objects.filter(client_user=client_user).exists():
        return
    round_ = last_closed_round(client_user=client_user, therapist=therapist)
    if round_ is None:
        return
    _describe_scale(round_, therapist)
    with notifications.muted():
        for days_ago, ratings in RATINGS:
            checkin = services.checkin_open(therapist=therapist, client_user=client_user)
            goals = list(checkin.goals.all())
            for person, index in ((client_user, 0), (therapist, 1)):
                rows = []
                for goal in goals:
                    scores = next(v for k, v in ratings.items() if goal.title.startswith(k))
                    note = scores[2] if index == 0 else ""
                    level = 1 if goal.title.startswith("Get cast") and index == 0 else 0
                    rows.append(services.RatingRow(goal.pk, scores[index], note, gas_level=level))
                access = checkin_for(person, checkin.pk)
                version = CheckinSide.objects.get(checkin=checkin, side=access.side).version
                services.ratings_save(access=access, rows=rows, version=version, submit=True)
            when = timezone.now() - timezone.timedelta(days=days_ago)
            Checkin.objects.filter(pk=checkin.pk).update(created_at=when, revealed_at=when)


def _describe_scale(round_, therapist):
    """Attainment levels for the Broadway goal, so the demo shows a T-score."""
    for key, title in agreed_goals(round_):
        if title.startswith("Get cast"):
            GasScale.objects.create(
                round=round_,
                series_key=key,
                weight=2,
                much_less="Stopped auditioning",
                less="Auditions now and then, no callbacks",
                expected="Auditions every month, some callbacks",
                more="A callback most months",
                much_more="An offer",
                updated_by=therapist,
            )
