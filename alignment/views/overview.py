"""The clinic admin's overview page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.access import admin_clinic
from alignment.overview import clinic_overview


@login_required
def overview(request):
    clinic = admin_clinic(request.user)
    # Composed here: check-ins are counted by their own app (a count, never their content).
    from checkins.reading import checkin_counts

    context = {
        "clinic": clinic,
        "numbers": clinic_overview(clinic=clinic),
        "checkins": checkin_counts(clinic=clinic),
    }
    return render(request, "alignment/clinic_overview.html", context)
