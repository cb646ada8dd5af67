"""Every change to a round, each one function in one transaction.

Views validate the form, then call one of these. A rule that is broken raises `ActionRefused`
with a message for the person; nothing has been written when it does.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import notifications, progress, summary
from alignment.discussion import round_view
from alignment.models import (
    MAX_GOALS,
    Comment,
    Goal,
    Link,
    OverboardLabel,
    Resolution,
    Round,
    RoundSide,
    Side,
)


class ActionRefused(Exception):
    """A rule of the round stops this action; the message says why and what to do."""


class StaleDraft(ActionRefused):
    """The draft changed since the form was loaded (another tab or device saved it)."""


@dataclass(frozen=True)
class GoalRow:
    goal_id: int | None
    title: str
    success: str
    area: str
    importance: int


def _touch(round_):
    round_.last_activity_at = timezone.now()
    round_.save(update_fields=["last_activity_at"])
    summary.refresh(round_)


def _locked_round(access, *, states=(Round.State.DISCUSSING,)):
    """Lock the round row so that concurrent actions on it happen one after another."""
    round_ = Round.objects.select_for_update().get(pk=access.round.pk)
    if round_.state not in states:
        if round_.is_closed:
            raise ActionRefused(_("This round is closed, so it can no longer be changed."))
        if round_.is_drafting:
            raise ActionRefused(_("This can be done once both of you have submitted your goals."))
        raise ActionRefused(_("Both lists are revealed, so the goals themselves are frozen."))
    if not access.can_write:
        raise ActionRefused(_("You can read this round but no longer change it."))
    return round_


def round_open(*, therapist, client_user, title, from_previous=False, form_token=None):
    """Open a round for a therapist and their client, optionally from the last agreed goals."""
    with transaction.atomic():
        if form_token and Round.objects.filter(form_token=form_token).exists():
            raise ActionRefused(_("This round was already opened (the form was sent twice)."))
        if Round.objects.open().filter(client_user=client_user, therapist=therapist).exists():
            raise ActionRefused(
                _("There is already an open round with %(name)s. Close it before opening another.")
                % {"name": client_user.full_name}
            )
        # The client's last closed round with any therapist: after a reassignment the new
        # therapist starts from the outcome agreed with the previous one (access.py).
        previous = (
            Round.objects.filter(client_user=client_user, state=Round.State.CLOSED)
            .order_by("-closed_at")
            .first()
            if from_previous
            else None
        )
        try:
            with transaction.atomic():
                round_ = Round.objects.create(
                    client_user=client_user,
                    therapist=therapist,
                    title=title,
                    previous=previous,
                    form_token=form_token,
                )
        except IntegrityError:
            raise ActionRefused(_("There is already an open round with this client.")) from None
        for side in Side.values:
            RoundSide.objects.create(round=round_, side=side)
        if previous is not None:
            _prefill_from(previous, round_)
        notifications.notify(round_=round_, recipient=client_user, event=notifications.OPENED)
    return round_


def _prefill_from(previous, round_):
    """Both sides start from the agreed goals of the previous round, still editable."""
    view = round_view(previous)
    agreed = view.agreed[:MAX_GOALS]
    keys = progress.agreed_series_keys(previous.pk, [series_source(item) for item in agreed])
    for side in Side.values:
        for position, (item, key) in enumerate(zip(agreed, keys, strict=True)):
            source = item.client_goal or item.therapist_goal
            Goal.objects.create(
                round=round_,
                side=side,
                position=position,
                title=item.agreed_title,
                success=source.success,
                area=source.area,
                importance=source.importance,
                series_key=key,
            )


def series_source(item):
    """What `progress.agreed_series_keys` needs of one agreed item (an ItemView)."""
    client_goal, therapist_goal = item.client_goal, item.therapist_goal
    return (
        item.key,
        client_goal.series_key if client_goal else "",
        therapist_goal.series_key if therapist_goal else "",
    )


def goals_save(*, access, rows, version, submit=False):
    """Save one side's draft (rows in order) and, if asked, submit it.

    Refused when the draft changed since the form was loaded, so nothing is overwritten.
    """
    with transaction.atomic():
        round_ = _locked_round(access, states=(Round.State.DRAFTING,))
        part = RoundSide.objects.select_for_update().get(round=round_, side=access.side)
        if part.submitted:
            raise ActionRefused(
                _(
                    "You have already submitted these goals. "
                    "Take the submission back to change them."
                )
            )
        if part.version != version:
            raise StaleDraft(
                _(
                    "Your goals were changed somewhere else (another tab or device) since you "
                    "opened this page. Nothing was saved. What you typed is still below: compare "
                    "it with the saved version, then save again."
                )
            )
        if len(rows) > MAX_GOALS:
            raise ActionRefused(_("You can write at most 10 goals. Remove one to add another."))
        existing = {goal.id: goal for goal in Goal.objects.filter(round=round_, side=access.side)}
        kept = set()
        for position, row in enumerate(rows):
            if row.goal_id is not None and row.goal_id not in existing:
                raise StaleDraft(_("One of these goals no longer exists. Reload the page."))
            goal = existing.get(row.goal_id) or Goal(round=round_, side=access.side)
            goal.position = position
            goal.title, goal.success = row.title, row.success
            goal.area, goal.importance = row.area, row.importance
            goal.full_clean(exclude=["round"])
            goal.save()
            kept.add(goal.id)
        # Only this side has ever seen its draft, so removed draft goals can go for good.
        Goal.objects.filter(id__in=set(existing) - kept).delete()
        part.version += 1
        part.updated_at = timezone.now()
        part.save(update_fields=["version", "updated_at"])
        if submit:
            _submit(round_, part, count=len(kept))
            # Only a submission moves the round's last activity: before the reveal the other
            # side may learn whether this side submitted, never when it worked on a draft.
            _touch(round_)
    return part


def _submit(round_, part, *, count):
    if count == 0:
        raise ActionRefused(_("Write at least one goal before you submit."))
    part.submitted_at = timezone.now()
    part.save(update_fields=["submitted_at"])
    other = RoundSide.objects.select_for_update().exclude(pk=part.pk).get(round=round_)
    if other.submitted:
        round_.state = Round.State.DISCUSSING
        round_.revealed_at = timezone.now()
        round_.save(update_fields=["state", "revealed_at"])
        for side in Side.values:
            notifications.notify(
                round_=round_, recipient=round_.person(side), event=notifications.REVEALED
            )
    else:
        other_person = round_.person(other.side)
        notifications.notify(round_=round_, recipient=other_person, event=notifications.SUBMITTED)


def submission_withdraw(*, access):
    """Take a submission back, allowed until the other side has submitted too."""
    with transaction.atomic():
        round_ = _locked_round(access, states=(Round.State.DRAFTING,))
        part = RoundSide.objects.select_for_update().get(round=round_, side=access.side)
        if not part.submitted:
            raise ActionRefused(
                _("Your goals are not submitted, so there is nothing to take back.")
            )
        part.submitted_at = None
        part.version += 1
        part.save(update_fields=["submitted_at", "version"])
        _touch(round_)


def label_place(*, access, goal, kind, reason, placed_by):
    """Label a visible goal overboard; own goals may be labelled while drafting too."""
    states = (Round.State.DISCUSSING,)
    if goal.side == access.side:
        states = (Round.State.DRAFTING, Round.State.DISCUSSING)
    with transaction.atomic():
        round_ = _locked_round(access, states=states)
        if OverboardLabel.objects.filter(
            goal=goal, placed_by=placed_by, withdrawn_at__isnull=True
        ).exists():
            raise ActionRefused(
                _("You have already labelled this goal overboard. Withdraw that label first.")
            )
        label = OverboardLabel.objects.create(
            goal=goal, placed_by=placed_by, by_side=access.side, kind=kind, reason=reason
        )
        _touch(round_)
        if goal.side != access.side:
            owner = round_.person(goal.side)
            notifications.notify(round_=round_, recipient=owner, event=notifications.LABELLED)
    return label


def label_withdraw(*, access, label, by):
    """Withdraw one's own label; it stays in the history as withdrawn."""
    with transaction.atomic():
        round_ = _locked_round(access, states=(Round.State.DRAFTING, Round.State.DISCUSSING))
        label = OverboardLabel.objects.select_for_update().get(pk=label.pk)
        if label.placed_by_id != by.pk:
            raise ActionRefused(_("Only the person who placed a label can withdraw it."))
        if not label.is_open:
            raise ActionRefused(_("This label was already withdrawn."))
        label.withdrawn_at = timezone.now()
        label.save(update_fields=["withdrawn_at"])
        _touch(round_)
    return label


