"""Every change to a check-in, each one function in one transaction.

A broken rule raises `alignment.services.ActionRefused` with a message for the person; nothing
has been written when it does.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment.models import Side
from alignment.services import ActionRefused, StaleDraft
from checkins import notifications, reading
from checkins.access import pair_is_current
from checkins.models import (
    Cadence,
    Checkin,
    CheckinComment,
    CheckinGoal,
    CheckinSide,
    GasScale,
    Rating,
)


@dataclass(frozen=True)
class RatingRow:
    goal_id: int
    score: int | None  # None: not rated yet (a draft may be partial)
    note: str = ""
    gas_level: int | None = None


def checkin_open(*, therapist, client_user, by_schedule=False, form_token=None, now=None):
    """Open a check-in on the agreed goals of the pair's last closed round."""
    now = now or timezone.now()
    with transaction.atomic():
        if form_token and Checkin.objects.filter(form_token=form_token).exists():
            raise ActionRefused(_("This check-in was already opened (the form was sent twice)."))
        if Checkin.objects.filter(
            client_user=client_user, therapist=therapist, state=Checkin.State.RATING
        ).exists():
            raise ActionRefused(_("A check-in with this client is already open."))
        round_ = reading.last_closed_round(client_user=client_user, therapist=therapist)
        goals = reading.agreed_goals(round_)
        if not goals:
            raise ActionRefused(
                _("There are no agreed goals to rate yet: close a round with agreed goals first.")
            )
        try:
            with transaction.atomic():
                checkin = Checkin.objects.create(
                    round=round_,
                    client_user=client_user,
                    therapist=therapist,
                    created_at=now,
                    by_schedule=by_schedule,
                    form_token=form_token,
                )
        except IntegrityError:
            raise ActionRefused(_("A check-in with this client is already open.")) from None
        for side in Side.values:
            CheckinSide.objects.create(checkin=checkin, side=side)
        CheckinGoal.objects.bulk_create(
            CheckinGoal(checkin=checkin, position=i, series_key=key, title=title)
            for i, (key, title) in enumerate(goals)
        )
        for side in Side.values:
            notifications.notify(
                checkin=checkin, recipient=checkin.person(side), event=notifications.OPENED
            )
    return checkin


def _locked(access):
    checkin = Checkin.objects.select_for_update().get(pk=access.checkin.pk)
    if not access.can_write:
        raise ActionRefused(_("You can read this check-in but no longer change it."))
    return checkin


def ratings_save(*, access, rows, version, submit=False):
    """Save this side's ratings (a draft) and, if asked, submit them: every goal rated."""
    with transaction.atomic():
        checkin = _locked(access)
        if checkin.is_revealed:
            raise ActionRefused(_("Both of you have submitted, so the ratings no longer change."))
        part = CheckinSide.objects.select_for_update().get(checkin=checkin, side=access.side)
        if part.submitted:
            raise ActionRefused(
                _("You have already submitted. Take the submission back to change a rating.")
            )
        if part.version != version:
            raise StaleDraft(
                _(
                    "Your ratings were changed somewhere else (another tab or device) since you "
                    "opened this page. Nothing was saved. Look at the saved ratings, then again."
                )
            )
        goals = {goal.pk: goal for goal in checkin.goals.all()}
        given = {row.goal_id: row for row in rows}
        if set(given) - set(goals):
            raise StaleDraft(_("One of these goals is not part of this check-in. Reload the page."))
        if submit and any(given.get(pk) is None or given[pk].score is None for pk in goals):
            raise ActionRefused(_("Rate every goal before you submit (a note is optional)."))
        for pk, goal in goals.items():
            row = given.get(pk)
            if row is None or row.score is None:
                Rating.objects.filter(goal=goal, side=access.side).delete()
                continue
            Rating.objects.update_or_create(
                goal=goal,
                side=access.side,
                defaults={"score": row.score, "note": row.note, "gas_level": row.gas_level},
            )
        part.version += 1
        part.save(update_fields=["version"])
        if submit:
            _submit(checkin, part)
    return part


def _submit(checkin, part):
    part.submitted_at = timezone.now()
    part.save(update_fields=["submitted_at"])
    other = CheckinSide.objects.select_for_update().exclude(pk=part.pk).get(checkin=checkin)
    if other.submitted:
        checkin.state = Checkin.State.REVEALED
        checkin.revealed_at = timezone.now()
        checkin.save(update_fields=["state", "revealed_at"])
        for side in Side.values:
            notifications.notify(
                checkin=checkin, recipient=checkin.person(side), event=notifications.REVEALED
            )


def submission_withdraw(*, access):
    """Take a submission back, allowed until the other side has submitted too."""
    with transaction.atomic():
        checkin = _locked(access)
        if checkin.is_revealed:
            raise ActionRefused(_("Both of you have submitted, so the ratings no longer change."))
        part = CheckinSide.objects.select_for_update().get(checkin=checkin, side=access.side)
        if not part.submitted:
            raise ActionRefused(
                _("Your ratings are not submitted, so there is nothing to take back.")
            )
        part.submitted_at = None
        part.version += 1
        part.save(update_fields=["submitted_at", "version"])


def comment_add(*, access, goal, body, author):
    """Comment on a goal of a revealed check-in."""
    with transaction.atomic():
        checkin = _locked(access)
        if not checkin.is_revealed:
            raise ActionRefused(_("Comments open once both of you have submitted your ratings."))
        return CheckinComment.objects.create(
            goal=goal, author=author, by_side=access.side, body=body
        )


def gas_scale_save(*, round_, series_key, weight, levels, by):
    """Describe (or change) the five attainment levels and the weight of one agreed goal.

    `round_` comes from `alignment.access.round_for(by, ...)`; only the current pair writes.
    """
    valid = {key for key, _title in reading.agreed_goals(round_)}
    if not round_.is_closed or series_key not in valid:
        raise ActionRefused(_("This goal is not among the agreed goals of this round."))
    if not pair_is_current(round_):
        raise ActionRefused(_("You can read this round but no longer change it."))
    with transaction.atomic():
        scale, _created = GasScale.objects.select_for_update().update_or_create(
            round=round_,
            series_key=series_key,
            defaults={
                "weight": weight,
                "much_less": levels[-2],
                "less": levels[-1],
                "expected": levels[0],
                "more": levels[1],
                "much_more": levels[2],
                "updated_by": by,
                "updated_at": timezone.now(),
            },
        )
    return scale


def cadence_set(*, therapist, client_user, weeks):
    """Set how often check-ins open by themselves for this client (0 = off)."""
    if weeks not in Cadence.Weeks.values:
        raise ActionRefused(_("Choose off, or every 2, 4 or 6 weeks."))
    with transaction.atomic():
        cadence, _created = Cadence.objects.update_or_create(
            client_user=client_user,
            defaults={"weeks": weeks, "set_by": therapist, "updated_at": timezone.now()},
        )
    return cadence


def reminder_mark(*, part_id, now):
    """Mark one side reminded, once: False if someone else already did (no second email)."""
    with transaction.atomic():
        part = CheckinSide.objects.select_for_update().select_related("checkin").get(pk=part_id)
        if part.reminded_at is not None or part.submitted or not part.checkin.is_rating:
            return False
        part.reminded_at = now
        part.save(update_fields=["reminded_at"])
        notifications.notify(
            checkin=part.checkin,
            recipient=part.checkin.person(part.side),
            event=notifications.REMINDER,
        )
    return True
