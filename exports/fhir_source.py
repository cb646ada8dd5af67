"""What a client's FHIR export holds, read from the database (the pure mapping is exports.fhir).

Which goals, with which lifecycleStatus:

- **drafting**: the client's goals are never exported (nobody but the client has seen them);
  the therapist's goals are exported as `proposed` once the therapist has submitted them. An
  unsubmitted draft is work in progress, not a record.
- **discussing**: both lists, revealed, as `proposed`; a goal whose item both sides agreed to
  drop is `cancelled`.
- **closed**: agreed goals (kept or revised) are `active` in the latest closed round and
  `completed` in earlier ones (a later round took over the plan); dropped goals are
  `cancelled`; goals left at "agree to differ" or unresolved are `rejected` (not part of the
  shared plan). `entered-in-error` never applies: SamePage keeps no goal that was a mistake
  (a draft is simply rewritten before it is submitted).

`achievementStatus` comes from `latest_ratings`: the check-in ratings of agreed goals, found
through the goal's series (see alignment.progress).
"""

from dataclasses import replace

from django.conf import settings
from django.utils import timezone

from alignment import progress
from alignment.discussion import round_views
from alignment.models import Resolution, Round, RoundSide, Side
from alignment.services import series_source
from checkins import reading
from exports import fhir


def latest_ratings(goal_series):
    """goal id -> fhir.Ratings, for the agreed goals rated at revealed check-ins (one query).

    `goal_series` maps each agreed goal's id to (its round's id, its series key). A goal's
    latest ratings are those of the latest revealed check-in on its own round (a later round's
    check-ins rate the plan that took over); the previous ones are those of the check-in before
    it in the same series, whichever round that was on. Both are (client, therapist).
    `fhir.achievement_code` does the rest. Ratings of check-ins not yet revealed never count.
    """
    points = {}  # series key -> [(round id, {side: score})], one per check-in, oldest first
    seen = {}  # (check-in id, series key) -> {side: score}
    for checkin_id, round_id, key, side, score in reading.revealed_series_ratings(
        {key for _round, key in goal_series.values()}
    ):
        if (checkin_id, key) not in seen:
            seen[checkin_id, key] = {}
            points.setdefault(key, []).append((round_id, seen[checkin_id, key]))
        seen[checkin_id, key][side] = score
    found = {}
    for goal_id, (round_id, key) in goal_series.items():
        series = points.get(key, [])
        at = [i for i, (rated_round, _scores) in enumerate(series) if rated_round == round_id]
        if not at:
            continue
        latest = _both(series[at[-1]][1])
        previous = _both(series[at[-1] - 1][1]) if at[-1] > 0 else ()
        found[goal_id] = fhir.Ratings(latest=latest, previous=previous)
    return found


def _both(scores):
    return tuple(scores[side] for side in (Side.CLIENT, Side.THERAPIST) if side in scores)


def _agreed_series(rounds, views):
    """goal id -> (round id, series key) for the agreed goals of the closed rounds."""
    found = {}
    for round_ in rounds:
        if not round_.is_closed:
            continue
        agreed = views[round_.pk].agreed
        keys = progress.agreed_series_keys(round_.pk, [series_source(item) for item in agreed])
        for item, key in zip(agreed, keys, strict=True):
            for goal_id in item.goals:
                found[goal_id] = (round_.pk, key)
    return found


def export_data(*, client_user, rounds=None):
    """The ExportData of this client: `rounds` (default: all of theirs), oldest first."""
    if rounds is None:
        rounds = Round.objects.filter(client_user=client_user)
    rounds = list(rounds.select_related("therapist").order_by("created_at", "id"))
    closed = [r for r in rounds if r.is_closed]
    latest_closed = max(closed, key=lambda r: (r.closed_at, r.pk)) if closed else None
    therapist_submitted = set(
        RoundSide.objects.filter(
            round__in=rounds, side=Side.THERAPIST, submitted_at__isnull=False
        ).values_list("round_id", flat=True)
    )
    views = round_views(rounds, with_comments=False)
    goals = []
    for round_ in rounds:
        view = views[round_.pk]
        statuses = _statuses(view, latest=round_ is latest_closed)
        for goal in view.goals:
            if round_.is_drafting and (
                goal.side == Side.CLIENT or round_.pk not in therapist_submitted
            ):
                continue
            goals.append(_record(round_, goal, view, statuses.get(goal.pk)))
    exported = {g.id for g in goals}
    series = {k: v for k, v in _agreed_series(rounds, views).items() if k in exported}
    ratings = latest_ratings(series)
    goals = [_with_ratings(g, ratings.get(g.id)) for g in goals]
    practitioners = {r.therapist_id: _person(r.therapist) for r in rounds}
    return fhir.ExportData(
        patient=_person(client_user),
        practitioners=tuple(practitioners.values()),
        goals=tuple(goals),
        generated_at=timezone.now(),
        base_url=settings.SITE_URL,
    )


def _person(user):
    return fhir.Person(id=user.pk, name=user.full_name, email=user.email)


def _statuses(view, *, latest):
    """goal id -> (lifecycleStatus, agreed wording) for the goals of this round."""
    round_ = view.round
    found = {}
    for item in view.items:
        res = item.resolution if item.is_resolved else None
        decision = res.decision if res else None
        if decision == Resolution.Decision.DROP:
            status = "cancelled"
        elif not round_.is_closed:
            status = "proposed"
        elif decision in (Resolution.Decision.KEEP, Resolution.Decision.REVISE):
            status = "active" if latest else "completed"
        else:
            status = "rejected"
        wording = res.new_title if decision == Resolution.Decision.REVISE else ""
        for goal_id in item.goals:
            found[goal_id] = (status, wording)
    return found


def _record(round_, goal, view, status):
    lifecycle, wording = status or ("proposed", "")
    author = round_.client_user_id if goal.side == Side.CLIENT else round_.therapist_id
    labels = []
    if not round_.is_drafting:
        labels = [
            fhir.LabelNote(
                author_id=label.placed_by_id,
                kind=label.kind,
                reason=label.reason,
                at=label.created_at,
                withdrawn_at=label.withdrawn_at,
            )
            for item in view.items
            for label in item.labels
            if label.goal_id == goal.pk
        ]
    return fhir.GoalRecord(
        id=goal.pk,
        round_id=round_.pk,
        author_id=author,
        title=goal.title,
        success=goal.success,
        area=goal.area,
        importance=goal.importance,
        lifecycle=lifecycle,
        start=round_.created_at,
        status_date=round_.closed_at,
        agreed_wording=wording,
        labels=tuple(labels),
    )


def _with_ratings(record, ratings):
    if ratings is None:
        return record
    return replace(record, ratings=ratings)
