"""Writes for rounds a reassignment left behind: closing a round that can no longer go on.

After a client moves to another therapist, an open round with the previous therapist is
read-only for both (access.py); nobody could close it the usual way. Its previous therapist or
the clinic admin closes it "at reassignment": the agreed goals so far stay its outcome.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Assignment
from alignment.models import Round
from alignment.services import ActionRefused


def round_close_at_reassignment(*, round_):
    """Close a round whose pair is no longer assigned; refuse if it is closed or still paired."""
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        if locked.is_closed:
            raise ActionRefused(_("This round is already closed."))
        still_paired = Assignment.objects.current().filter(
            client_user_id=locked.client_user_id, therapist_id=locked.therapist_id
        )
        if still_paired.exists():
            raise ActionRefused(_("This client still works with this therapist."))
        now = timezone.now()
        locked.state = Round.State.CLOSED
        locked.closed_at = now
        locked.closed_at_reassignment = True
        locked.last_activity_at = now
        locked.save(
            update_fields=["state", "closed_at", "closed_at_reassignment", "last_activity_at"]
        )
    return locked
