"""The one place that answers "may this person see, or change, this round?".

Anything outside a person's own rounds answers 404, never 403, so that its existence is not
confirmed. Clinic admins see no round at all: they manage accounts, not clinical content.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from accounts.models import Assignment
from alignment.models import Goal, Round, Side


def rounds_visible_to(user):
    """Rounds this person took part in, as client or as therapist, within their clinic."""
    if not user.is_authenticated or not user.clinic_id or not user.is_active:
        return Round.objects.none()
    mine = Q()
    if user.is_client:
        mine |= Q(client_user=user)
    if user.is_therapist:
        mine |= Q(therapist=user)
    if not mine:
        return Round.objects.none()
    return Round.objects.filter(mine, client_user__clinic_id=user.clinic_id)


@dataclass(frozen=True)
class RoundAccess:
    """A round as one person sees it: which side they are on and whether they may change it."""

    round: Round
    side: str
    can_write: bool

    @property
    def other_side(self):
        return Side.THERAPIST if self.side == Side.CLIENT else Side.CLIENT

    @property
    def other_person(self):
        return self.round.person(self.other_side)

    @property
    def is_therapist(self):
        return self.side == Side.THERAPIST


def round_for(user, round_id):
    """The round with this id as `user` sees it, or 404."""
    rounds = rounds_visible_to(user).select_related("client_user", "therapist")
    found = rounds.filter(pk=round_id).first()
    if found is None:
        raise Http404
    side = Side.THERAPIST if found.therapist_id == user.pk else Side.CLIENT
    return RoundAccess(round=found, side=side, can_write=_may_write(found))


def _may_write(round_):
    """Closed rounds are read-only, and so is a round whose therapist is no longer the client's.

    After a reassignment both sides keep reading the old round, but nobody can act in it: one
    side could no longer answer the other.
    """
    if round_.is_closed:
        return False
    return (
        Assignment.objects.current()
        .filter(client_user_id=round_.client_user_id, therapist_id=round_.therapist_id)
        .exists()
    )


def goal_for(access, goal_id):
    """A goal of this round that the person may see, or 404.

    Before the reveal a side sees only its own goals; the other side's draft does not exist
    for it.
    """
    goals = Goal.objects.filter(round=access.round, pk=goal_id)
    if access.round.is_drafting:
        goals = goals.filter(side=access.side)
    goal = goals.first()
    if goal is None:
        raise Http404
    return goal


def client_for_therapist(therapist, client_id):
    """A client currently assigned to this therapist, or 404."""
    assignment = (
        Assignment.objects.current()
        .filter(
            therapist=therapist,
            client_user_id=client_id,
            client_user__clinic_id=therapist.clinic_id,
            client_user__is_active=True,
        )
        .select_related("client_user")
        .first()
    )
    if assignment is None or not therapist.is_therapist:
        raise Http404
    return assignment.client_user


def history_client_for(therapist, client_id):
    """A client of this therapist's clinic whose rounds they took part in, or whom they were
    ever assigned, or 404: a past client's history stays readable after a reassignment."""
    # Imported here so that this addition leaves the module's header untouched.
    from django.db.models import Exists, OuterRef

    from accounts.models import User

    if not therapist.is_authenticated or not therapist.is_active:
        raise Http404
    if not therapist.is_therapist or not therapist.clinic_id:
        raise Http404
    took_part = rounds_visible_to(therapist).filter(therapist=therapist, client_user=OuterRef("pk"))
    assigned = Assignment.objects.filter(therapist=therapist, client_user=OuterRef("pk"))
    found = (
        User.objects.filter(pk=client_id, clinic_id=therapist.clinic_id)
        .filter(Exists(took_part) | Exists(assigned))
        .first()
    )
    if found is None:
        raise Http404
    return found


def left_open_by_reassignment(rounds):
    """The open rounds among `rounds` whose client has since moved to another therapist."""
    still_paired = Assignment.objects.current().filter(
        client_user_id=OuterRef("client_user_id"), therapist_id=OuterRef("therapist_id")
    )
    return rounds.open().exclude(Exists(still_paired))


def round_left_open_for(user, round_id):
    """A round left open by a reassignment that `user` may close as such, or 404.

    Its (previous) therapist may, and so may an admin of the client's clinic, who closes it
    without seeing any of its content.
    """
    if not user.is_authenticated or not user.is_active or not user.clinic_id:
        raise Http404
    may = Q(pk__in=[])
    if user.is_therapist:
        may |= Q(therapist=user)
    if user.is_clinic_admin:
        may |= Q(client_user__clinic_id=user.clinic_id)
    rounds = Round.objects.filter(may, client_user__clinic_id=user.clinic_id)
    found = (
        left_open_by_reassignment(rounds)
        .select_related("client_user", "therapist")
        .filter(pk=round_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def earlier_outcomes_for(therapist, client_id):
    """A client now assigned to `therapist`, and the client's closed rounds with any therapist.

    Continuity of care: after a reassignment the new therapist reads the outcome of earlier
    rounds (their agreed goals) and may start from it, but never those rounds' goals, labels,
    comments or discussion; pages built on this show agreed goals only. 404 for anyone else.
    """
    client_user = client_for_therapist(therapist, client_id)
    rounds = Round.objects.filter(
        client_user=client_user,
        client_user__clinic_id=therapist.clinic_id,
        state=Round.State.CLOSED,
    )
    return client_user, rounds.select_related("therapist").order_by("-closed_at", "-pk")