def link_create(*, access, client_goal, therapist_goal, by, relation=Link.Relation.SAME):
    """Link a client goal and a therapist goal that mean the same thing (or pull apart)."""
    if relation not in Link.Relation.values:
        raise ActionRefused(_("Choose how the two goals relate."))
    if client_goal.side != Side.CLIENT or therapist_goal.side != Side.THERAPIST:
        raise ActionRefused(
            _("A link joins one of the client's goals with one of the therapist's.")
        )
    with transaction.atomic():
        round_ = _locked_round(access)
        linked = Link.objects.filter(round=round_, removed_at__isnull=True)
        if linked.filter(client_goal=client_goal, therapist_goal=therapist_goal).exists():
            raise ActionRefused(_("These two goals are already linked."))
        if (
            linked.filter(client_goal=client_goal).exists()
            or linked.filter(therapist_goal=therapist_goal).exists()
        ):
            raise ActionRefused(
                _("One of these goals is already linked to another. Unlink it first.")
            )
        link = Link.objects.create(
            round=round_,
            client_goal=client_goal,
            therapist_goal=therapist_goal,
            created_by=by,
            relation=relation,
        )
        _touch(round_)
    return link


def link_remove(*, access, link, by):
    """Unlink a pair; the link stays in the history as removed."""
    with transaction.atomic():
        round_ = _locked_round(access)
        link = Link.objects.select_for_update().get(pk=link.pk)
        if link.removed_at is not None:
            raise ActionRefused(_("These goals were already unlinked."))
        link.removed_at, link.removed_by = timezone.now(), by
        link.save(update_fields=["removed_at", "removed_by"])
        _touch(round_)


