"""The clinic admin's page of account events (sign-ins, invitations, assignments, roles)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.access import admin_clinic
from accounts.activity import clinic_events


@login_required
def clinic_activity(request):
    clinic = admin_clinic(request.user)
    page = clinic_events(clinic=clinic, page_number=request.GET.get("page"))
    return render(request, "accounts/clinic_activity.html", {"page": page, "clinic": clinic})
