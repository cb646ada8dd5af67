"""The client's "who has seen my goals" page, read from the audit trail."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from alignment.seen import views_by_others


@login_required
def who_has_seen(request):
    """Each time someone else opened this client's rounds, report or history: who and when."""
    if not request.user.is_client:
        raise Http404
    page = views_by_others(client_user=request.user, page_number=request.GET.get("page"))
    return render(request, "alignment/who_has_seen.html", {"page": page})
