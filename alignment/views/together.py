"""The session view: a round to look at together, in large type, one agenda item at a time.

Read-only except proposing and confirming resolutions, for either side; the same access rules
as the round page (alignment.access).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from alignment import access as access_rules
from alignment.views.pages import round_context


def _context(request, round_id):
    access = access_rules.round_for(request.user, round_id)
    if access.round.is_drafting:
        return None
    return round_context(access)


@login_required
def round_together(request, round_id):
    context = _context(request, round_id)
    if context is None:
        return redirect("round_detail", round_id=round_id)
    context["together"] = True
    return render(request, "alignment/round_together.html", context)


@login_required
def round_together_item(request, round_id, number):
    context = _context(request, round_id)
    if context is None:
        return redirect("round_detail", round_id=round_id)
    items = context["view"].items
    if not 1 <= number <= len(items):
        raise Http404
    context.update(
        item=items[number - 1],
        number=number,
        total=len(items),
        together=number,
        previous=number - 1 if number > 1 else None,
        next=number + 1 if number < len(items) else None,
    )
    return render(request, "alignment/round_together_item.html", context)
