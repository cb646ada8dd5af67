"""Rounds on the home pages, each with whose move it is, in a fixed number of queries."""

from dataclasses import dataclass

from alignment.discussion import Move, round_views, whose_move
from alignment.models import Round, Side


@dataclass(frozen=True)
class RoundLine:
    round: Round
    move: Move
    score: int | None


def round_lines(rounds, *, side):
    """Each round with the next step for `side` and its score (None while drafting)."""
    rounds = list(rounds.select_related("client_user", "therapist").prefetch_related("sides"))
    revealed = [r for r in rounds if not r.is_drafting]
    views = round_views(revealed, with_comments=False) if revealed else {}
    lines = []
    for round_ in rounds:
        view = views.get(round_.pk)
        parts = {part.side: part for part in round_.sides.all()}
        move = whose_move(round_=round_, side=side, view=view, parts=parts)
        lines.append(RoundLine(round_, move, view.comparison.score if view else None))
    return lines


def client_round_lines(user):
    return round_lines(
        Round.objects.filter(client_user=user, client_user__clinic_id=user.clinic_id),
        side=Side.CLIENT,
    )


def therapist_round_lines(user):
    return round_lines(
        Round.objects.filter(therapist=user, client_user__clinic_id=user.clinic_id),
        side=Side.THERAPIST,
    )
