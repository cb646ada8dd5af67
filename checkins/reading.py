"""Reading check-ins: agreed goals to rate, the comparison after the reveal, series over time.

Read-only, a fixed number of queries each. The rules themselves are pure, in
`alignment.progress`.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import formats, timezone

from alignment import progress
from alignment.discussion import round_view
from alignment.models import Round, Side
from alignment.services import series_source
from checkins.models import Checkin, CheckinComment, GasScale, Rating


def last_closed_round(*, client_user, therapist):
    return (
        Round.objects.filter(client_user=client_user, therapist=therapist, state="closed")
        .order_by("-closed_at", "-pk")
        .first()
    )


def agreed_goals(round_):
    """[(series_key, title)] of a closed round's agreed goals, in agenda order."""
    if round_ is None:
        return []
    agreed = round_view(round_, with_comments=False).agreed
    keys = progress.agreed_series_keys(round_.pk, [series_source(item) for item in agreed])
    return [(key, item.agreed_title) for key, item in zip(keys, agreed, strict=True)]


def my_ratings(checkin, side):
    """This side's ratings (draft or submitted), by goal id: never the other side's."""
    return {r.goal_id: r for r in Rating.objects.filter(goal__checkin=checkin, side=side)}


def gas_scales(round_):
    return {scale.series_key: scale for scale in GasScale.objects.filter(round=round_)}


@dataclass
class ComparedGoal:
    row: progress.RatingRow
    goal: object
    client_rating: Rating
    therapist_rating: Rating
    comments: list
    scale: GasScale | None


@dataclass
class Comparison:
    goals: list  # ComparedGoal, seen-differently first
    client_t: float | None
    therapist_t: float | None

    @property
    def flagged(self):
        return [g for g in self.goals if g.row.see_differently]


def comparison(checkin):
    """Both sides' ratings side by side, with the previous check-in's; only once revealed."""
    assert checkin.is_revealed, "ratings stay private until both sides have submitted"
    goals = list(checkin.goals.all())
    ratings = {(r.goal_id, r.side): r for r in Rating.objects.filter(goal__checkin=checkin)}
    previous = _previous_ratings(checkin, [g.series_key for g in goals])
    comments = {}
    for comment in CheckinComment.objects.filter(goal__checkin=checkin).select_related("author"):
        comments.setdefault(comment.goal_id, []).append(comment)
    by_id = {}
    for goal in goals:
        before = previous.get(goal.series_key, {})
        by_id[goal.pk] = progress.GoalRatings(
            goal_id=goal.pk,
            title=goal.title,
            client=ratings[(goal.pk, Side.CLIENT)].score,
            therapist=ratings[(goal.pk, Side.THERAPIST)].score,
            previous_client=before.get(Side.CLIENT),
            previous_therapist=before.get(Side.THERAPIST),
        )
    scales = gas_scales(checkin.round)
    goal_by_id = {g.pk: g for g in goals}
    compared = [
        ComparedGoal(
            row=row,
            goal=goal_by_id[row.ratings.goal_id],
            client_rating=ratings[(row.ratings.goal_id, Side.CLIENT)],
            therapist_rating=ratings[(row.ratings.goal_id, Side.THERAPIST)],
            comments=comments.get(row.ratings.goal_id, []),
            scale=scales.get(goal_by_id[row.ratings.goal_id].series_key),
        )
        for row in progress.compare_ratings([by_id[g.pk] for g in goals])
    ]
    return Comparison(
        goals=compared,
        client_t=_t_score(compared, "client_rating"),
        therapist_t=_t_score(compared, "therapist_rating"),
    )


def _t_score(compared, attr):
    pairs = [
        (getattr(g, attr).gas_level, g.scale.weight)
        for g in compared
        if g.scale is not None and getattr(g, attr).gas_level is not None
    ]
    if not pairs:
        return None
    return progress.gas_t_score([p[0] for p in pairs], [p[1] for p in pairs])


def _previous_ratings(checkin, series_keys):
    """{series_key: {side: score}} from the latest earlier revealed check-in of this client."""
    earlier = (
        Rating.objects.filter(
            goal__series_key__in=series_keys,
            goal__checkin__client_user_id=checkin.client_user_id,
            goal__checkin__state=Checkin.State.REVEALED,
        )
        .filter(
            Q(goal__checkin__revealed_at__lt=checkin.revealed_at)
            | Q(goal__checkin__revealed_at=checkin.revealed_at, goal__checkin__pk__lt=checkin.pk)
        )
        .order_by("goal__checkin__revealed_at", "goal__checkin__pk")
        .values_list("goal__series_key", "side", "score")
    )
    found = {}
    for key, side, score in earlier:  # oldest first, so the latest wins
        found.setdefault(key, {})[side] = score
    return found


@dataclass
class Series:
    key: str
    title: str  # the wording at the latest check-in
    entries: list  # (checkin, label, client score, therapist score), oldest first
    chart: progress.ProgressChart | None


