"""Clinic overview for clinic admins: numbers only.

Counts and one median; never goal text, labels or comments, and never a figure per therapist,
so that nothing here can be read as a ranking of clinicians.
"""

import statistics
from dataclasses import dataclass

from accounts.models import User
from alignment.discussion import round_views, whose_move
from alignment.models import Round, Side


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
    rounds = list(
        Round.objects.filter(client_user__clinic=clinic)
        .select_related("client_user", "therapist")
        .prefetch_related("sides")
    )
    revealed = [r for r in rounds if not r.is_drafting]
    views = round_views(revealed, with_comments=False) if revealed else {}
    waiting = {Side.CLIENT: 0, Side.THERAPIST: 0}
    for round_ in rounds:
        if round_.is_closed:
            continue
        parts = {part.side: part for part in round_.sides.all()}
        for side in Side.values:
            move = whose_move(round_=round_, side=side, view=views.get(round_.pk), parts=parts)
            waiting[side] += move.mine
    scores = [v.comparison.score for v in views.values() if v.comparison.score is not None]
    return ClinicOverview(
        therapists=people.filter(is_therapist=True).count(),
        clients=people.filter(is_client=True).count(),
        open_rounds=sum(not r.is_closed for r in rounds),
        closed_rounds=sum(r.is_closed for r in rounds),
        waiting_on_clients=waiting[Side.CLIENT],
        waiting_on_therapists=waiting[Side.THERAPIST],
        median_score=round(statistics.median(scores)) if scores else None,
    )
