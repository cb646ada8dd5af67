"""A client's history: its rounds a page at a time, newest first, each with its score and
agreed goals, and the chart of every round's score (from the stored summaries, so the page
costs the same however long the history)."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils import formats, timezone

from alignment import summary
from alignment.discussion import RoundView, round_views
from alignment.models import Resolution, Round

# Rounds per page of a history: a year of monthly rounds, and the page stays light.
HISTORY_PAGE_SIZE = 12


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


def client_history(rounds, *, page=1):
    """A page of the rounds given, newest first, each with its agenda once revealed."""
    ordered = rounds.select_related("client_user", "therapist").order_by("-created_at", "-pk")
    shown = Paginator(ordered, HISTORY_PAGE_SIZE).get_page(page)
    revealed = [r for r in shown if not r.is_drafting]
    views = round_views(revealed, with_comments=False) if revealed else {}
    orphans = _orphan_resolutions(revealed, views)
    shown.object_list = [HistoryRound(r, views.get(r.pk), orphans.get(r.pk, [])) for r in shown]
    return shown


def score_history(rounds):
    """(created_at, score) of every revealed round with a score, oldest first: the chart's data,
    read from the stored summaries in one query."""
    summary.ensure(rounds.exclude(state=Round.State.DRAFTING))
    return list(
        rounds.exclude(state=Round.State.DRAFTING)
        .filter(score__isnull=False)
        .order_by("created_at", "pk")
        .values_list("created_at", "score")
    )


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


def score_chart(scored, *, width=560, height=200):
    """(created_at, score) pairs in order as chart coordinates; None if there is none."""
    if not scored:
        return None
    # Room on the right for the last date label, centred on its point.
    left, right, top, bottom = 44, width - 32, 12, height - 32
    step = (right - left) / max(len(scored) - 1, 1)
    points = [
        ChartPoint(
            x=round(left + i * step) if len(scored) > 1 else (left + right) // 2,
            y=round(bottom - (bottom - top) * score / 100),
            score=score,
            label=formats.date_format(timezone.localtime(created_at), "MONTH_DAY_FORMAT"),
        )
        for i, (created_at, score) in enumerate(scored)
    ]
    grid = [(round(bottom - (bottom - top) * pct / 100), f"{pct}%") for pct in (0, 50, 100)]
    return Chart(width, height, left, right, top, bottom, points, grid)
