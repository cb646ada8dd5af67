"""The stored summary of each round (score, open labels, unresolved items, whose move), for
lists that sort, filter and count in SQL: the caseload and the clinic overview.

Written after every change to a round (`alignment.services._touch`), from the same agenda the
round page shows (`alignment.discussion`), so a sorted list agrees with the pages.
"""

from django.db.models import Prefetch

from alignment.discussion import round_views, whose_move
from alignment.models import Round, RoundSide, Side

FIELDS = ["summarised", "score", "open_labels", "unresolved", "client_to_move", "therapist_to_move"]
BATCH = 500


def summarise(round_, view, parts):
    """The summary fields of one round, given its agenda (None while drafting) and its sides."""
    moves = {
        side: whose_move(round_=round_, side=side, view=view, parts=parts).mine
        for side in Side.values
    }
    fields = {
        "summarised": True,
        "score": None,
        "open_labels": None,
        "unresolved": None,
        "client_to_move": moves[Side.CLIENT],
        "therapist_to_move": moves[Side.THERAPIST],
    }
    if view is not None:
        fields["score"] = view.comparison.score
        fields["open_labels"] = sum(len(item.open_labels) for item in view.items)
        fields["unresolved"] = len(view.unresolved)
    return fields


def refresh(round_):
    """Recompute and store one round's summary (inside the caller's transaction)."""
    refresh_all(Round.objects.filter(pk=round_.pk))


def ensure(rounds):
    """Summarise whichever of these rounds have no summary yet: one query when all have."""
    refresh_all(rounds.filter(summarised=False))


def refresh_all(rounds):
    """Recompute and store the summaries of many rounds, a batch at a time."""
    rounds = rounds.select_related("client_user", "therapist").prefetch_related(
        Prefetch("sides", queryset=RoundSide.objects.all())
    )
    ids = list(rounds.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = list(rounds.filter(pk__in=ids[start : start + BATCH]))
        revealed = [r for r in batch if not r.is_drafting]
        views = round_views(revealed, with_comments=False) if revealed else {}
        for round_ in batch:
            parts = {part.side: part for part in round_.sides.all()}
            for name, value in summarise(round_, views.get(round_.pk), parts).items():
                setattr(round_, name, value)
        Round.objects.bulk_update(batch, FIELDS)
