"""What the history pages show of check-ins: the list, a chart per goal, the cadence form.

Called by `alignment.views.reports` when it composes the client's history page.
"""

from accounts.models import Assignment
from checkins import reading
from checkins.access import checkins_visible_to
from checkins.forms import CadenceForm
from checkins.models import Cadence


def progress_context(*, user, client_user, own):
    """Check-ins of this client that `user` may see (a therapist: their own with the client)."""
    checkins = checkins_visible_to(user).filter(client_user=client_user)
    if not own:
        checkins = checkins.filter(therapist=user)
    checkins = list(checkins.order_by("-created_at", "-pk"))
    context = {
        "checkins": checkins,
        "progress": reading.progress_series(checkins),
        "open_checkin": next((c for c in checkins if c.is_rating), None),
    }
    if not own and user.is_therapist:
        cadence = Cadence.objects.filter(client_user=client_user).first()
        context["cadence_form"] = CadenceForm(
            initial={"weeks": cadence.weeks if cadence else Cadence.Weeks.OFF}
        )
        context["is_current_therapist"] = (
            Assignment.objects.current().filter(client_user=client_user, therapist=user).exists()
        )
    return context
