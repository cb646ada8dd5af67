"""Ratings in the round report and its CSV: revealed check-ins only (drafts stay private)."""

from django.utils import timezone

from alignment import progress
from alignment.models import Side
from alignment.services import series_source
from checkins import reading
from checkins.models import Checkin


def revealed_checkins(round_):
    """Revealed check-ins on this round's agreed goals, oldest first, each with its comparison."""
    checkins = Checkin.objects.filter(round=round_, state=Checkin.State.REVEALED).select_related(
        "client_user", "therapist", "round"
    )
    return [(c, reading.comparison(c)) for c in checkins.order_by("revealed_at", "pk")]


def rating_rows(round_):
    """CSV rows (the round report's columns) for every rating of every revealed check-in."""
    for checkin, comparison in revealed_checkins(round_):
        at = timezone.localtime(checkin.revealed_at).isoformat(timespec="minutes")
        for entry in comparison.goals:
            for side, rating in (
                (Side.CLIENT, entry.client_rating),
                (Side.THERAPIST, entry.therapist_rating),
            ):
                yield {
                    "section": "rating",
                    "item": f"checkin-{checkin.pk}",
                    "side": side,
                    "goal": entry.goal.title,
                    "by": checkin.person(side).full_name,
                    "by_side": side,
                    "kind": "" if rating.gas_level is None else f"gas {rating.gas_level}",
                    "value": rating.score,
                    "text": rating.note,
                    "status": "see differently" if entry.row.see_differently else "",
                    "at": at,
                }


def latest_for_agreed(agreed, checkins):
    """[(item, checkin, ComparedGoal | None)] for a closed round's agreed items (in order), from
    `checkins` as `revealed_checkins` gives them: each item with its rating at the latest one."""
    if not checkins:
        return [(item, None, None) for item in agreed]
    checkin, latest = checkins[-1]
    keys = progress.agreed_series_keys(checkin.round_id, [series_source(i) for i in agreed])
    by_key = {entry.goal.series_key: entry for entry in latest.goals}
    return [(item, checkin, by_key.get(key)) for item, key in zip(agreed, keys, strict=True)]
