"""Clinic overview for clinic admins: numbers only.

Counts and one median; never goal text, labels or comments, and never a figure per therapist,
so that nothing here can be read as a ranking of clinicians. Everything is counted in SQL, from
the rounds' stored summaries (`alignment.summary`): the page costs the same at any clinic size.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from accounts.models import User
from alignment import summary
from alignment.models import Round


@dataclass(frozen=True)
class ClinicOverview:
    therapists: int
    clients: int
    open_rounds: int
    closed_rounds: int
    waiting_on_clients: int
    waiting_on_therapists: int
    median_score: int | None


def clinic_overview(*, clinic):
    """The clinic's numbers, in a fixed number of queries."""
    people = User.objects.of_clinic(clinic).filter(is_active=True)
    rounds = Round.objects.filter(client_user__clinic=clinic)
    summary.ensure(rounds)
    closed = Q(state=Round.State.CLOSED)
    counts = rounds.aggregate(
        open=Count("pk", filter=~closed),
        closed=Count("pk", filter=closed),
        clients_to_move=Count("pk", filter=~closed & Q(client_to_move=True)),
        therapists_to_move=Count("pk", filter=~closed & Q(therapist_to_move=True)),
    )
    roles = people.aggregate(
        therapists=Count("pk", filter=Q(is_therapist=True)),
        clients=Count("pk", filter=Q(is_client=True)),
    )
    return ClinicOverview(
        therapists=roles["therapists"],
        clients=roles["clients"],
        open_rounds=counts["open"],
        closed_rounds=counts["closed"],
        waiting_on_clients=counts["clients_to_move"],
        waiting_on_therapists=counts["therapists_to_move"],
        median_score=_median_score(rounds),
    )


def _median_score(rounds):
    """The median score of the revealed rounds, read as the one or two middle rows."""
    scored = rounds.exclude(state=Round.State.DRAFTING).filter(score__isnull=False)
    n = scored.count()
    if not n:
        return None
    middle = list(
        scored.order_by("score").values_list("score", flat=True)[(n - 1) // 2 : n // 2 + 1]
    )
    return round(sum(middle) / len(middle))