def progress_series(checkins):
    """Per goal series, both sides' ratings across the revealed check-ins given (one query)."""
    rows = (
        Rating.objects.filter(goal__checkin__in=checkins, goal__checkin__state="revealed")
        .select_related("goal__checkin")
        .order_by("goal__checkin__revealed_at", "goal__checkin__pk", "goal__position")
    )
    by_key, order = {}, []
    for rating in rows:
        goal = rating.goal
        series = by_key.get(goal.series_key)
        if series is None:
            series = by_key[goal.series_key] = {"title": goal.title, "points": {}}
            order.append(goal.series_key)
        series["title"] = goal.title
        point = series["points"].setdefault(goal.checkin_id, [goal.checkin, None, None])
        point[1 if rating.side == Side.CLIENT else 2] = rating.score
    result = []
    for key in order:
        entries = [
            (c, formats.date_format(timezone.localtime(c.revealed_at), "M j"), cs, ts)
            for c, cs, ts in by_key[key]["points"].values()
        ]
        chart = progress.progress_chart([(label, cs, ts) for _c, label, cs, ts in entries])
        result.append(Series(key, by_key[key]["title"], entries, chart))
    return result


def latest_progress(client_ids, *, therapist):
    """{client id: LatestProgress} of each client's latest revealed check-in with `therapist`
    (never another therapist's), in one query; clients without one are absent."""
    rows = (
        Rating.objects.filter(
            goal__checkin__client_user_id__in=list(client_ids),
            goal__checkin__therapist=therapist,
            goal__checkin__state=Checkin.State.REVEALED,
        )
        .order_by(
            "goal__checkin__client_user_id", "-goal__checkin__revealed_at", "-goal__checkin_id"
        )
        .values_list(
            "goal__checkin__client_user_id", "goal__checkin_id", "goal_id", "side", "score"
        )
    )
    latest, scores = {}, {}
    for client_id, checkin_id, goal_id, side, score in rows:
        if latest.setdefault(client_id, checkin_id) != checkin_id:
            continue
        scores.setdefault(client_id, {}).setdefault(goal_id, {})[side] = score
    result = {}
    for client_id, goals in scores.items():
        pairs = [(g[Side.CLIENT], g[Side.THERAPIST]) for g in goals.values()]
        result[client_id] = LatestProgress(
            client=round(sum(c for c, _t in pairs) / len(pairs), 1),
            therapist=round(sum(t for _c, t in pairs) / len(pairs), 1),
            max_gap=max(abs(c - t) for c, t in pairs),
        )
    return result


@dataclass(frozen=True)
class LatestProgress:
    client: float  # mean rating over the agreed goals, 0–10
    therapist: float
    max_gap: int

    @property
    def see_differently(self):
        return self.max_gap >= progress.GAP_FLAG


def see_differently_clients(*, therapist):
    """Ids of `therapist`'s clients whose latest check-in with them has ratings >= 3 apart."""
    client_ids = Checkin.objects.filter(
        therapist=therapist, state=Checkin.State.REVEALED
    ).values_list("client_user_id", flat=True)
    latest = latest_progress(set(client_ids), therapist=therapist)
    return {pk for pk, found in latest.items() if found.see_differently}


def checkin_counts(*, clinic):
    """{"open": n, "revealed": n} check-ins of the clinic's clients, in one query: counts only."""
    counts = dict(
        Checkin.objects.filter(client_user__clinic=clinic)
        .values("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return {
        "open": counts.get(Checkin.State.RATING, 0),
        "revealed": counts.get(Checkin.State.REVEALED, 0),
    }


def revealed_series_ratings(series_keys):
    """[(checkin id, round id, series key, side, score)] of every revealed check-in rating of
    these goal series, oldest check-in first, in one query. Only revealed check-ins: a rating of
    a check-in still open is a draft or waits, unseen, for the other side."""
    return list(
        Rating.objects.filter(
            goal__series_key__in=list(series_keys), goal__checkin__state=Checkin.State.REVEALED
        )
        .order_by("goal__checkin__revealed_at", "goal__checkin_id", "side")
        .values_list(
            "goal__checkin_id", "goal__checkin__round_id", "goal__series_key", "side", "score"
        )
    )


def ratings_seen_by_client(client_user):
    """Every rating this client may see, oldest check-in first (one query): both sides' of
    revealed check-ins, and the client's own of check-ins still open (draft or submitted). The
    therapist's ratings of an open check-in are never among them."""
    seen = Q(goal__checkin__state=Checkin.State.REVEALED) | Q(side=Side.CLIENT)
    return list(
        Rating.objects.filter(seen, goal__checkin__client_user=client_user)
        .select_related("goal__checkin__therapist", "goal__checkin__client_user")
        .order_by("goal__checkin__created_at", "goal__checkin_id", "goal__position", "side")
    )