def _current_item(round_, item_key):
    view = round_view(round_)
    item = view.item(item_key)
    if item is None:
        raise ActionRefused(
            _(
                "This item changed since you loaded the page (goals were linked or unlinked). "
                "Look at it again and retry."
            )
        )
    return item


def comment_add(*, access, item_key, body, author, form_token=None):
    """Comment on an agenda item."""
    with transaction.atomic():
        round_ = _locked_round(access)
        if form_token and Comment.objects.filter(form_token=form_token).exists():
            raise ActionRefused(_("This comment was already posted (the form was sent twice)."))
        item = _current_item(round_, item_key)
        comment = Comment.objects.create(
            round=round_,
            goal_id=item.item.goal.id,
            partner_id=item.item.partner.id if item.item.partner else None,
            author=author,
            by_side=access.side,
            body=body,
            form_token=form_token,
        )
        _touch(round_)
        notifications.notify(
            round_=round_, recipient=access.other_person, event=notifications.COMMENTED
        )
    return comment


def resolution_propose(*, access, item_key, decision, new_title, by, form_token=None):
    """Propose (or counter with) a resolution; the other side confirms it."""
    if decision == Resolution.Decision.REVISE and not new_title.strip():
        raise ActionRefused(_("Write the agreed new wording for a revision."))
    with transaction.atomic():
        round_ = _locked_round(access)
        if form_token and Resolution.objects.filter(form_token=form_token).exists():
            raise ActionRefused(_("This proposal was already sent (the form was sent twice)."))
        item = _current_item(round_, item_key)
        now = timezone.now()
        Resolution.objects.filter(
            round=round_, item_key=item_key, superseded_at__isnull=True
        ).update(superseded_at=now)
        resolution = Resolution.objects.create(
            round=round_,
            item_key=item_key,
            goal_id=item.item.goal.id,
            partner_id=item.item.partner.id if item.item.partner else None,
            decision=decision,
            new_title=new_title.strip() if decision == Resolution.Decision.REVISE else "",
            proposed_by=by,
            by_side=access.side,
            form_token=form_token,
        )
        _touch(round_)
        notifications.notify(
            round_=round_, recipient=access.other_person, event=notifications.PROPOSED
        )
    return resolution


def resolution_confirm(*, access, resolution, by):
    """Confirm the other side's proposal: the item is then resolved."""
    with transaction.atomic():
        round_ = _locked_round(access)
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
        if resolution.superseded_at is not None:
            raise ActionRefused(_("This proposal was replaced by a newer one. Look at that one."))
        if resolution.is_confirmed:
            raise ActionRefused(_("This resolution is already confirmed."))
        if resolution.by_side == access.side:
            raise ActionRefused(
                _("You cannot confirm your own proposal: the other side confirms it.")
            )
        resolution.confirmed_by, resolution.confirmed_at = by, timezone.now()
        resolution.save(update_fields=["confirmed_by", "confirmed_at"])
        _touch(round_)
    return resolution


def round_close(*, access):
    """The therapist closes the round; it becomes read-only."""
    if not access.is_therapist:
        raise ActionRefused(_("Only the therapist can close a round."))
    with transaction.atomic():
        round_ = _locked_round(access)
        round_.state = Round.State.CLOSED
        round_.closed_at = timezone.now()
        round_.save(update_fields=["state", "closed_at"])
        _touch(round_)
        notifications.notify(
            round_=round_, recipient=round_.client_user, event=notifications.CLOSED
        )
    return round_
