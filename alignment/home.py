"""Rounds on the home pages, each with whose move it is, in a fixed number of queries."""

from dataclasses import dataclass

from accounts.models import Assignment
from alignment.discussion import Move, reassigned_move, round_views, whose_move
from alignment.models import Round, Side


@dataclass(frozen=True)
class RoundLine:
    round: Round
    move: Move
    score: int | None


def round_lines(rounds, *, side, current_therapist_id=None):
    """Each round with the next step for `side` and its score (None while drafting).

    For a client, an open round with a therapist who is no longer theirs is read-only.
    """
    rounds = list(rounds.select_related("client_user", "therapist").prefetch_related("sides"))
    revealed = [r for r in rounds if not r.is_drafting]
    views = round_views(revealed, with_comments=False) if revealed else {}
    lines = []
    for round_ in rounds:
        view = views.get(round_.pk)
        parts = {part.side: part for part in round_.sides.all()}
        move = whose_move(round_=round_, side=side, view=view, parts=parts)
        if (
            side == Side.CLIENT
            and not round_.is_closed
            and round_.therapist_id != current_therapist_id
        ):
            move = reassigned_move(side)
        lines.append(RoundLine(round_, move, view.comparison.score if view else None))
    return lines


def client_round_lines(user):
    current = Assignment.objects.current().filter(client_user=user).first()
    return round_lines(
        Round.objects.filter(client_user=user, client_user__clinic_id=user.clinic_id),
        side=Side.CLIENT,
        current_therapist_id=current.therapist_id if current else None,
    )
