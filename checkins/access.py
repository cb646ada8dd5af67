"""The one place that answers "may this person see, or change, this check-in?".

A check-in rates the agreed goals of one round, so whoever may see that round (its client and
its therapist, per `alignment.access`) may see the check-in; everyone else, clinic admins
included, gets 404. Only the pair currently assigned may change it.
"""

from dataclasses import dataclass

from django.http import Http404

from accounts.models import Assignment
from alignment.access import rounds_visible_to
from alignment.models import Side
from checkins.models import Checkin, CheckinGoal


def checkins_visible_to(user):
    """Check-ins of rounds this person may see."""
    return Checkin.objects.filter(round__in=rounds_visible_to(user))


@dataclass(frozen=True)
class CheckinAccess:
    checkin: Checkin
    side: str
    can_write: bool

    @property
    def other_side(self):
        return Side.THERAPIST if self.side == Side.CLIENT else Side.CLIENT

    @property
    def other_person(self):
        return self.checkin.person(self.other_side)

    @property
    def is_therapist(self):
        return self.side == Side.THERAPIST


def checkin_for(user, checkin_id):
    """The check-in with this id as `user` sees it, or 404."""
    found = (
        checkins_visible_to(user)
        .select_related("client_user", "therapist", "round")
        .filter(pk=checkin_id)
        .first()
    )
    if found is None:
        raise Http404
    side = Side.THERAPIST if found.therapist_id == user.pk else Side.CLIENT
    return CheckinAccess(checkin=found, side=side, can_write=pair_is_current(found))


def pair_is_current(checkin):
    """After a reassignment the old pair can read their check-ins but change nothing."""
    return (
        Assignment.objects.current()
        .filter(client_user_id=checkin.client_user_id, therapist_id=checkin.therapist_id)
        .exists()
    )


def goal_for(access, goal_id):
    """A goal of this check-in, or 404."""
    goal = CheckinGoal.objects.filter(checkin=access.checkin, pk=goal_id).first()
    if goal is None:
        raise Http404
    return goal
