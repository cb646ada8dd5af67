"""A client's history: every round with its score and agreed goals, and the score chart."""

from dataclasses import dataclass

from django.utils import formats, timezone

from alignment.discussion import RoundView, round_views
from alignment.models import Resolution, Round


@dataclass(frozen=True)
class HistoryRound:
    round: Round
    view: RoundView | None  # None while drafting: nothing of it is shown yet
    orphans: list  # resolutions of items that changed later (a link made or removed)

    @property
    def score(self):
        return self.view.comparison.score if self.view else None


@dataclass(frozen=True)
class ChartPoint:
    x: int
    y: int
    score: int
    label: str


@dataclass(frozen=True)
class Chart:
    """Coordinates of a small line chart of the score, drawn by the template as SVG."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list
    grid: list  # (y, "50%")

    @property
    def polyline(self):
        return " ".join(f"{p.x},{p.y}" for p in self.points)


def client_history(rounds):
    """Every round given, oldest first, with its agenda once revealed."""
    rounds = list(rounds.select_related("client_user", "therapist").order_by("created_at", "pk"))
    revealed = [r for r in rounds if not r.is_drafting]
    views = round_views(revealed, with_comments=False) if revealed else {}
    orphans = _orphan_resolutions(revealed, views)
    return [HistoryRound(r, views.get(r.pk), orphans.get(r.pk, [])) for r in rounds]


def _orphan_resolutions(rounds, views):
    if not rounds:
        return {}
    found = {}
    for res in Resolution.objects.filter(round__in=rounds).select_related(
        "proposed_by", "confirmed_by", "goal", "partner"
    ):
        if views[res.round_id].item(res.item_key) is None:
            found.setdefault(res.round_id, []).append(res)
    return found


def score_chart(history, *, width=560, height=200):
    """The score of each revealed round, in order, as chart coordinates; None if no score."""
    scored = [entry for entry in history if entry.score is not None]
    if not scored:
        return None
    # Room on the right for the last date label, centred on its point.
    left, right, top, bottom = 44, width - 32, 12, height - 32
    step = (right - left) / max(len(scored) - 1, 1)
    points = [
        ChartPoint(
            x=round(left + i * step) if len(scored) > 1 else (left + right) // 2,
            y=round(bottom - (bottom - top) * entry.score / 100),
            score=entry.score,
            label=formats.date_format(
                timezone.localtime(entry.round.created_at), "MONTH_DAY_FORMAT"
            ),
        )
        for i, entry in enumerate(scored)
    ]
    grid = [(round(bottom - (bottom - top) * pct / 100), f"{pct}%") for pct in (0, 50, 100)]
    return Chart(width, height, left, right, top, bottom, points, grid)
