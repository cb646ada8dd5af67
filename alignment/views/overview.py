"""The clinic admin's overview page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.access import admin_clinic
from alignment.access import left_open_by_reassignment
from alignment.models import Round
from alignment.overview import clinic_overview


@login_required
def overview(request):
    clinic = admin_clinic(request.user)
    # Who and when only, never the round's name: an admin closes these without their content.
    left_open = left_open_by_reassignment(Round.objects.filter(client_user__clinic=clinic))
    # Composed here: check-ins are counted by their own app (a count, never their content).
    from checkins.reading import checkin_counts

    context = {
        "clinic": clinic,
        "numbers": clinic_overview(clinic=clinic),
        "checkins": checkin_counts(clinic=clinic),
        "left_open": left_open.select_related("client_user", "therapist").order_by("created_at"),
    }
    return render(request, "alignment/clinic_overview.html", context)
