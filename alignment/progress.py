"""Progress between rounds, pure: comparing two sides' ratings, goal series, GAS T-scores.

No ORM here. Check-ins (the `checkins` app) read rows, turn them into these dataclasses and
render what comes back, so every rule can be tested as plain data.

A **series** is one agreed goal followed across rounds. Its key is a short string: the key the
goal carried in from the previous round, or, for a goal first agreed in round R as agenda item
K, ``"R:K"``. Opening a round "from the last agreed goals" copies the key onto the prefilled
goals; a kept or revised item passes it on; a dropped item is never agreed, so its series ends.
"""

import math
from dataclasses import dataclass

GAP_FLAG = 3  # ratings this far apart are flagged "you see this differently"
SCORE_MIN, SCORE_MAX = 0, 10
GAS_LEVELS = (-2, -1, 0, 1, 2)
GAS_RHO = 0.3


# --- Series ------------------------------------------------------------------------------------


def new_series_key(round_id: int, item_key: str) -> str:
    return f"{round_id}:{item_key}"


def agreed_series_keys(round_id: int, items: list[tuple[str, str, str]]) -> list[str]:
    """Series keys for the agreed items of one round, in order.

    Each item is ``(item_key, client_goal_key, therapist_goal_key)`` where the goal keys are
    what the goals carried in ("" for a goal written new in this round). The client's key wins
    over the therapist's; a key already taken by an earlier item in this round starts a new
    series, so two agreed goals of one round never share a series.
    """
    taken, keys = set(), []
    for item_key, client_key, therapist_key in items:
        key = next((k for k in (client_key, therapist_key) if k and k not in taken), "")
        key = key or new_series_key(round_id, item_key)
        taken.add(key)
        keys.append(key)
    return keys


# --- Comparing two sides' ratings --------------------------------------------------------------


@dataclass(frozen=True)
class GoalRatings:
    """Both sides' ratings of one goal at one check-in, and at the previous one (or None)."""

    goal_id: int
    title: str
    client: int
    therapist: int
    previous_client: int | None = None
    previous_therapist: int | None = None


@dataclass(frozen=True)
class RatingRow:
    ratings: GoalRatings
    position: int

    @property
    def gap(self) -> int:
        return abs(self.ratings.client - self.ratings.therapist)

    @property
    def see_differently(self) -> bool:
        return self.gap >= GAP_FLAG

    @property
    def client_change(self) -> int | None:
        return _change(self.ratings.client, self.ratings.previous_client)

    @property
    def therapist_change(self) -> int | None:
        return _change(self.ratings.therapist, self.ratings.previous_therapist)


def _change(now: int, before: int | None) -> int | None:
    return None if before is None else now - before


def compare_ratings(goals: list[GoalRatings]) -> list[RatingRow]:
    """Rows in the order to talk about them: goals seen differently first (largest gap first),
    then the rest in their original order."""
    for g in goals:
        for value in (g.client, g.therapist):
            if not SCORE_MIN <= value <= SCORE_MAX:
                raise ValueError(f"A rating must be between 0 and 10, not {value}.")
    rows = [RatingRow(g, i) for i, g in enumerate(goals)]
    return sorted(
        rows, key=lambda r: (not r.see_differently, -r.gap if r.see_differently else 0, r.position)
    )


# --- Goal Attainment Scaling -------------------------------------------------------------------


def gas_t_score(scores, weights=None, *, rho: float = GAS_RHO) -> float:
    """Kiresuk–Sherman T-score of GAS levels (−2…+2) with weights (default 1), rounded to 2 places.

    T = 50 + 10·Σwᵢxᵢ / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), with ρ = 0.3 the assumed correlation between
    goals. All levels at 0 ("as expected") give exactly 50; each step is about ten points.
    """
    scores = list(scores)
    weights = [1] * len(scores) if weights is None else list(weights)
    if not scores:
        raise ValueError("At least one goal level is needed for a T-score.")
    if len(weights) != len(scores):
        raise ValueError(
            f"Each level needs one weight: {len(scores)} levels but {len(weights)} weights."
        )
    for x in scores:
        if isinstance(x, bool) or x not in GAS_LEVELS:
            raise ValueError(f"A GAS level is a whole number from -2 to +2, not {x!r}.")
    for w in weights:
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not w > 0:
            raise ValueError(f"A weight must be a positive number, not {w!r}.")
    weighted = sum(w * x for w, x in zip(weights, scores, strict=True))
    spread = (1 - rho) * sum(w * w for w in weights) + rho * sum(weights) ** 2
    return round(50 + 10 * weighted / math.sqrt(spread), 2)


# --- Progress chart ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressPoint:
    x: int
    y: int
    value: int


@dataclass(frozen=True)
class ProgressChart:
    """Coordinates of one goal's chart: both sides' ratings (0–10) per check-in, as SVG."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    labels: list  # (x, text) under the axis
    client: list  # ProgressPoint, one per check-in the client rated
    therapist: list
    grid: list  # (y, "0" / "5" / "10")

    @staticmethod
    def _line(points):
        return " ".join(f"{p.x},{p.y}" for p in points)

    @property
    def client_line(self):
        return self._line(self.client)

    @property
    def therapist_line(self):
        return self._line(self.therapist)


def progress_chart(entries, *, width=480, height=180) -> ProgressChart | None:
    """Chart coordinates of [(label, client rating, therapist rating)], oldest first."""
    if not entries:
        return None
    left, right, top, bottom = 36, width - 28, 12, height - 32
    step = (right - left) / max(len(entries) - 1, 1)

    def x_of(i):
        return round(left + i * step) if len(entries) > 1 else (left + right) // 2

    def y_of(v):
        return round(bottom - (bottom - top) * v / SCORE_MAX)

    labels = [(x_of(i), label) for i, (label, _c, _t) in enumerate(entries)]
    client = [ProgressPoint(x_of(i), y_of(c), c) for i, (_l, c, _t) in enumerate(entries)]
    therapist = [ProgressPoint(x_of(i), y_of(t), t) for i, (_l, _c, t) in enumerate(entries)]
    grid = [(y_of(v), str(v)) for v in (0, 5, 10)]
    return ProgressChart(width, height, left, right, top, bottom, labels, client, therapist, grid)
